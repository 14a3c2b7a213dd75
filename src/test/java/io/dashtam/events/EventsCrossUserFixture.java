package io.dashtam.events;

import io.dashtam.testing.CrossUserFixture;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import java.util.Map;
import java.util.Set;

/**
 * The event stream is the caller's own: B replays its whole history ({@code lastEventId=0}, {@code follow=false}
 * so the answer ends) and must see none of A's marks. Streams during a sync run: EventStreamAcrossInstancesIT.
 */
public class EventsCrossUserFixture implements CrossUserFixture {

    @Override
    public Map<String, Request> requests(IntegrationTest.Caller owner, TestClient anonymous) {
        // A list, not self-scoped: B replays with its own session (a fresh login per self request would run
        // into the per-account login limit).
        // A has no events from HTTP calls alone, so there are no owned ids to look for: B must get its own (empty)
        // replay, 200. Isolation with real events from a sync run: EventStreamAcrossInstancesIT.
        return Map.of("GET /api/v1/events", new Request("GET", "/api/v1/events?follow=false&lastEventId=0", null,
                Set.of(), Request.Kind.LIST));
    }
}

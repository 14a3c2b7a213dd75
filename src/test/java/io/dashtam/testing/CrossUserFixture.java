package io.dashtam.testing;

import java.util.Map;

/**
 * How the cross-user isolation test reaches a module's user-scoped endpoints. Each module's test sources hold one
 * public implementation with a public no-arg constructor (found by classpath scanning under {@code io.dashtam}).
 * The test calls {@link #requests} for user A, then replays every request as user B: single resources must answer
 * 404, lists must hold none of A's ids. A user-scoped request mapping that no fixture covers fails the test.
 */
public interface CrossUserFixture {

    /**
     * Creates resources owned by {@code owner} and returns, keyed by {@code "METHOD /pattern"} exactly as the
     * request mapping declares it (e.g. {@code "GET /api/v1/connections/{id}"}), a request aimed at them.
     */
    Map<String, Request> requests(IntegrationTest.Caller owner, TestClient anonymous);

    /**
     * A concrete request. {@code body} is JSON or null. For a list, {@code ownedIds} are ids of the owner's items
     * that must not appear in another user's answer; for a single resource it is empty and 404 is expected.
     */
    record Request(String method, String path, String body, java.util.Set<String> ownedIds) {

        public static Request single(String method, String path, String body) {
            return new Request(method, path, body, java.util.Set.of());
        }

        public static Request list(String path, java.util.Set<String> ownedIds) {
            return new Request("GET", path, null, ownedIds);
        }

        public boolean isList() {
            return !ownedIds.isEmpty();
        }
    }
}

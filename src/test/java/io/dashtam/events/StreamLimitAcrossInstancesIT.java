package io.dashtam.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.UserId;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.Replica;
import io.dashtam.testing.SseClient;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The per-user stream limit holds across replicas: streams on A and B count together, the next one is refused
 * with 429 on either, a closed stream frees its slot for the other instance, the heartbeat keeps an open
 * stream's slot, and the slots of a replica that died (leases nobody renews) are free once their lease lapses.
 */
class StreamLimitAcrossInstancesIT extends IntegrationTest {

    @RegisterExtension
    static final Replica b = new Replica();

    @Autowired
    EventStreams streams;
    @Autowired
    EventsProperties properties;

    private static SseClient open(int port, Caller caller) {
        return SseClient.open("https://localhost:" + port, "/api/v1/events", caller.accessToken(), null);
    }

    private static SseClient opened(int port, Caller caller) {
        var stream = open(port, caller);
        assertThat(stream.response().statusCode()).isEqualTo(200);
        return stream;
    }

    /** Leases that count now (by the injected clock). */
    private long live(Caller caller) {
        return jdbc.sql("SELECT count(*) FROM event_stream_leases WHERE user_id = :u AND expires_at > :now")
                .param("u", UUID.fromString(caller.userId())).param("now", Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }

    private static void assertRefused(SseClient refused) {
        assertThat(refused.response().statusCode()).isEqualTo(429);
        assertThat(refused.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.response().headers().firstValue("Retry-After")).isPresent();
        refused.close();
    }

    @Test
    void streamsOnBothInstancesCountTogether() {
        int max = properties.maxStreamsPerUser();
        var alice = newUser();
        var bob = newUser();
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < max; i++) {
                open.add(opened(i % 2 == 0 ? port : b.port(), alice));
            }
            assertThat(live(alice)).isEqualTo(max);
            assertRefused(open(port, alice));
            assertRefused(open(b.port(), alice));
            // Another user's limit is their own.
            try (var bobs = opened(b.port(), bob)) {
                assertThat(live(bob)).isEqualTo(1);
            }

            // A stream closed on A frees its slot (the heartbeat's write finds it gone) for a stream on B.
            open.remove(0).close();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (live(alice) == max && System.nanoTime() < deadline) {
                streams.tick();
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            assertThat(live(alice)).isEqualTo(max - 1);
            open.add(opened(b.port(), alice));
            assertRefused(open(port, alice));
        } finally {
            open.forEach(SseClient::close);
        }
    }

    @Test
    void theHeartbeatKeepsASlotAndADeadReplicasSlotsLapse() {
        int max = properties.maxStreamsPerUser();
        var alice = newUser();
        UserId id = UserId.of(alice.userId());
        // A replica that died with all of alice's streams open: its leases are never renewed nor released.
        for (int i = 0; i < max; i++) {
            jdbc.sql("""
                    INSERT INTO event_stream_leases (id, user_id, instance, opened_at, expires_at)
                    VALUES (:id, :u, 'dead-replica', :now, :until)""")
                    .param("id", UUID.randomUUID()).param("u", id.value())
                    .param("now", Timestamp.from(clock.instant()))
                    .param("until", Timestamp.from(clock.instant().plus(properties.streamLease()))).update();
        }
        assertRefused(open(port, alice));
        assertRefused(open(b.port(), alice));

        clock.advance(properties.streamLease().plusSeconds(1));
        try (var stream = opened(b.port(), alice)) {
            assertThat(live(alice)).isEqualTo(1);
            // Two heartbeats later the stream's first lease would have lapsed; the heartbeat renewed it.
            clock.advance(properties.streamLease().minusSeconds(5));
            b.bean(EventStreams.class).tick();
            clock.advance(Duration.ofSeconds(10));
            assertThat(live(alice)).isEqualTo(1);
        }
        // Retention drops the lapsed rows.
        assertThat(b.bean(EventRetention.class).run()).isGreaterThanOrEqualTo(0);
        assertThat(jdbc.sql("SELECT count(*) FROM event_stream_leases WHERE instance = 'dead-replica'")
                .query(Long.class).single()).isZero();
    }
}

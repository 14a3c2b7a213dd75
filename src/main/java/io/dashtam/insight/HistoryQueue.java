package io.dashtam.insight;

import io.dashtam.core.UserId;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * history_pending: the accounts whose history waits to be derived again, from which day on. A request coalesces
 * with one already waiting (the earlier day wins, the version moves on, any claim is dropped) and NOTIFYs
 * {@link #CHANNEL}; replicas claim with a lease ({@code SKIP LOCKED}), and a claim is done only if no request came
 * meanwhile (same version), so a change during a derivation is derived again.
 */
@Repository
class HistoryQueue {

    static final String CHANNEL = "history_pending";

    /** A claimed account: {@link #done} once its history is stored. */
    record Claim(UUID accountId, long version) {
    }

    private final JdbcClient jdbc;

    HistoryQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Asks for the account's history from {@code from} on; an account gone meanwhile (deleted) is skipped. */
    @Transactional
    public void request(UUID account, UserId user, LocalDate from, Instant now) {
        jdbc.sql("""
                INSERT INTO history_pending (account_id, user_id, from_day, requested_at, version)
                SELECT :a, :u, :from, :now, 1 WHERE EXISTS (SELECT 1 FROM accounts WHERE id = :a)
                ON CONFLICT (account_id) DO UPDATE SET from_day = least(history_pending.from_day, excluded.from_day),
                    version = history_pending.version + 1, claimed_until = NULL""")
                .param("a", account).param("u", user.value()).param("from", Date.valueOf(from))
                .param("now", Timestamp.from(now)).update();
        jdbc.sql("SELECT pg_notify(:c, '')").param("c", CHANNEL).query((rs, n) -> 0).list();
    }

    /** Claims up to {@code limit} waiting accounts, longest waiting first, for {@code lease} (others skip them). */
    @Transactional
    public List<Claim> claim(int limit, Duration lease, Instant now) {
        return jdbc.sql("""
                UPDATE history_pending SET claimed_until = :until
                WHERE account_id IN (SELECT account_id FROM history_pending
                    WHERE claimed_until IS NULL OR claimed_until < :now ORDER BY requested_at LIMIT :n
                    FOR UPDATE SKIP LOCKED)
                RETURNING account_id, version""")
                .param("until", Timestamp.from(now.plus(lease))).param("now", Timestamp.from(now)).param("n", limit)
                .query((rs, n) -> new Claim(rs.getObject(1, UUID.class), rs.getLong(2))).list();
    }

    /** The claim is done, unless the account was asked for again meanwhile (then it waits for the next round). */
    @Transactional
    public void done(Claim claim) {
        jdbc.sql("DELETE FROM history_pending WHERE account_id = :a AND version = :v")
                .param("a", claim.accountId()).param("v", claim.version()).update();
    }

    /** Whether any account of the user waits for its history. */
    @Transactional(readOnly = true)
    public boolean pending(UserId user) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM history_pending WHERE user_id = :u)")
                .param("u", user.value()).query(Boolean.class).single();
    }
}

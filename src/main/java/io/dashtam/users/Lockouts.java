package io.dashtam.users;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Lockout state per account (lower-cased email), in PostgreSQL so every instance sees the same count. */
@Repository
class Lockouts {

    private final JdbcClient jdbc;

    Lockouts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The account's state, row-locked until the transaction ends, so concurrent attempts on one account are
     * counted one after the other. The row is created first because a missing row cannot be locked.
     */
    Lockout lock(String account, Instant now) {
        jdbc.sql("INSERT INTO login_lockouts (account, failures, updated_at) VALUES (:account, 0, :now) "
                + "ON CONFLICT (account) DO NOTHING")
                .param("account", account).param("now", Timestamp.from(now)).update();
        return jdbc.sql("SELECT failures, locked_until FROM login_lockouts WHERE account = :account FOR UPDATE")
                .param("account", account)
                .query((rs, n) -> new Lockout(rs.getInt("failures"), rs.getTimestamp("locked_until") == null ? null
                        : rs.getTimestamp("locked_until").toInstant()))
                .single();
    }

    void save(String account, Lockout state, Instant now) {
        jdbc.sql("UPDATE login_lockouts SET failures = :failures, locked_until = :until, updated_at = :now "
                + "WHERE account = :account")
                .param("failures", state.failures())
                .param("until", state.lockedUntil() == null ? null : Timestamp.from(state.lockedUntil()))
                .param("now", Timestamp.from(now)).param("account", account).update();
    }

    void clear(String account) {
        jdbc.sql("DELETE FROM login_lockouts WHERE account = :account").param("account", account).update();
    }

    int purge(Instant before) {
        return jdbc.sql("DELETE FROM login_lockouts WHERE updated_at < :before AND "
                + "(locked_until IS NULL OR locked_until < :before)")
                .param("before", Timestamp.from(before)).update();
    }
}

package io.dashtam.users;

import io.dashtam.core.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users table, in plain SQL. Emails are compared lower-cased. */
@Repository
class Users {

    /** The advisory lock key of first sign-ups ("dashtam1" in ASCII): unique among the app's advisory locks. */
    private static final long FIRST_USER_LOCK = 0x64617368_74616d31L;

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when the email is taken (the unique index decides, so two racing registrations cannot both win). */
    boolean insert(User user) {
        return jdbc.sql("""
                INSERT INTO users (id, email, name, password_hash, role, status, created_at)
                VALUES (:id, :email, :name, :hash, :role, :status, :created)
                ON CONFLICT (lower(email)) DO NOTHING""")
                .param("id", user.id().value()).param("email", user.email()).param("name", user.name())
                .param("hash", user.passwordHash()).param("role", user.role()).param("status", user.status())
                .param("created", Timestamp.from(user.createdAt()))
                .update() == 1;
    }

    /** Any account at all; once one exists the install is never "empty" again (accounts are disabled, not deleted). */
    boolean any() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users)").query(Boolean.class).single();
    }

    /**
     * True when this transaction may create the install's first account. A transaction-scoped advisory lock makes
     * first sign-ups on every replica take turns, so exactly one of them sees the table empty; once any account
     * exists, no lock is taken at all.
     */
    boolean emptyForFirstUser() {
        if (any()) {
            return false;
        }
        jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", FIRST_USER_LOCK).query().singleRow();
        return !any();
    }

    Optional<User> byEmail(String email) {
        return jdbc.sql("SELECT * FROM users WHERE lower(email) = :email")
                .param("email", email.trim().toLowerCase(Locale.ROOT)).query(Users::map).optional();
    }

    Optional<User> byId(UserId id) {
        return jdbc.sql("SELECT * FROM users WHERE id = :id").param("id", id.value()).query(Users::map).optional();
    }

    /** The row, locked until the transaction ends (status and password changes). */
    Optional<User> lock(UserId id) {
        return jdbc.sql("SELECT * FROM users WHERE id = :id FOR UPDATE").param("id", id.value())
                .query(Users::map).optional();
    }

    List<User> page(int limit, int offset) {
        return jdbc.sql("SELECT * FROM users ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .param("limit", limit).param("offset", offset).query(Users::map).list();
    }

    void setStatus(User user) {
        jdbc.sql("UPDATE users SET status = :status WHERE id = :id").param("status", user.status())
                .param("id", user.id().value()).update();
    }

    void setPasswordHash(UserId id, String hash) {
        jdbc.sql("UPDATE users SET password_hash = :hash WHERE id = :id").param("hash", hash)
                .param("id", id.value()).update();
    }

    /** Marks the email verified and, when {@code admin}, promotes the account. */
    void markVerified(UserId id, Instant at, boolean admin) {
        jdbc.sql("""
                UPDATE users SET email_verified_at = COALESCE(email_verified_at, :at),
                       role = CASE WHEN :admin THEN 'admin' ELSE role END
                WHERE id = :id""")
                .param("at", Timestamp.from(at)).param("admin", admin).param("id", id.value()).update();
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        Timestamp verified = rs.getTimestamp("email_verified_at");
        return new User(new UserId(rs.getObject("id", UUID.class)), rs.getString("email"),
                rs.getString("name"), rs.getString("password_hash"), rs.getString("role"), rs.getString("status"),
                verified == null ? null : verified.toInstant(), rs.getTimestamp("created_at").toInstant());
    }
}

package io.dashtam.users;

import io.dashtam.core.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users table, in plain SQL. Emails are compared lower-cased. */
@Repository
class Users {

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
                .param("created", java.sql.Timestamp.from(user.createdAt()))
                .update() == 1;
    }

    Optional<User> byEmail(String email) {
        return jdbc.sql("SELECT * FROM users WHERE lower(email) = :email")
                .param("email", email.toLowerCase(Locale.ROOT)).query(Users::map).optional();
    }

    Optional<User> byId(UserId id) {
        return jdbc.sql("SELECT * FROM users WHERE id = :id").param("id", id.value()).query(Users::map).optional();
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(new UserId(rs.getObject("id", java.util.UUID.class)), rs.getString("email"),
                rs.getString("name"), rs.getString("password_hash"), rs.getString("role"), rs.getString("status"),
                rs.getTimestamp("created_at").toInstant());
    }

}

package io.dashtam.users;

import io.dashtam.core.PersonalData;
import io.dashtam.core.UserId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A user's profile, sessions, access tokens and second factor (what they are, never their secrets) for their export; on erasure (last of all modules) their sessions are ended (every
 * replica refuses them at once), the mail waiting for them, their lockout and rate-limit counters go, and their
 * row is deleted, which takes everything that references it along (foreign keys).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class UsersPersonalData implements PersonalData {

    private static final String UTC = "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    private final JdbcClient jdbc;
    private final Sessions sessions;

    UsersPersonalData(JdbcClient jdbc, Sessions sessions) {
        this.jdbc = jdbc;
        this.sessions = sessions;
    }

    @Override
    public void export(UserId user, Archive archive) throws IOException {
        write(archive, "profile.json", """
                SELECT coalesce((SELECT json_build_object('id', id, 'email', email, 'name', name, 'role', role,
                    'status', status, 'createdAt', %s, 'emailVerifiedAt', %s, 'timeZone', time_zone,
                    'baseCurrency', (SELECT currency FROM user_base_currency WHERE user_id = users.id))
                FROM users WHERE id = :user), '{}'::json)::text""".formatted(utc("created_at"), utc("email_verified_at")),
                user);
        write(archive, "sessions.json", """
                SELECT coalesce(json_agg(json_build_object('id', id, 'createdAt', %s, 'lastUsedAt', %s,
                    'expiresAt', %s, 'endedAt', %s, 'ip', ip, 'userAgent', user_agent) ORDER BY created_at), '[]'::json)::text
                FROM user_sessions WHERE user_id = :user""".formatted(utc("created_at"), utc("last_used_at"),
                utc("expires_at"), utc("revoked_at")), user);
        // What the user's credentials are, never what proves them (no secret, hash or sealed value).
        write(archive, "access-tokens.json", """
                SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'scope', scope, 'createdAt', %s,
                    'expiresAt', %s, 'lastUsedAt', %s, 'lastUsedIp', last_used_ip, 'revokedAt', %s)
                    ORDER BY created_at), '[]'::json)::text
                FROM personal_access_tokens WHERE user_id = :user""".formatted(utc("created_at"), utc("expires_at"),
                utc("last_used_at"), utc("revoked_at")), user);
        write(archive, "second-factor.json", """
                SELECT json_build_object('totpEnabledAt', (SELECT %s FROM user_totp
                        WHERE user_id = :user AND confirmed_at IS NOT NULL),
                    'recoveryCodesLeft', (SELECT count(*) FROM user_recovery_codes
                        WHERE user_id = :user AND used_at IS NULL))::text""".formatted(utc("confirmed_at")), user);
    }

    @Override
    public void erase(UserId user) {
        String email = jdbc.sql("SELECT lower(email) FROM users WHERE id = :user FOR UPDATE")
                .param("user", user.value()).query(String.class).optional().orElse(null);
        if (email == null) {
            return;
        }
        sessions.revokeAll(user, null, "account deleted");
        jdbc.sql("DELETE FROM outbox WHERE lower(recipient) = :email").param("email", email).update();
        jdbc.sql("DELETE FROM login_lockouts WHERE account = :email").param("email", email).update();
        jdbc.sql("DELETE FROM rate_limit_counters WHERE bucket LIKE :byEmail OR bucket LIKE :byId")
                .param("byEmail", "%|account|" + escape(email)).param("byId", "%|account|" + user.value())
                .update();
        jdbc.sql("DELETE FROM users WHERE id = :user").param("user", user.value()).update();
    }

    private void write(Archive archive, String name, String sql, UserId user) throws IOException {
        String json = jdbc.sql(sql).param("user", user.value()).query(String.class).single();
        try (OutputStream out = archive.file(name)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String escape(String like) {
        return like.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String utc(String column) {
        return UTC.formatted(column);
    }
}

package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.ForbiddenException;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.RequestOrigin;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may sign up, in force now: an admin's choice (the one row of {@code registration_setting}) wins over
 * {@code DASHTAM_REGISTRATION}, which is the default. Read from PostgreSQL on every use, never kept in memory, so
 * every replica applies a change from its next sign-up on.
 */
@Service
public class RegistrationSetting {

    static final String SOURCE_ADMIN = "admin";
    static final String SOURCE_CONFIGURATION = "configuration";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final RegistrationMode configured;

    RegistrationSetting(JdbcClient jdbc, AuditLog audit, Clock clock, UsersProperties properties) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.configured = properties.registration();
    }

    /**
     * The mode in force and where it comes from ({@code admin} or {@code configuration}); {@code configured} is
     * what DASHTAM_REGISTRATION says, in force again after a reset. {@code changedBy} is the admin's email.
     */
    public record RegistrationView(String mode, String source, String configured, Instant changedAt,
            String changedBy) {
    }

    private record Stored(RegistrationMode mode, Instant changedAt, String changedBy) {
    }

    /** The mode for one sign-up attempt or invite: the stored row if there is one, else the configuration. */
    RegistrationMode effective() {
        return stored().map(Stored::mode).orElse(configured);
    }

    public RegistrationView view(AuthenticatedUser admin) {
        requireAdmin(admin);
        return view();
    }

    /** Stores {@code mode} (open, invite-only or closed) as the admin's choice; anything else changes nothing. */
    @Transactional
    public RegistrationView change(AuthenticatedUser admin, String mode) {
        requireAdmin(admin);
        RegistrationMode chosen = RegistrationMode.parse(mode).orElseThrow(
                () -> InvalidInputException.field("mode", "must be one of open, invite-only, closed"));
        RegistrationMode before = effective();
        jdbc.sql("""
                INSERT INTO registration_setting (singleton, mode, changed_by, changed_at)
                VALUES (TRUE, :mode, :by, :at)
                ON CONFLICT (singleton) DO UPDATE
                SET mode = EXCLUDED.mode, changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at""")
                .param("mode", chosen.value()).param("by", admin.id().value())
                .param("at", Timestamp.from(clock.instant())).update();
        record(admin, "admin.registration_changed", before, chosen);
        return view();
    }

    /** Forgets the admin's choice: DASHTAM_REGISTRATION applies again. */
    @Transactional
    public RegistrationView reset(AuthenticatedUser admin) {
        requireAdmin(admin);
        RegistrationMode before = effective();
        jdbc.sql("DELETE FROM registration_setting").update();
        record(admin, "admin.registration_reset", before, configured);
        return view();
    }

    private RegistrationView view() {
        Optional<Stored> stored = stored();
        return stored.map(s -> new RegistrationView(s.mode().value(), SOURCE_ADMIN, configured.value(),
                s.changedAt(), s.changedBy())).orElseGet(() -> new RegistrationView(configured.value(),
                        SOURCE_CONFIGURATION, configured.value(), null, null));
    }

    private Optional<Stored> stored() {
        return jdbc.sql("""
                SELECT s.mode, s.changed_at, u.email FROM registration_setting s
                LEFT JOIN users u ON u.id = s.changed_by""")
                .query((rs, n) -> new Stored(RegistrationMode.parse(rs.getString(1)).orElseThrow(),
                        rs.getTimestamp(2).toInstant(), rs.getString(3)))
                .optional();
    }

    private void record(AuthenticatedUser admin, String action, RegistrationMode from, RegistrationMode to) {
        audit.record(new AuditEvent(admin.id(), action, "success", "registration", RequestOrigin.current(),
                Map.of("from", from.value(), "to", to.value())));
    }

    /** The API path is admin-only already; this keeps the web app or a future caller from forgetting it. */
    private static void requireAdmin(AuthenticatedUser caller) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only an admin changes who may sign up");
        }
    }
}

package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.ApiException;
import io.dashtam.core.Secret;
import io.dashtam.core.UserId;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates accounts: the password policy, the unique email, and the verification mail, all or nothing. */
@Service
class Registrations {

    private final Users users;
    private final PasswordPolicy passwords;
    private final EmailVerification verification;
    private final AuditLog audit;
    private final Clock clock;

    Registrations(Users users, PasswordPolicy passwords, EmailVerification verification, AuditLog audit,
            Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.verification = verification;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    User register(String email, Secret password, String name) {
        passwords.check("password", password);
        User user = new User(UserId.random(), email.trim(), name.trim(), passwords.hash(password), "user", "active",
                clock.instant());
        if (!users.insert(user)) {
            throw ApiException.conflict("An account with this email already exists");
        }
        audit.record(AuditEvent.of(user.id(), "user.registered", "success", "user:" + user.id()));
        verification.send(user);
        return user;
    }
}

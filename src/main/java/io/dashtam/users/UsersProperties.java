package io.dashtam.users;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The users module's rules: credential lifetimes, the lockout policy, the emails promoted to admin once
 * verified ({@code DASHTAM_ADMIN_EMAILS}), rate limits per auth endpoint, mail, and who may sign up
 * ({@code DASHTAM_REGISTRATION}: invite-only unless configured, so an exposed install is never open by accident)
 * with how long an invite link lasts, and whether an unverified email may sign in
 * ({@code DASHTAM_REQUIRE_VERIFIED_EMAIL}: true, and false in the dev and test profiles).
 */
@ConfigurationProperties("dashtam.users")
record UsersProperties(Duration accessTokenTtl, Duration refreshTokenTtl,
        Duration emailVerificationTtl, Duration passwordResetTtl,
        int lockoutThreshold, Duration lockoutDuration,
        List<String> adminEmails, Map<String, AttemptLimit> rateLimits, Mail mail,
        RegistrationMode registration, Duration inviteTtl, boolean requireVerifiedEmail) {

    /** Every rate-limited endpoint; each must have an entry, so a typo in the configuration fails at start. */
    static final Set<String> ENDPOINTS = Set.of("login", "register", "refresh", "password-reset",
            "password-reset-confirm", "email-verification", "password-change", "mfa", "access-tokens");

    UsersProperties {
        adminEmails = adminEmails == null ? List.of() : adminEmails.stream().map(String::trim)
                .filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).toList();
        rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
        Map<String, AttemptLimit> configured = rateLimits;
        Set<String> missing = ENDPOINTS.stream().filter(e -> !configured.containsKey(e))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("dashtam.users.rate-limits lacks " + missing);
        }
        if (inviteTtl.isNegative() || inviteTtl.isZero()) {
            throw new IllegalArgumentException("dashtam.users.invite-ttl must be positive");
        }
        if (lockoutThreshold < 1) {
            throw new IllegalArgumentException("dashtam.users.lockout-threshold must be at least 1");
        }
    }

    boolean isAdminEmail(String email) {
        return adminEmails.contains(email.toLowerCase(Locale.ROOT));
    }

    AttemptLimit rateLimit(String endpoint) {
        AttemptLimit limit = rateLimits.get(endpoint);
        if (limit == null) {
            throw new IllegalArgumentException("no rate limit for " + endpoint);
        }
        return limit;
    }

    /** At most {@code perIp} attempts per client IP and {@code perAccount} per account in each window. */
    record AttemptLimit(int perIp, int perAccount,
            Duration window) {
        AttemptLimit {
            if (perIp < 1 || perAccount < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("rate limits must be positive");
            }
        }
    }

    /** Mail goes to the outbox table, from {@code from}; its links start with core's PublicAddress. */
    record Mail(String from) {
    }
}

package io.dashtam.privacy;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.InputValidator;
import io.dashtam.core.PersonalData;
import io.dashtam.core.RequestOrigin;
import io.dashtam.users.AccountService;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Export and account deletion: the privacy module's use cases. */
@Service
public class PersonalDataService {

    /**
     * The password re-entered, and a current second-factor code (or an unused recovery code) when two-step sign-in
     * is on: deleting an account needs more than a token that could have been copied.
     */
    public record Deletion(@NotBlank @Size(max = 256) String password, @Size(max = 64) String code) {
        @Override
        public String toString() {
            return "Deletion[password=***, code=***]";
        }
    }

    static final String README = """
            Everything Dashtam holds about you, as of %s (UTC).

            profile.json        your account: email, name, role, when it was made and verified, time zone,
                                base currency
            sessions.json       your sign-in sessions: when, from which address and browser, whether ended
            connections.json    your provider connections (no tokens or credentials: those stay encrypted)
            accounts.json       your accounts (the number only by its last four digits, as Dashtam keeps it)
            balances.csv        every balance Dashtam recorded for your accounts (balance history)
            holdings.csv        your current holdings
            transactions.csv    every transaction, amounts exact as stored (decimal point, no grouping)
            imports.json        the files you imported (name, size, outcome)
            audit.json          the security log entries about you (sign-ins, changes, connections)
            history.csv         each account's value per day (reported, or derived from transactions and prices)
            prices.csv          the closing prices you imported or entered
            exchange-rates.csv  the exchange rates you entered

            Times are ISO 8601 in UTC. CSV files are RFC 4180 with a header row.
            """;

    private final List<PersonalData> parts;
    private final AccountService accounts;
    private final Erasure erasure;
    private final InputValidator validator;
    private final Clock clock;

    PersonalDataService(List<PersonalData> parts, AccountService accounts, Erasure erasure, InputValidator validator,
                        Clock clock) {
        this.parts = parts;
        this.accounts = accounts;
        this.erasure = erasure;
        this.validator = validator;
        this.clock = clock;
    }

    /** Streams the caller's export as a ZIP into {@code out}; a user with nothing gets a valid, near-empty archive. */
    public void export(AuthenticatedUser caller, OutputStream out) throws IOException {
        try (ExportArchive archive = new ExportArchive(out)) {
            try (OutputStream readme = archive.file("README.txt")) {
                readme.write(README.formatted(clock.instant()).getBytes(StandardCharsets.UTF_8));
            }
            for (PersonalData part : parts) {
                part.export(caller.id(), archive);
            }
        }
    }

    /**
     * Deletes the caller's account once the password (and the second factor, when it is on) is confirmed (their
     * own transactions, so a wrong one is audited and rate-limited): then every module's rows go in one transaction.
     */
    public void deleteAccount(AuthenticatedUser caller, Deletion deletion) {
        validator.valid(deletion);
        accounts.confirmIdentity(caller, deletion.password(), deletion.code(), "account deletion");
        erasure.erase(caller);
    }

    /** The one transaction of an account deletion. */
    @org.springframework.stereotype.Component
    static class Erasure {

        private final List<PersonalData> parts;
        private final AuditLog audit;

        Erasure(List<PersonalData> parts, AuditLog audit) {
            this.parts = parts;
            this.audit = audit;
        }

        @Transactional
        public void erase(AuthenticatedUser caller) {
            for (PersonalData part : parts) {
                part.erase(caller.id());
            }
            // Kept: that an account was deleted, and when; nothing that says whose, or from where.
            audit.record(new AuditEvent(null, "user.account.deleted", "success", null,
                    new RequestOrigin("", ""), Map.of()));
        }
    }
}

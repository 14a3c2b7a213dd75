package io.dashtam.imports;

import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.Hashing;
import io.dashtam.core.UserEvents;
import io.dashtam.portfolio.AccountBatch;
import io.dashtam.portfolio.BatchResult;
import io.dashtam.portfolio.PortfolioStore;
import io.dashtam.portfolio.PortfolioUpdate;
import io.dashtam.providers.ConnectionId;
import io.dashtam.providers.ProviderAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/imports}: a file (base64 in JSON) into one of the caller's file connections. A preview
 * runs the whole import and rolls it back, so it reports exactly what would change and stores nothing. A file
 * that cannot be read is a 400 naming the line and field, and nothing of it is stored. A committed import
 * publishes {@code import.completed} (its counts, never the file) and {@code portfolio.updated} in its transaction.
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportController {

    static final int MAX_FILE_BYTES = 20 * 1024 * 1024;

    private final ProviderAccess connections;
    private final PortfolioStore store;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final UserEvents events;

    ImportController(ProviderAccess connections, PortfolioStore store, JdbcClient jdbc,
            PlatformTransactionManager transactions, Clock clock, UserEvents events) {
        this.events = events;
        this.connections = connections;
        this.store = store;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    record CsvAccount(@NotBlank @Size(max = 64) String number, @Size(max = 100) String name,
            @Size(max = 40) String type, @Pattern(regexp = "[A-Za-z]{3}") String currency) {
    }

    record CsvOptions(@NotNull @Valid CsvAccount account, @NotNull CsvReader.Columns columns, String dateFormat,
            @Size(min = 1, max = 1) String delimiter) {
    }

    record ImportRequest(@NotNull UUID connectionId, @NotNull @Pattern(regexp = "(?i)ofx|qfx|csv") String format,
            @Size(max = 255) String fileName, @NotBlank String content, Boolean preview, @Valid CsvOptions csv) {
        boolean isPreview() {
            return Boolean.TRUE.equals(preview);
        }

        @Override
        public String toString() {
            return "ImportRequest[" + connectionId + ", " + format + "]";
        }
    }

    record AccountResult(UUID accountId, String number, String name, String type, int transactions, int added,
            int updated, int unchanged, int closed) {
    }

    record ImportResult(UUID id, boolean preview, String format, String fileName, String sha256, int parsed,
            int added, int updated, int unchanged, List<AccountResult> accounts, Instant createdAt) {
    }

    @PostMapping
    ResponseEntity<ImportResult> importFile(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody ImportRequest request) {
        var connection = connections.findOwned(new ConnectionId(request.connectionId()), caller.id());
        if (!"file".equals(connection.category())) {
            throw ApiException.conflict("Files are imported into a file connection; this one is "
                    + connection.category());
        }
        if (!"active".equals(connection.status())) {
            throw ApiException.conflict("The file connection is " + connection.status());
        }
        byte[] bytes = decode(request.content());
        String format = request.format().toLowerCase(Locale.ROOT);
        List<AccountBatch> batches;
        try {
            String text = text(bytes);
            if (format.equals("csv")) {
                batches = List.of(CsvReader.read(text, mapping(request.csv()), request.connectionId(), caller.id()));
            } else {
                batches = OfxReader.read(text, request.connectionId(), caller.id());
            }
        } catch (ImportException e) {
            throw e.toApi();
        }
        String sha = Hashing.sha256Hex(bytes);
        Instant now = clock.instant();
        try {
            return ResponseEntity.status(request.isPreview() ? HttpStatus.OK : HttpStatus.CREATED)
                    .body(store(caller, request, format, sha, batches, now));
        } catch (DuplicateKeyException e) {
            // Two imports into one account at the same moment: the unique index let one win, the other rolled back.
            throw ApiException.conflict("Another import into this connection is in progress; retry");
        } catch (DataIntegrityViolationException e) {
            // The connection was deleted meanwhile (imports reference it): nothing of this import was kept.
            throw ApiException.notFound("Connection");
        }
    }

    private ImportResult store(AuthenticatedUser caller, ImportRequest request, String format, String sha,
            List<AccountBatch> batches, Instant now) {
        if (request.isPreview()) {
            return result(null, true, format, request, sha, batches, store.storeAll(batches, true), now);
        }
        UUID id = UUID.randomUUID();
        return tx.execute(status -> {
            var results = store.storeAll(batches, false);
            ImportResult r = result(id, false, format, request, sha, batches, results, now);
            jdbc.sql("""
                    INSERT INTO imports (id, user_id, connection_id, format, file_name, sha256, parsed, added, updated,
                        unchanged, created_at)
                    VALUES (:id, :u, :c, :format, :name, :sha, :parsed, :added, :updated, :unchanged, :now)""")
                    .param("id", id).param("u", caller.id().value()).param("c", request.connectionId())
                    .param("format", format).param("name", request.fileName()).param("sha", sha)
                    .param("parsed", r.parsed()).param("added", r.added()).param("updated", r.updated())
                    .param("unchanged", r.unchanged()).param("now", Timestamp.from(now)).update();
            var completed = new java.util.LinkedHashMap<String, Object>();
            completed.put("importId", id);
            completed.put("connectionId", request.connectionId());
            completed.put("format", format);
            completed.put("accounts", r.accounts().size());
            completed.put("parsed", r.parsed());
            completed.put("added", r.added());
            completed.put("updated", r.updated());
            completed.put("unchanged", r.unchanged());
            events.publish(caller.id(), "import.completed", completed);
            PortfolioUpdate.of(request.connectionId(), results, List.of())
                    .ifPresent(payload -> events.publish(caller.id(), PortfolioUpdate.TYPE, payload));
            return r;
        });
    }

    record ImportView(UUID id, UUID connectionId, String format, String fileName, String sha256, int parsed,
            int added, int updated, int unchanged, Instant createdAt) {
    }

    @GetMapping
    List<ImportView> list(@AuthenticationPrincipal AuthenticatedUser caller) {
        return jdbc.sql("SELECT * FROM imports WHERE user_id = :u ORDER BY created_at DESC, id LIMIT 200")
                .param("u", caller.id().value())
                .query((rs, n) -> new ImportView(rs.getObject("id", UUID.class),
                        rs.getObject("connection_id", UUID.class), rs.getString("format"), rs.getString("file_name"),
                        rs.getString("sha256"), rs.getInt("parsed"), rs.getInt("added"), rs.getInt("updated"),
                        rs.getInt("unchanged"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private static ImportResult result(UUID id, boolean preview, String format, ImportRequest request, String sha,
            List<AccountBatch> batches, List<BatchResult> results, Instant now) {
        List<AccountResult> accounts = new ArrayList<>();
        int parsed = 0;
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        for (int i = 0; i < batches.size(); i++) {
            var batch = batches.get(i);
            var r = results.get(i);
            accounts.add(new AccountResult(preview ? null : r.accountId(), batch.account().masked(), batch.account().name(), batch.account().type(),
                    batch.transactions().size(), r.added(), r.updated(), r.unchanged(), r.removed()));
            parsed += batch.transactions().size();
            added += r.added() + (r.accountCreated() ? 1 : 0);
            updated += r.updated();
            unchanged += r.unchanged();
        }
        return new ImportResult(id, preview, format, request.fileName(), sha, parsed, added, updated, unchanged,
                accounts, now);
    }

    private static CsvReader.Mapping mapping(CsvOptions csv) {
        if (csv == null) {
            throw ApiException.invalidField("csv", "a CSV import needs the account and the column mapping");
        }
        if (csv.columns().date() == null || csv.columns().amount() == null) {
            throw ApiException.invalidField("csv.columns", "date and amount columns are required");
        }
        var a = csv.account();
        Currency currency = Currency.getInstance(a.currency() == null ? "USD" : a.currency().toUpperCase(Locale.ROOT));
        return new CsvReader.Mapping(new AccountBatch.Account(a.number(), a.name(),
                a.type() == null || a.type().isBlank() ? "CHECKING" : a.type().toUpperCase(Locale.ROOT), currency),
                csv.columns(), csv.dateFormat(), csv.delimiter() == null ? ',' : csv.delimiter().charAt(0));
    }

    private static byte[] decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("content", "is not base64");
        }
        if (bytes.length == 0) {
            throw ApiException.invalidField("content", "the file is empty");
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw ApiException.invalidField("content", "the file exceeds " + MAX_FILE_BYTES + " bytes");
        }
        return bytes;
    }

    /** UTF-8 when it is valid UTF-8; otherwise Windows-1252, what OFX 1.x files from US banks use. */
    private static String text(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, Charset.forName("windows-1252"));
        }
        // PostgreSQL's text types cannot hold NUL; a file full of them is usually UTF-16.
        if (text.indexOf('\0') >= 0) {
            throw ApiException.invalidField("content", "the file holds NUL characters; save it as UTF-8 text");
        }
        return text;
    }
}

package io.dashtam.imports;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.ConflictException;
import io.dashtam.core.Hashing;
import io.dashtam.core.InputValidator;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RefusedException;
import io.dashtam.portfolio.AccountBatch;
import io.dashtam.portfolio.PortfolioStore;
import io.dashtam.providers.ConnectionId;
import io.dashtam.providers.ProviderAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * A file (OFX/QFX or CSV with a column mapping) into one of the caller's file connections, for the API and the
 * import page. A preview runs the whole import and rolls it back, so it reports exactly what would change and
 * stores nothing. A file that cannot be read is refused naming the line and field, and nothing of it is stored.
 * The file is read and parsed before any database transaction begins.
 */
@Service
public class ImportService {

    /** The largest file an import takes, whichever door it comes through. */
    public static final int MAX_FILE_BYTES = 20 * 1024 * 1024;
    /** How long a staged upload waits for its confirm. */
    static final long STAGED_MINUTES = 30;
    static final Duration STAGED_FOR = Duration.ofMinutes(STAGED_MINUTES);

    private final ProviderAccess connections;
    private final PortfolioStore store;
    private final ImportLedger ledger;
    private final ImportUploads uploads;
    private final InputValidator validator;
    private final Clock clock;

    ImportService(ProviderAccess connections, PortfolioStore store, ImportLedger ledger, ImportUploads uploads,
            InputValidator validator, Clock clock) {
        this.connections = connections;
        this.store = store;
        this.ledger = ledger;
        this.uploads = uploads;
        this.validator = validator;
        this.clock = clock;
    }

    /** The file and how to read it; {@code csv} is required for CSV and ignored otherwise. */
    public record ImportFile(@NotNull UUID connectionId, @NotNull @Pattern(regexp = "(?i)ofx|qfx|csv") String format,
            @Size(max = 255) String fileName, byte[] content, boolean preview, @Valid CsvOptions csv) {

        @Override
        public String toString() {
            return "ImportFile[" + connectionId + ", " + format + "]";
        }
    }

    public ImportResult importFile(AuthenticatedUser caller, ImportFile file) {
        validator.valid(file);
        var connection = connections.findOwned(new ConnectionId(file.connectionId()), caller.id());
        if (!"file".equals(connection.category())) {
            throw new ConflictException("Files are imported into a file connection; this one is "
                    + connection.category());
        }
        if (!"active".equals(connection.status())) {
            throw new ConflictException("The file connection is " + connection.status());
        }
        byte[] bytes = checked(file.content());
        String format = file.format().toLowerCase(Locale.ROOT);
        List<AccountBatch> batches;
        try {
            String text = text(bytes);
            if (format.equals("csv")) {
                batches = List.of(CsvReader.read(text, mapping(file.csv()), file.connectionId(), caller.id()));
            } else {
                batches = OfxReader.read(text, file.connectionId(), caller.id());
            }
        } catch (ImportException e) {
            throw e.refusal();
        }
        String sha = Hashing.sha256Hex(bytes);
        Instant now = clock.instant();
        try {
            if (file.preview()) {
                return ImportLedger.result(null, true, format, file.fileName(), sha, batches,
                        store.storeAll(batches, true), now);
            }
            return ledger.commit(caller.id(), file.connectionId(), format, file.fileName(), sha, batches, now);
        } catch (DuplicateKeyException e) {
            // Two imports into one account at the same moment: the unique index let one win, the other rolled back.
            throw new ConflictException("Another import into this connection is in progress; retry");
        } catch (DataIntegrityViolationException e) {
            // The connection was deleted meanwhile (imports reference it): nothing of this import was kept.
            throw new NotFoundException("Connection");
        }
    }

    /**
     * Keeps an uploaded file on the server for {@link #importStaged}, so a preview's confirm names it instead of
     * sending it again; only the caller can use it, for {@value #STAGED_MINUTES} minutes or until it is imported.
     */
    public UUID stage(AuthenticatedUser caller, String fileName, byte[] content) {
        if (fileName != null && fileName.length() > 255) {
            throw InvalidInputException.field("fileName", "size must be between 0 and 255");
        }
        Instant now = clock.instant();
        return uploads.stage(caller.id(), fileName, checked(content), now, now.plus(STAGED_FOR));
    }

    /** {@link #importFile} of a staged upload; once imported (not previewed) it is gone. */
    public ImportResult importStaged(AuthenticatedUser caller, UUID upload, UUID connectionId, String format,
            boolean preview, CsvOptions csv) {
        var staged = uploads.find(caller.id(), upload, clock.instant()).orElseThrow(() -> new RefusedException(
                "The uploaded file is no longer here (imported already, or uploaded over " + STAGED_MINUTES
                        + " minutes ago): upload it again."));
        ImportResult result = importFile(caller, new ImportFile(connectionId, format, staged.fileName(),
                staged.content(), preview, csv));
        if (!preview) {
            uploads.delete(caller.id(), upload);
        }
        return result;
    }

    /** The caller's committed imports, newest first. */
    public List<ImportView> list(AuthenticatedUser caller) {
        return ledger.list(caller.id());
    }

    private static CsvReader.Mapping mapping(CsvOptions csv) {
        if (csv == null) {
            throw InvalidInputException.field("csv", "a CSV import needs the account and the column mapping");
        }
        if (csv.columns().date() == null || csv.columns().amount() == null) {
            throw InvalidInputException.field("csv.columns", "date and amount columns are required");
        }
        var a = csv.account();
        Currency currency = currency(a.currency() == null ? "USD" : a.currency().toUpperCase(Locale.ROOT));
        return new CsvReader.Mapping(new AccountBatch.Account(a.number(), a.name(),
                a.type() == null || a.type().isBlank() ? "CHECKING" : a.type().toUpperCase(Locale.ROOT), currency),
                csv.columns(), csv.dateFormat(), csv.delimiter() == null ? ',' : csv.delimiter().charAt(0),
                csv.decimalMark() == null ? '.' : csv.decimalMark().charAt(0));
    }

    /** Three letters are not enough: BTC or ZZZ are no ISO 4217 currency (Currency.getInstance would throw). */
    private static Currency currency(String code) {
        return Currency.getAvailableCurrencies().stream().filter(c -> c.getCurrencyCode().equals(code)).findFirst()
                .orElseThrow(() -> InvalidInputException.field("csv.account.currency", code
                        + " is not an ISO 4217 currency"));
    }

    private static byte[] checked(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw InvalidInputException.field("content", "the file is empty");
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw InvalidInputException.field("content", "the file exceeds " + MAX_FILE_BYTES + " bytes");
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
            throw InvalidInputException.field("content", "the file holds NUL characters; save it as UTF-8 text");
        }
        return text;
    }
}

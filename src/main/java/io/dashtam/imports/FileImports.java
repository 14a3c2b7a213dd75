package io.dashtam.imports;

import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** File import for the web app: the API's own import endpoint (parsing, dedup, preview that stores nothing). */
@Service
public class FileImports {

    private final ImportController api;
    private final Validator validator;

    FileImports(ImportController api, Validator validator) {
        this.api = api;
        this.validator = validator;
    }

    /** How a CSV's columns map to transaction fields (header names), and the account the rows belong to. */
    public record CsvMapping(String accountNumber, String accountName, String currency, String date, String amount,
            String description, String type, String symbol, String quantity, String price, String status,
            String dateFormat, String delimiter) {
    }

    public record AccountOutcome(String number, String name, int transactions, int added, int updated,
            int unchanged) {
    }

    public record Outcome(boolean preview, String format, String fileName, int parsed, int added, int updated,
            int unchanged, List<AccountOutcome> accounts) {
    }

    public Outcome importFile(AuthenticatedUser caller, UUID connection, String format, String fileName,
            byte[] content, boolean preview, CsvMapping csv) {
        if (content == null || content.length == 0) {
            throw ApiException.invalidField("file", "choose a file to import");
        }
        ImportController.CsvOptions options = csv == null ? null : new ImportController.CsvOptions(
                new ImportController.CsvAccount(csv.accountNumber(), csv.accountName(), null, csv.currency()),
                new CsvReader.Columns(csv.date(), csv.amount(), csv.description(), csv.type(), csv.symbol(),
                        csv.quantity(), csv.price(), csv.status()),
                csv.dateFormat(), csv.delimiter());
        var request = validated(new ImportController.ImportRequest(connection, format, fileName,
                Base64.getEncoder().encodeToString(content), preview, options));
        var r = api.importFile(caller, request).getBody();
        if (r == null) {
            throw new IllegalStateException("no import result");
        }
        return new Outcome(r.preview(), r.format(), r.fileName(), r.parsed(), r.added(), r.updated(), r.unchanged(),
                r.accounts().stream().map(a -> new AccountOutcome(a.number(), a.name(), a.transactions(), a.added(),
                        a.updated(), a.unchanged())).toList());
    }

    private <T> T validated(T request) {
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            ConstraintViolation<T> first = violations.stream()
                    .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
            throw ApiException.invalidField(first.getPropertyPath().toString(), first.getMessage());
        }
        return request;
    }
}

package io.dashtam.imports;

import io.dashtam.core.DomainException;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.RefusedException;
import java.util.Map;

/**
 * A file that cannot be imported: names the line and the field, never echoes file content. A file past one of the
 * reader's limits (elements nested deeper than any statement) is unprocessable rather than malformed.
 */
final class ImportException extends RuntimeException {

    private final int line;
    private final String field;
    private final boolean overLimit;

    ImportException(int line, String field, String problem) {
        this(line, field, problem, false);
    }

    private ImportException(int line, String field, String problem, boolean overLimit) {
        super("line " + line + ", field " + field + ": " + problem, null, false, false);
        this.line = line;
        this.field = field;
        this.overLimit = overLimit;
    }

    static ImportException overLimit(int line, String field, String problem) {
        return new ImportException(line, field, problem, true);
    }

    DomainException refusal() {
        String message = "The file cannot be imported: " + getMessage();
        Map<String, Object> details = Map.of("line", line, "field", field);
        return overLimit ? InvalidInputException.of(message, details)
                : new RefusedException(null, message, details);
    }
}

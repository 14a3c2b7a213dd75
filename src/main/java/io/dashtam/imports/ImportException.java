package io.dashtam.imports;

import io.dashtam.core.RefusedException;
import java.util.Map;

/** A file that cannot be imported: names the line and the field, never echoes file content. */
final class ImportException extends RuntimeException {

    private final int line;
    private final String field;

    ImportException(int line, String field, String problem) {
        super("line " + line + ", field " + field + ": " + problem, null, false, false);
        this.line = line;
        this.field = field;
    }

    RefusedException refusal() {
        return new RefusedException(null, "The file cannot be imported: " + getMessage(),
                Map.of("line", line, "field", field));
    }
}

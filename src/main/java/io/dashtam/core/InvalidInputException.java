package io.dashtam.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Input that breaks a field's rule; names the fields (never echoes a value, which could be a password). */
public final class InvalidInputException extends DomainException {

    public record FieldError(String field, String message) {
        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    private final List<FieldError> errors;

    private InvalidInputException(String message, List<FieldError> errors, Map<String, ?> details) {
        super(null, message, details);
        this.errors = List.copyOf(errors);
    }

    /** Input that breaks a rule across fields (a range, a file's content) rather than one field's. */
    public static InvalidInputException of(String message) {
        return of(message, Map.of());
    }

    /** With facts the caller may act on, e.g. the first day there is data for. */
    public static InvalidInputException of(String message, Map<String, ?> details) {
        return new InvalidInputException(message, List.of(), details);
    }

    /** One field, with the message "field: message". */
    public static InvalidInputException field(String field, String message) {
        return new InvalidInputException(field + ": " + message, List.of(new FieldError(field, message)), Map.of());
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Whether {@code field} is among the offending ones. */
    public boolean concerns(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }
}

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

    private InvalidInputException(String message, List<FieldError> errors) {
        super(null, message, Map.of());
        this.errors = List.copyOf(errors);
    }

    /** One field, with the message "field: message". */
    public static InvalidInputException field(String field, String message) {
        return new InvalidInputException(field + ": " + message, List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Whether {@code field} is among the offending ones. */
    public boolean concerns(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }
}

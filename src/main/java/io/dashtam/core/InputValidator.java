package io.dashtam.core;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import org.springframework.stereotype.Component;

/**
 * Checks a command record against its own bean constraints, so the API (which also validates the request body
 * with {@code @Valid}, naming every field) and the pages (which post forms) follow one rule set. The first
 * offending field, by name, becomes an {@link InvalidInputException}.
 */
@Component
public class InputValidator {

    private final Validator validator;

    InputValidator(Validator validator) {
        this.validator = validator;
    }

    public <T> T valid(T command) {
        var violations = validator.validate(command);
        if (!violations.isEmpty()) {
            ConstraintViolation<T> first = violations.stream()
                    .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
            throw InvalidInputException.field(first.getPropertyPath().toString(), first.getMessage());
        }
        return command;
    }
}

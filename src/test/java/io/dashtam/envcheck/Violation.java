package io.dashtam.envcheck;

/**
 * One broken rule.
 *
 * @param rule        the rule
 * @param environment the environment it was found in (dev, test, ci, staging, a rendered overlay, ...)
 * @param location    file and element, e.g. {@code compose/dashtam-dev/docker-compose.yml services.app}
 * @param message     what is wrong, for a person
 */
public record Violation(Rule rule, String environment, String location, String message) {

    @Override
    public String toString() {
        return "[" + rule.id() + "] " + environment + ": " + location + ": " + message;
    }
}

package io.dashtam.core;

import java.util.Map;

/**
 * A rule said no. The message is for the person or client that asked (so it never holds a secret), {@link #details()}
 * are facts they may act on (a retry time, the line of a file), and the subclass says what kind of "no" it is. No
 * transport status: each adapter maps the kind once (problem+json for the API, a message on the page for the web app).
 */
public abstract class DomainException extends RuntimeException {

    private final String summary;
    private final Map<String, Object> details;

    protected DomainException(String summary, String message, Map<String, ?> details) {
        super(message, null, false, false);
        this.summary = summary;
        this.details = Map.copyOf(details);
    }

    /** A short headline for the kind of refusal when it says more than its kind does; null for the kind's own. */
    public String summary() {
        return summary;
    }

    public Map<String, Object> details() {
        return details;
    }

    /**
     * A stable name for this particular refusal that a client can branch on (e.g. {@code mfa-required}), or null when
     * the kind says enough. The API answers it as the problem's {@code type}.
     */
    public String type() {
        return null;
    }
}

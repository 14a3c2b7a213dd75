package io.dashtam.core;

import java.util.Map;

/**
 * A failure the client is told about as an RFC 9457 problem. The message is shown to the client, so it must
 * never hold a secret; the optional properties become problem members.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, Object> properties;

    public ApiException(int status, String title, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    public ApiException(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "Not Found", what + " not found");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad Request", detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "Unauthorized", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "Forbidden", detail);
    }

    public static ApiException badGateway(String detail) {
        return new ApiException(502, "Bad Gateway", detail);
    }

    /** 422 naming the offending field, the same shape as bean-validation failures. */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(422, "Unprocessable Content", field + ": " + message,
                Map.of("errors", java.util.List.of(Map.of("field", field, "message", message))));
    }

    public static ApiException tooManyRequests(long retryAfterSeconds) {
        return new ApiException(429, "Too Many Requests", "Too many requests; retry later",
                Map.of("retryAfterSeconds", retryAfterSeconds));
    }
}

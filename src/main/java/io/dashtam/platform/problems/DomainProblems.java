package io.dashtam.platform.problems;

import io.dashtam.core.ConflictException;
import io.dashtam.core.DomainException;
import io.dashtam.core.ForbiddenException;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RateLimitedException;
import io.dashtam.core.RefusedException;
import io.dashtam.core.UnauthenticatedException;
import io.dashtam.core.UpstreamException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The one mapping of domain refusals to RFC 9457 problems: the status, title and members each kind gets. */
public final class DomainProblems {

    private DomainProblems() {
    }

    public static HttpStatus status(DomainException e) {
        if (e instanceof NotFoundException) {
            return HttpStatus.NOT_FOUND;
        } else if (e instanceof ConflictException) {
            return HttpStatus.CONFLICT;
        } else if (e instanceof InvalidInputException) {
            return HttpStatus.UNPROCESSABLE_CONTENT;
        } else if (e instanceof RefusedException) {
            return HttpStatus.BAD_REQUEST;
        } else if (e instanceof UnauthenticatedException) {
            return HttpStatus.UNAUTHORIZED;
        } else if (e instanceof ForbiddenException) {
            return HttpStatus.FORBIDDEN;
        } else if (e instanceof RateLimitedException) {
            return HttpStatus.TOO_MANY_REQUESTS;
        } else if (e instanceof UpstreamException) {
            return HttpStatus.BAD_GATEWAY;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    public static String title(DomainException e) {
        return e.summary() != null ? e.summary() : status(e).getReasonPhrase();
    }

    /** The problem's extra members: the details, and the offending fields of invalid input. */
    static Map<String, Object> members(DomainException e) {
        Map<String, Object> members = new LinkedHashMap<>(e.details());
        if (e instanceof InvalidInputException invalid && !invalid.errors().isEmpty()) {
            List<Map<String, String>> errors = invalid.errors().stream()
                    .map(f -> Map.of("field", f.field(), "message", f.message())).toList();
            members.put("errors", errors);
        }
        return members;
    }

    /** A refusal's own name as a URN (nothing to fetch, nothing to host): {@code urn:dashtam:problem:mfa-required}. */
    static java.net.URI type(DomainException e) {
        return java.net.URI.create("urn:dashtam:problem:" + e.type());
    }

    static Map<String, String> headers(DomainException e) {
        if (e instanceof RateLimitedException limited) {
            return Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(limited.retryAfterSeconds()));
        }
        return Map.of();
    }

    static ProblemDetail problem(DomainException e, String path) {
        ProblemDetail problem = Problems.of(status(e), title(e), e.getMessage(), path);
        if (e.type() != null) {
            problem.setType(type(e));
        }
        members(e).forEach(problem::setProperty);
        return problem;
    }
}

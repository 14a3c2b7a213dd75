package io.dashtam.web;

import io.dashtam.core.ConflictException;
import io.dashtam.core.DomainException;
import io.dashtam.core.ForbiddenException;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RateLimitedException;
import io.dashtam.core.RefusedException;
import io.dashtam.core.UnauthenticatedException;
import io.dashtam.core.UpstreamException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

/**
 * The one mapping of domain refusals to pages: the status a page answers with (the API's, so a test or a proxy sees
 * the same), and a form shown again with the refusal as its message.
 */
final class Refusals {

    private Refusals() {
    }

    static HttpStatus status(DomainException e) {
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

    /**
     * The form is shown again with the refusal as {@code error} (or another model attribute), never with a 5xx: a
     * provider that could not be reached is a message to retry, like any refusal.
     */
    static void onForm(DomainException e, HttpServletResponse response, Model model, String attribute,
            String message) {
        HttpStatus status = status(e);
        response.setStatus(status.is5xxServerError() ? HttpStatus.BAD_REQUEST.value() : status.value());
        if (e instanceof RateLimitedException limited) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(limited.retryAfterSeconds()));
        }
        if (e instanceof InvalidInputException invalid && !invalid.errors().isEmpty()) {
            model.addAttribute("fieldErrors", Words.sentences(invalid));
        }
        model.addAttribute(attribute, message);
    }

    /** The refusal's own words; a field error as the sentence shown next to its field ("The name is required."). */
    static void onForm(DomainException e, HttpServletResponse response, Model model) {
        onForm(e, response, model, "error", e instanceof InvalidInputException invalid && !invalid.errors().isEmpty()
                ? String.join(" ", Words.sentences(invalid).values()) : e.getMessage());
    }

    /** An error page: the status, a readable message and the trace id, never a stack trace. */
    static String page(int status, String title, String detail, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        response.setStatus(status);
        model.addAttribute("me", request.getAttribute(SessionCookieFilter.USER));
        model.addAttribute("status", status);
        model.addAttribute("title", title);
        model.addAttribute("detail", detail);
        model.addAttribute("traceId", MDC.get("traceId"));
        return "web/error";
    }
}

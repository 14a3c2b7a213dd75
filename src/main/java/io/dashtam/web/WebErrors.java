package io.dashtam.web;

import io.dashtam.core.DomainException;
import io.dashtam.core.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Errors on page routes are pages (status, a readable message, the trace id), never problem+json or a stack trace;
 * the API keeps its problem+json handler. Also puts the signed-in user into every page's model for the nav bar.
 */
@ControllerAdvice(basePackageClasses = WebErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebErrors {

    private static final Logger log = LoggerFactory.getLogger(WebErrors.class);

    @ModelAttribute
    void user(HttpServletRequest request, Model model) {
        model.addAttribute("me", request.getAttribute(SessionCookieFilter.USER));
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
        return Refusals.page(404, "Not found", "There is nothing here, or it is not yours.", request, response, model);
    }

    @ExceptionHandler(DomainException.class)
    String refused(DomainException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        var status = Refusals.status(e);
        if (e instanceof io.dashtam.core.RateLimitedException limited) {
            response.setHeader("Retry-After", String.valueOf(limited.retryAfterSeconds()));
        }
        return Refusals.page(status.value(), e.summary() != null ? e.summary() : status.getReasonPhrase(), e.getMessage(),
                request, response, model);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class})
    String mismatch(HttpServletRequest request, HttpServletResponse response, Model model) {
        return Refusals.page(404, "Not found", "There is nothing here, or it is not yours.", request, response, model);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MaxUploadSizeExceededException.class})
    String badRequest(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return Refusals.page(400, "Bad request", "The form was incomplete or too large. Go back and try again.", request,
                response, model);
    }

    /** The client went away (a page's event stream closed): nobody to answer, nothing worth an error line. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void gone(AsyncRequestNotUsableException e, HttpServletRequest request) {
        log.debug("client left {}: {}", request.getRequestURI(), e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    String failure(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        log.error("page {} failed", request.getRequestURI(), e);
        return Refusals.page(500, "Something went wrong", "Dashtam could not show this page. Nothing was changed by this "
                + "request; try again, and quote the trace id if it keeps happening.", request, response, model);
    }
}

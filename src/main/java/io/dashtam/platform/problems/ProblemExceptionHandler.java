package io.dashtam.platform.problems;

import io.dashtam.core.DomainException;
import io.dashtam.platform.http.BodySizeLimitFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as RFC 9457 problem+json with a trace id: Spring MVC's own exceptions, validation
 * failures (422 naming the fields), {@link DomainException}s (mapped by {@link DomainProblems}), and anything
 * unexpected (500, details only in the log).
 */
@RestControllerAdvice
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> domain(DomainException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        DomainProblems.headers(e).forEach(headers::set);
        return ResponseEntity.status(DomainProblems.status(e)).headers(headers)
                .body(DomainProblems.problem(e, request.getRequestURI()));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<Object> denied(Exception e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Problems.of(HttpStatus.FORBIDDEN, "Forbidden",
                "You are not allowed to do this", request.getRequestURI()));
    }

    /** The firewall's lazy checks and Tomcat's parameter parsing, when they surface inside a handler: bad input. */
    @ExceptionHandler({org.springframework.security.web.firewall.RequestRejectedException.class,
            org.apache.tomcat.util.http.InvalidParameterException.class})
    ResponseEntity<Object> rejected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (ErrorPage.isPageRoute(request)) {
            return ErrorPage.entity(request, response, HttpStatus.BAD_REQUEST, new HttpHeaders());
        }
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "Bad Request",
                "The request was rejected: its parameters are malformed or not allowed", request.getRequestURI()));
    }

    @ExceptionHandler(TransientDataAccessException.class)
    ResponseEntity<Object> unavailable(TransientDataAccessException e, HttpServletRequest request) {
        log.warn("Database unavailable: {}", e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, null, "Temporarily unavailable; retry shortly",
                        request.getRequestURI()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (BodySizeLimitFilter.exceeded(request)) {
            return ErrorPage.isPageRoute(request)
                    ? ErrorPage.entity(request, response, HttpStatus.CONTENT_TOO_LARGE, new HttpHeaders())
                    : tooLarge(request);
        }
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        if (ErrorPage.isPageRoute(request)) {
            return ErrorPage.entity(request, response, HttpStatus.INTERNAL_SERVER_ERROR, new HttpHeaders());
        }
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR, null, "An unexpected error occurred; quote the traceId when reporting it",
                request.getRequestURI()));
    }

    /** Connection: close only over HTTP/1.x: HTTP/2 forbids connection headers (see BodySizeLimitFilter#refuse). */
    private ResponseEntity<Object> tooLarge(HttpServletRequest request) {
        var answer = ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE);
        if (request.getProtocol() != null && request.getProtocol().startsWith("HTTP/1")) {
            answer.header(HttpHeaders.CONNECTION, "close");
        }
        return answer.body(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large", "Request body too large",
                        request.getRequestURI()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        String fields = String.join(", ", errors.stream().map(e -> e.get("field")).distinct().toList());
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable Content",
                "Invalid " + (fields.isEmpty() ? "request" : fields), path(request));
        problem.setProperty("errors", errors);
        return createResponseEntity(problem, new HttpHeaders(), HttpStatus.UNPROCESSABLE_CONTENT, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(e -> Map.of(
                        "field", String.valueOf(r.getMethodParameter().getParameterName()),
                        "message", String.valueOf(e.getDefaultMessage()))))
                .toList();
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable Content",
                "Invalid parameters", path(request));
        problem.setProperty("errors", errors);
        return createResponseEntity(problem, new HttpHeaders(), HttpStatus.UNPROCESSABLE_CONTENT, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servletRequest = ((ServletWebRequest) request).getRequest();
        if (BodySizeLimitFilter.exceeded(servletRequest)) {
            return tooLarge(servletRequest);
        }
        // The parser's message can echo the body back (a password, a token): keep it out of the answer.
        return createResponseEntity(Problems.of(HttpStatus.BAD_REQUEST, "Bad Request",
                "Malformed or unreadable request body", path(request)), new HttpHeaders(), HttpStatus.BAD_REQUEST,
                request);
    }

    /** Names the parameter, never the value (a repeated parameter would show as a Java array). */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() != null ? ex.getPropertyName() : "a parameter";
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Bad Request",
                "Invalid value for '" + name + "'", path(request));
        return createResponseEntity(problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /**
     * The last step for Spring MVC's own exceptions (404, 405, 415, ...): add the trace id and the path. Where no
     * page controller took a page route's request (a method or media type no page takes), a page with the same
     * status and headers (Allow, Accept) instead.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (request instanceof ServletWebRequest s && ErrorPage.isPageRoute(s.getRequest())) {
            return ErrorPage.entity(s.getRequest(), s.getResponse(), statusCode, headers);
        }
        if (body instanceof ProblemDetail problem) {
            Problems.withTrace(problem);
            if (problem.getInstance() == null) {
                problem.setInstance(java.net.URI.create(path(request)));
            }
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest s ? s.getRequest().getRequestURI() : "/";
    }
}

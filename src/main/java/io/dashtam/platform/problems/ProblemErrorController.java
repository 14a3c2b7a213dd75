package io.dashtam.platform.problems;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (the servlet container, filters) still end as problem+json: never an HTML
 * error page, never a stack trace; on a page route, a page ({@link ErrorPage}).
 */
@Hidden // the error path is not part of the API
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            // Asked for directly: there is nothing at this path.
            Problems.write(request, response, HttpStatus.NOT_FOUND, null, "No resource at " + request.getRequestURI(),
                    Map.of());
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        if (status < 400) {
            status = 500;
        }
        if (status == 500 && ClientErrors.isClientError(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
            status = 400; // bad input that surfaced outside Spring MVC (a filter parsing parameters, the firewall)
        }
        HttpStatusCode statusCode = HttpStatusCode.valueOf(status);
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (ErrorPage.isPagePath(path)) {
            ErrorPage.write(new PathOverride(request, path), response, status, Map.of());
            return;
        }
        String detail = switch (status) {
            case 404 -> "No resource at " + (path == null ? "this path" : path);
            case 400 -> "The request could not be processed as sent";
            case 413 -> "Request body too large";
            case 500 -> "An unexpected error occurred; quote the traceId when reporting it";
            default -> HttpStatus.resolve(status) != null ? HttpStatus.resolve(status).getReasonPhrase() : "Error";
        };
        Problems.write(new PathOverride(request, path), response, statusCode, null, detail, Map.of());
    }

    private static final class PathOverride extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final String path;

        PathOverride(HttpServletRequest request, String path) {
            super(request);
            this.path = path;
        }

        @Override
        public String getRequestURI() {
            return path != null ? path : super.getRequestURI();
        }
    }
}

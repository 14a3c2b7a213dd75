package io.dashtam.platform.problems;

import io.dashtam.platform.SecurityHeaders;
import io.dashtam.platform.http.TraceIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * What the edge (Tomcat's valve, the firewall, the request filters, the error dispatch, MVC's own exceptions)
 * answers on a page route ({@code /app...}): a small page in the app's look with the status, words a person can act
 * on, the trace id and a way back, never problem+json. Every text is ours (nothing from the request is echoed); the
 * JSON API keeps problem+json. The web module renders its own errors; this is for what answers before it can.
 */
public final class ErrorPage {

    /** Sections a "back" link may lead to, so the way back is a fixed path and never taken from the request. */
    private static final Map<String, String> SECTIONS = Map.of("connections", "Connections", "accounts", "Accounts",
            "transactions", "Transactions", "import", "Import", "settings", "Settings", "admin", "Admin");

    private ErrorPage() {
    }

    /** A page route: {@code /app} and below, whatever else the path holds ({@code /app;x=1}). */
    public static boolean isPageRoute(HttpServletRequest request) {
        return isPagePath(request.getRequestURI());
    }

    public static boolean isPagePath(String uri) {
        return uri != null && uri.startsWith("/app") && (uri.length() == 4 || "/;?".indexOf(uri.charAt(4)) >= 0);
    }

    /** The page's title and words for a status, when the caller has none of its own. */
    public static String title(int status) {
        return switch (status) {
            case 400 -> "That request could not be read";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Not possible here";
            case 413 -> "That is too large";
            case 415 -> "That form could not be read";
            case 503 -> "Temporarily unavailable";
            default -> status >= 500 ? "Something went wrong" : reason(status);
        };
    }

    public static String message(int status) {
        return switch (status) {
            case 400 -> "Part of the address or the form could not be read (a stray % sign, a control character, "
                    + "or a character Dashtam does not accept in an address). Go back and try again.";
            case 403 -> "This request was refused. Reload the page and try again.";
            case 404 -> "There is nothing here, or it is not yours.";
            case 405 -> "This address does not take that kind of request. Go back and use the page's own links "
                    + "and buttons.";
            case 413 -> "Dashtam does not take that much at once here. Choose a smaller file, or split it.";
            case 415 -> "Your browser sent the form in a way Dashtam does not read. Go back and send it again.";
            case 503 -> "Dashtam cannot answer right now. Please try again in a moment.";
            default -> status >= 500 ? "Dashtam could not show this page. Nothing was changed by this request; try "
                    + "again, and quote the trace id if it keeps happening." : reason(status) + ".";
        };
    }

    /** Writes the page unless the response was committed; the status's own words. */
    public static void write(HttpServletRequest request, HttpServletResponse response, int status,
            Map<String, String> headers) throws IOException {
        write(request, response, status, title(status), message(status), headers);
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
            String message, Map<String, String> headers) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        headers.forEach(response::setHeader);
        SecurityHeaders.apply(response);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        byte[] body = html(status, title, message, request.getRequestURI(), traceId(response))
                .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** For MVC's exception handlers: the same page as a response entity. */
    public static ResponseEntity<Object> entity(HttpServletRequest request, HttpServletResponse response,
            HttpStatusCode status, HttpHeaders headers) {
        int code = status.value();
        HttpHeaders all = new HttpHeaders();
        all.addAll(headers);
        all.remove(HttpHeaders.CONTENT_TYPE);
        all.setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        all.setCacheControl("no-store");
        return ResponseEntity.status(code).headers(all).body(html(code, title(code), message(code),
                request.getRequestURI(), traceId(response)));
    }

    private static String traceId(HttpServletResponse response) {
        String id = org.slf4j.MDC.get(TraceIdFilter.MDC_KEY);
        return id != null ? id : response.getHeader(TraceIdFilter.HEADER);
    }

    /** The page; {@code path} only picks which fixed "back" link it offers. */
    public static String html(int status, String title, String message, String path, String traceId) {
        String section = section(path);
        String back = section == null ? "<a href=\"/app\">Back to Dashtam</a>"
                : "<a href=\"/app/" + section + "\">Back to " + SECTIONS.get(section) + "</a> · "
                + "<a href=\"/app\">Dashboard</a>";
        String t = HtmlUtils.htmlEscape(title);
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + t + " · Dashtam</title><link rel=\"icon\" href=\"/assets/favicon.svg\" "
                + "type=\"image/svg+xml\"><link rel=\"stylesheet\" href=\"/assets/dashtam.css\"></head><body>"
                + "<header class=\"top\"><a class=\"skip\" href=\"#main\">Skip to content</a><nav aria-label=\"Main\">"
                + "<a class=\"brand\" href=\"/app\">Dashtam</a></nav></header>"
                + "<main id=\"main\" class=\"narrow\"><h1>" + t + "</h1><p class=\"status\">Error " + status + "</p>"
                + "<p id=\"error-detail\">" + HtmlUtils.htmlEscape(message) + "</p>"
                + (traceId == null || !traceId.matches("[0-9a-f]{1,64}") ? ""
                        : "<p class=\"muted\">Trace id: <code id=\"trace-id\">" + traceId + "</code></p>")
                + "<p class=\"back\">" + back + "</p></main></body></html>";
    }

    private static String section(String path) {
        if (path == null || !path.startsWith("/app/")) {
            return null;
        }
        int end = 5;
        while (end < path.length() && Character.isLetter(path.charAt(end))) {
            end++;
        }
        String candidate = path.substring(5, end);
        return SECTIONS.containsKey(candidate) ? candidate : null;
    }

    private static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }
}

package io.dashtam.platform.problems;

import io.dashtam.platform.SecurityHeaders;
import io.dashtam.platform.http.TraceIdFilter;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Replaces Tomcat's HTML error page for what Tomcat rejects before Spring sees it (bad path encoding, duplicate
 * Host or Content-Length, NUL in a header, oversized URL or headers, unsupported HTTP version): an RFC 9457
 * problem with the security headers, no server name or version, no stack trace; on a page route, a page
 * ({@link ErrorPage}).
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final SecureRandom RANDOM = new SecureRandom();

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (status == 501) {
            // Tomcat's answer to a method it does not implement (CONNECT, ...): for the client, a method not allowed.
            status = 405;
            response.setStatus(status);
            response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = status == 400 ? "The request could not be parsed (malformed request line, path or headers)"
                : status >= 500 && status != 505 ? "An unexpected error occurred; quote the traceId when reporting it"
                : title;
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String traceId = HexFormat.of().formatHex(id);
        try {
            SecurityHeaders.apply(response);
            response.setHeader(TraceIdFilter.HEADER, traceId);
            response.setHeader("Cache-Control", "no-store");
            if (ErrorPage.isPagePath(request.getRequestURI())) {
                response.setContentType("text/html");
                response.setCharacterEncoding("UTF-8");
                PrintWriter writer = response.getReporter();
                if (writer != null) {
                    writer.write(ErrorPage.html(status, ErrorPage.title(status), status == 400 ? "The address "
                            + "or the headers of this request could not be read: too long, too many cookies, or an "
                            + "encoded character no address may hold. Check the link, or start again from the "
                            + "dashboard." : ErrorPage.message(status), request.getRequestURI(), traceId));
                    response.finishResponse();
                }
                return;
            }
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                // Every value is a fixed text of ours: nothing from the request is echoed.
                writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\",\"traceId\":\"" + traceId + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response already started: nothing more to tell it.
        }
    }
}

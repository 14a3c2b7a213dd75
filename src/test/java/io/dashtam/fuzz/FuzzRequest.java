package io.dashtam.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One hostile request, as raw as it goes on the wire. {@code target} is the request-target exactly as sent (it may
 * hold malformed escapes); {@code foreign} marks a request aimed at another user's data, which must answer 404.
 */
record FuzzRequest(String kind, String operation, String method, String target, List<String> headers, byte[] body,
        boolean foreign) {

    String head(int port) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: localhost:")
                .append(port);
        headers.forEach(h -> head.append("\r\n").append(h));
        if (body != null && headers.stream().noneMatch(h -> h.regionMatches(true, 0, "Content-Length:", 0, 15)
                || h.regionMatches(true, 0, "Transfer-Encoding:", 0, 18))) {
            head.append("\r\nContent-Length: ").append(body.length);
        }
        return head.toString();
    }

    FuzzRequest withToken(String from, String to) {
        return new FuzzRequest(kind, operation, method, target, headers.stream()
                .map(h -> h.equals("Authorization: Bearer " + from) ? "Authorization: Bearer " + to : h).toList(),
                body, foreign);
    }

    boolean underApi() {
        return target.startsWith("/api/");
    }

    /** Enough to replay it by hand; long or binary parts cut. */
    String describe() {
        String shownBody = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        String shownHeaders = String.join(" | ", headers.stream()
                .map(h -> h.startsWith("Authorization: Bearer ") && h.length() > 60 ? h.substring(0, 60) + "..." : h)
                .map(h -> h.length() > 200 ? h.substring(0, 200) + "..." : h).toList());
        return "[" + kind + "] " + method + " " + (target.length() > 300 ? target.substring(0, 300) + "..." : target)
                + " {" + shownHeaders + "} " + shownBody.replaceAll("\\p{Cntrl}", "?");
    }
}

package io.dashtam.providers.authorization;

/** What the browser is told at the end of an authorization: an HTML page (or problem+json for API clients). */
public record CallbackResult(int status, String title, String detail, boolean connected) {

    static CallbackResult connected(String alias) {
        return new CallbackResult(200, "Connected", "Your connection '" + alias + "' is connected. You can close "
                + "this window and return to Dashtam.", true);
    }

    public static CallbackResult badRequest(String detail) {
        return new CallbackResult(400, "Not connected", detail, false);
    }

    public static CallbackResult badGateway(String detail) {
        return new CallbackResult(502, "Not connected", detail, false);
    }

    /**
     * A small page: no script and no inline style (the app's CSP allows neither), the app's stylesheet, every
     * value escaped, and the way back to the app's connections page: absolute, at {@code appBase}, because the
     * callback listener's port serves this page and nothing else, so a relative link would be a 404 there.
     */
    public String html(String appBase) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>Dashtam: %s</title><link rel="stylesheet" href="/assets/dashtam.css"></head>
                <body class="page"><main><h1 class="%s">%s</h1><p>%s</p>
                <p><a href="%s/app/connections">Back to your connections in Dashtam</a></p></main></body></html>
                """.formatted(escape(title), connected ? "ok" : "bad", escape(title), escape(detail),
                escape(appBase));
    }

    /** Browsers get the page; API clients (Accept: JSON) get JSON, problem+json for failures. */
    String contentType(boolean html) {
        return html ? "text/html;charset=UTF-8" : status == 200 ? "application/json" : "application/problem+json";
    }

    String body(boolean html, String appBase) {
        return html ? html(appBase) : status == 200
                ? "{\"connected\":" + connected + ",\"detail\":\"" + jsonEscape(detail) + "\"}" : problemJson();
    }

    /** RFC 9457 body for clients that asked for JSON. */
    public String problemJson() {
        return "{\"type\":\"about:blank\",\"title\":\"" + jsonEscape(problemTitle())
                + "\",\"status\":" + status + ",\"detail\":\"" + jsonEscape(detail) + "\"}";
    }

    /** The status's own reason phrase: a 404 is "Not Found", not "Bad Request". */
    String problemTitle() {
        var known = org.springframework.http.HttpStatus.resolve(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}

package io.dashtam.simplefin;

import java.util.regex.Pattern;

/**
 * Text from a bridge (its {@code errors}, names, descriptions) made safe to store and show: no control or
 * bidirectional-override characters, no markup, no URL credentials, collapsed blanks, bounded length. The spec
 * asks applications to sanitize the errors before showing them.
 */
final class BridgeText {

    private static final int MAX = 500;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\t\\n]]");
    private static final Pattern TAGS = Pattern.compile("<[^>]{0,200}>");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://)[^/@\\s]+@");
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private BridgeText() {
    }

    static String sanitize(String raw) {
        if (raw == null) {
            return "";
        }
        String text = CONTROL.matcher(raw).replaceAll("");
        text = TAGS.matcher(text).replaceAll("");
        text = URL_CREDENTIALS.matcher(text).replaceAll("$1");
        text = BLANKS.matcher(text).replaceAll(" ").strip();
        return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "…";
    }
}

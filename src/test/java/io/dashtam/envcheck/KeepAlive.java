package io.dashtam.envcheck;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the keep-a-container-alive idioms the seed replaced with {@code run --rm}. */
final class KeepAlive {

    private static final Pattern IDIOM = Pattern.compile(
            "sleep\\s+(infinity|inf)\\b|tail\\s+(-[a-zA-Z]*[fF][a-zA-Z]*\\s+)+/dev/null");

    private KeepAlive() {
    }

    static Optional<String> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = IDIOM.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }
}

package io.dashtam.platform.http;

/**
 * Text PostgreSQL can store and Java can encode as UTF-8: no NUL (PostgreSQL's text types refuse it) and no
 * unpaired UTF-16 surrogate (no UTF-8 encoding exists for one).
 */
final class StorableText {

    private StorableText() {
    }

    static boolean isStorable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A parameter name: printable, as Spring Security's firewall wants it. */
    static boolean isPlainName(String name) {
        return isStorable(name) && name.chars().noneMatch(Character::isISOControl);
    }

    /** A parameter value: storable, and no control characters other than tab and line breaks. */
    static boolean isPlainValue(String value) {
        return isStorable(value) && value.chars().noneMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n'
                && c != '\r');
    }
}

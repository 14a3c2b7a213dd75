package io.dashtam.envcheck;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a configuration value is a committed secret.
 *
 * <p>A key is secret-like when its name contains PASSWORD, PASSWD, SECRET, TOKEN, CREDENTIAL, PRIVATE_KEY
 * or API_KEY, or ends in _KEY or _KEYS. Its value is acceptable only when it is empty, a reference
 * ({@code ${VAR}}, {@code ${VAR:?message}}; a default after {@code :-} is itself checked), or an obvious
 * placeholder ({@code CHANGE_ME}, {@code changeme}, {@code <...>}, {@code k1:CHANGE_ME}, ...).
 * Independently of the key, a URL carrying a literal password ({@code scheme://user:pass@host}) is a
 * committed secret unless the password is such a reference or placeholder. Passwordless URLs (trust
 * authentication in test and ci) are fine.
 */
final class Secrets {

    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY|API_KEY).*|.*_KEYS?");
    private static final Pattern URL_PASSWORD = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/:@\\s]*:([^@\\s]*)@");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}");
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)(change[_-]?me.*|replace[_-]?me.*|placeholder|example|redacted|todo|x{3,}|\\*{3,}|<[^>]*>|"
                    + "[a-z0-9_-]+:change[_-]?me.*)");

    private Secrets() {
    }

    static boolean isSecretKey(String key) {
        return key != null && SECRET_KEY.matcher(key).matches();
    }

    /** Why the key/value pair is a committed secret, or empty when it isn't. */
    static Optional<String> problem(String key, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (isSecretKey(key) && !acceptable(value)) {
            return Optional.of(key + " has a literal value; use a ${VAR} reference or a placeholder");
        }
        Matcher url = URL_PASSWORD.matcher(resolveReferences(value));
        while (url.find()) {
            if (!acceptable(url.group(1))) {
                return Optional.of((key == null ? "a value" : key) + " holds a URL with a literal password");
            }
        }
        return Optional.empty();
    }

    /** Replaces each reference by its default (when it has one) or by a canonical {@code ${REF}}. */
    static String resolveReferences(String value) {
        return REFERENCE.matcher(value).replaceAll(m -> {
            boolean defaults = m.group(2) != null && m.group(2).endsWith("-") && m.group(3) != null;
            return Matcher.quoteReplacement(defaults ? m.group(3) : "${REF}");
        });
    }

    /** Empty, a pure reference (with an acceptable default, if any), or a placeholder. */
    static boolean acceptable(String value) {
        String v = value.strip();
        if (v.isEmpty() || PLACEHOLDER.matcher(v).matches()) {
            return true;
        }
        Matcher ref = REFERENCE.matcher(v);
        if (ref.matches()) {
            String op = ref.group(2);
            String fallback = ref.group(3);
            boolean defaults = op != null && op.endsWith("-");
            return !defaults || fallback == null || acceptable(fallback);
        }
        return false;
    }

    /** PostgreSQL trust authentication: acceptable only for throwaway data (test, ci). */
    static boolean isTrustAuth(String key, String value) {
        return "POSTGRES_HOST_AUTH_METHOD".equals(key) && value != null
                && value.strip().toLowerCase(Locale.ROOT).equals("trust");
    }
}

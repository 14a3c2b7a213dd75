package io.dashtam.web;

import io.dashtam.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Human words for codes the pages show ({@code ${@words.type(t.type())}}): transaction types and statuses, connection
 * statuses, field errors as sentences, a session's device and address. The raw code stays at hand in a tooltip.
 */
@Component("words")
public class Words {

    /** Form fields as a sentence names them. */
    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("alias", "The name"),
            Map.entry("provider", "The provider"), Map.entry("email", "The email address"),
            Map.entry("password", "The password"), Map.entry("newPassword", "The new password"),
            Map.entry("currentPassword", "The current password"), Map.entry("name", "The name"),
            Map.entry("from", "The From date"), Map.entry("to", "The To date"), Map.entry("q", "The search"),
            Map.entry("status", "The status"), Map.entry("type", "The type"), Map.entry("symbol", "The symbol"),
            Map.entry("cursor", "The page link"), Map.entry("credential", "The setup token"),
            Map.entry("token", "The token"), Map.entry("timeZone", "The time zone"),
            Map.entry("file", "The file"), Map.entry("content", "The file"), Map.entry("connection", "The connection"),
            Map.entry("csv.account.number", "The account number"), Map.entry("csv.account.name", "The account name"),
            Map.entry("csv.account.currency", "The currency"), Map.entry("csv.account.type", "The account type"),
            Map.entry("csv.columns", "The column mapping"), Map.entry("csv.dateFormat", "The date format"),
            Map.entry("csv.delimiter", "The delimiter"), Map.entry("csv.decimalMark", "The decimal mark"),
            Map.entry("format", "The format"), Map.entry("inviteToken", "The invite link"));

    /** What to do when a required field was left empty, where "is required" says too little. */
    private static final Map<String, String> BLANK = Map.of("provider", "Choose a provider.",
            "alias", "Enter a name for this connection.", "credential", "Paste the setup token.",
            "email", "Enter your email address.", "password", "Enter a password.",
            "file", "Choose a file to import.", "csv.account.number", "Enter the account number.");

    private static final Map<String, String> STATUSES = Map.of("VALID", "Posted", "PENDING", "Pending",
            "INVALID", "Invalid", "UNKNOWN", "Unknown");

    private static final Map<String, String> CONNECTION = Map.of("pending", "Not connected yet",
            "active", "Connected", "reauth_required", "Reconnect soon", "expired", "Expired",
            "revoked", "Access revoked", "error", "Refused by the provider");

    /** Type codes whose words are not just the code in sentence case. */
    private static final Map<String, String> TYPES = Map.of("ACH_RECEIPT", "ACH deposit",
            "ACH_DISBURSEMENT", "ACH payment", "ATM", "ATM", "POS", "Card payment", "DEP", "Deposit",
            "DIRECTDEP", "Direct deposit", "DIRECTDEBIT", "Direct debit", "XFER", "Transfer",
            "SRVCHG", "Service charge", "INT", "Interest");

    /** "DIVIDEND_OR_INTEREST" → "Dividend or interest"; a code of its own table when it has one. */
    public String type(String code) {
        if (code == null || code.isBlank()) {
            return "—";
        }
        String known = TYPES.get(code);
        if (known != null) {
            return known;
        }
        String words = code.replace('_', ' ').toLowerCase(Locale.ROOT).strip();
        return words.isEmpty() ? code : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** A transaction's status ("Posted", "Pending"). */
    public String status(String code) {
        return code == null ? "—" : STATUSES.getOrDefault(code.toUpperCase(Locale.ROOT), type(code));
    }

    public boolean pending(String code) {
        return code != null && "PENDING".equalsIgnoreCase(code);
    }

    /** A connection's status ("Connected", "Not connected yet"). */
    public String connection(String status) {
        return status == null ? "—" : CONNECTION.getOrDefault(status, type(status));
    }

    /** The sentence a field error says next to its field: "The password is too common; choose another." */
    static String sentence(InvalidInputException.FieldError error) {
        String field = error.field();
        String message = error.message().strip();
        if (message.equals("must not be blank") || message.equals("must not be null")
                || message.equals("must not be empty")) {
            String blank = BLANK.get(field);
            return blank != null ? blank : subject(field) + " is required.";
        }
        if (message.startsWith("size must be between")) {
            String max = message.substring(message.lastIndexOf(' ') + 1);
            return subject(field) + " is too long: at most " + max + " characters.";
        }
        if (message.startsWith("must match")) {
            return subject(field) + " is not in the expected form.";
        }
        String first = message.split(" ", 2)[0];
        String sentence = switch (first) {
            case "is", "must", "has", "was", "range" -> subject(field) + " " + message;
            default -> Character.toUpperCase(message.charAt(0)) + message.substring(1);
        };
        return sentence.endsWith(".") ? sentence : sentence + ".";
    }

    /** Every field's sentence, by field, in order: what a form shows next to each field. */
    static Map<String, String> sentences(InvalidInputException e) {
        Map<String, String> out = new LinkedHashMap<>();
        e.errors().forEach(error -> out.putIfAbsent(error.field(), sentence(error)));
        return out;
    }

    private static String subject(String field) {
        String known = FIELDS.get(field);
        if (known != null) {
            return known;
        }
        String last = field.substring(field.lastIndexOf('.') + 1);
        return "The " + last.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    /** "Chrome on Linux", "Firefox on Windows", "Safari on iPhone", "curl": the User-Agent in a few words. */
    public String device(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown device";
        }
        String ua = userAgent;
        String browser = ua.contains("Edg/") ? "Edge" : ua.contains("OPR/") ? "Opera"
                : ua.contains("Firefox/") ? "Firefox" : ua.contains("Chromium/") ? "Chromium"
                : ua.contains("Chrome/") ? "Chrome" : ua.contains("Safari/") && ua.contains("Version/") ? "Safari"
                : ua.startsWith("curl/") ? "curl" : ua.startsWith("Java-http-client") ? "Java HTTP client"
                : ua.startsWith("okhttp") ? "OkHttp" : null;
        if (ua.contains("HeadlessChrome")) {
            browser = "Headless Chrome";
        }
        String system = ua.contains("iPhone") ? "iPhone" : ua.contains("iPad") ? "iPad"
                : ua.contains("Android") ? "Android" : ua.contains("Windows") ? "Windows"
                : ua.contains("Mac OS X") || ua.contains("Macintosh") ? "macOS" : ua.contains("CrOS") ? "ChromeOS"
                : ua.contains("Linux") ? "Linux" : null;
        if (browser == null) {
            String product = ua.split("[ /;(]", 2)[0];
            browser = product.isBlank() || product.length() > 40 ? "Unknown browser" : product;
        }
        return system == null ? browser : browser + " on " + system;
    }

    /** An address as people write it: "::1 (this computer)" for 0:0:0:0:0:0:0:1, IPv6 shortened. */
    public String address(String ip) {
        if (ip == null || ip.isBlank()) {
            return "—";
        }
        String shown = ip.contains(":") ? shortIpv6(ip) : ip;
        boolean local = shown.equals("::1") || shown.startsWith("127.");
        return local ? shown + " (this computer)" : shown;
    }

    /** RFC 5952: leading zeros dropped, the longest run of zero groups (two or more) as "::", lower case. */
    static String shortIpv6(String ip) {
        String[] groups = ip.toLowerCase(Locale.ROOT).split(":", -1);
        if (groups.length != 8 || ip.contains("::")) {
            return ip.toLowerCase(Locale.ROOT);
        }
        for (int i = 0; i < 8; i++) {
            String g = groups[i].replaceFirst("^0+(?=.)", "");
            groups[i] = g;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < 8 && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, 8));
        return head + "::" + tail;
    }
}

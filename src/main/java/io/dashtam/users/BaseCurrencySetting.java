package io.dashtam.users;

import io.dashtam.core.InvalidInputException;
import java.util.Currency;
import java.util.Locale;

/**
 * The currency a user's totals, history and returns are also shown in: an ISO 4217 code the JDK knows ("EUR"),
 * upper case whatever the case it was typed in. Anything else (a symbol, a name, "XYZ") is refused.
 */
record BaseCurrencySetting(String code) {

    BaseCurrencySetting {
        String c = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!c.matches("[A-Z]{3}") || !known(c)) {
            throw InvalidInputException.field("baseCurrency", "must be an ISO 4217 currency code such as USD or EUR "
                    + "(or empty for the first account's currency)");
        }
        code = c;
    }

    private static boolean known(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Empty input means "no setting": the first account's currency is used. */
    static BaseCurrencySetting parse(String text) {
        return text == null || text.isBlank() ? null : new BaseCurrencySetting(text);
    }
}

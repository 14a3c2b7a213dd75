package io.dashtam.web;

import java.util.Optional;

/**
 * Where a person gets what a paste provider's connection page asks for: a sentence and the page that hands it out.
 * A newcomer on a pending SimpleFIN connection had no pointer to the Bridge (issue 28).
 */
record CredentialHelp(String text, String url, String linkText) {

    static Optional<CredentialHelp> of(String providerKey) {
        if ("simplefin".equals(providerKey)) {
            return Optional.of(new CredentialHelp("SimpleFIN Bridge connects your bank and gives you a setup token "
                    + "for Dashtam: sign in there, connect your bank, create a setup token, and paste it here. "
                    + "Each token works once.", "https://bridge.simplefin.org/simplefin/create",
                    "Create a setup token at SimpleFIN Bridge"));
        }
        return Optional.empty();
    }
}

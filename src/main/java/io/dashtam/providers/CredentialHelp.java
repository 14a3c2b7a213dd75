package io.dashtam.providers;

/**
 * Where a person gets a paste provider's credential: a sentence and the page that hands it out (e.g. the SimpleFIN
 * Bridge's page that creates setup tokens).
 */
public record CredentialHelp(String text, String url, String linkText) {
}

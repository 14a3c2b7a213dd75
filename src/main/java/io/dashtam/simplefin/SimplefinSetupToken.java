package io.dashtam.simplefin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A pasted SimpleFIN setup token: the base64 of a one-time HTTPS claim URL. Whoever holds it can claim the access
 * URL, so it never prints itself.
 */
record SimplefinSetupToken(URI claimUrl) {

    SimplefinSetupToken {
        Objects.requireNonNull(claimUrl, "claimUrl");
        if (!"https".equalsIgnoreCase(claimUrl.getScheme()) || claimUrl.getHost() == null) {
            throw new IllegalArgumentException("the setup token must name an https claim URL");
        }
        if (claimUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the setup token's claim URL must not carry credentials");
        }
    }

    /** Decodes what the user pasted (standard or URL-safe base64; surrounding blanks ignored). */
    static SimplefinSetupToken parse(String pasted) {
        if (pasted == null || pasted.isBlank()) {
            throw new IllegalArgumentException("the setup token is empty");
        }
        String token = pasted.strip();
        if (token.length() > 2048) {
            throw new IllegalArgumentException("the setup token is too long");
        }
        byte[] decoded;
        try {
            decoded = token.matches("[A-Za-z0-9+/=]+") ? Base64.getDecoder().decode(token)
                    : Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the setup token is not base64");
        }
        String url = new String(decoded, StandardCharsets.UTF_8).strip();
        try {
            return new SimplefinSetupToken(new URI(url));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("the setup token does not decode to a URL");
        }
    }

    @Override
    public String toString() {
        return "SimplefinSetupToken[claim host=" + claimUrl.getHost() + ", token=redacted]";
    }
}

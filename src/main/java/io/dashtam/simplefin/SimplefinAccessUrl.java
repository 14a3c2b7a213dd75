package io.dashtam.simplefin;

import io.dashtam.core.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The access URL a claim returns: {@code https://user:pass@host/path}. It is a credential (anyone holding it reads
 * the user's bank data), so it validates itself, splits into the plain base URL and a Basic authorization header,
 * and never prints the credentials.
 */
record SimplefinAccessUrl(Secret value) {

    SimplefinAccessUrl {
        Objects.requireNonNull(value, "value");
        URI uri = uri(value.value());
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("the access URL must be https");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || !userInfo.contains(":") || userInfo.startsWith(":")) {
            throw new IllegalArgumentException("the access URL carries no credentials");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the access URL must not have a query or fragment");
        }
    }

    static SimplefinAccessUrl of(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("the access URL is empty");
        }
        return new SimplefinAccessUrl(new Secret(raw.strip()));
    }

    /** The URL without its credentials and without a trailing slash, e.g. {@code https://host/simplefin}. */
    URI base() {
        URI uri = uri(value.value());
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return URI.create(uri.getScheme().toLowerCase() + "://" + uri.getHost() + port + path);
    }

    /** {@code Basic base64(user:pass)}, with the user-info percent-decoding undone as the spec asks. */
    Secret authorization() {
        String userInfo = uri(value.value()).getUserInfo();
        return new Secret("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    private static URI uri(String raw) {
        try {
            return new URI(raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the access URL is not a URL");
        }
    }

    @Override
    public String toString() {
        return "SimplefinAccessUrl[host=" + base().getHost() + ", credentials=redacted]";
    }
}

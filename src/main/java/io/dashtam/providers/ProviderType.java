package io.dashtam.providers;

import java.util.List;

/**
 * One provider type, as listed by {@code GET /api/v1/providers} and offered by the "add a connection" page.
 * {@code connectKind} says which form connects it: redirect (to the provider's consent page), paste (a setup token
 * or key) or upload.
 */
public record ProviderType(String key, String name, String category, String authKind, String connectKind,
        List<String> features, boolean configured) {

    /** {@code authKind} says what connectKind does, for clients written before it existed. */
    public ProviderType(String key, String name, String category, String authKind, List<String> features,
            boolean configured) {
        this(key, name, category, authKind, authKind.equals("oauth2") ? ConnectKind.REDIRECT.json()
                : authKind.equals("none") ? ConnectKind.UPLOAD.json() : ConnectKind.PASTE.json(), features,
                configured);
    }

    public static ProviderType of(ProviderAdapter adapter) {
        String auth = switch (adapter.connectKind()) {
            case REDIRECT -> "oauth2";
            case PASTE -> "token";
            case UPLOAD -> "none";
        };
        return new ProviderType(adapter.key(), adapter.displayName(), adapter.category(), auth,
                adapter.connectKind().json(), List.copyOf(adapter.features()), adapter.configured());
    }

    boolean usesOAuth() {
        return authKind.equals("oauth2");
    }
}

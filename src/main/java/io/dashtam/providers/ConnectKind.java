package io.dashtam.providers;

import java.util.Locale;

/**
 * How a user authorizes a connection to a provider, which decides the connect screen a client builds: an OAuth2
 * authorization code with PKCE in the browser ({@code redirect}), a pasted one-time setup token or API key
 * ({@code paste}), or files ({@code upload}).
 */
public enum ConnectKind {
    REDIRECT, PASTE, UPLOAD;

    /** The name clients see in {@code GET /api/v1/providers} ({@code connectKind}). */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.dashtam.core;

/** Turns a bearer token into the user it proves, or throws {@link ApiException} (401). */
public interface AccessTokenVerifier {

    AuthenticatedUser verify(String bearerToken);
}

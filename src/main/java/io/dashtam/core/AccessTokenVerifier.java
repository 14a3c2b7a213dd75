package io.dashtam.core;

/** Turns a bearer token into the user it proves, or throws {@link UnauthenticatedException}. */
public interface AccessTokenVerifier {

    AuthenticatedUser verify(String bearerToken);
}

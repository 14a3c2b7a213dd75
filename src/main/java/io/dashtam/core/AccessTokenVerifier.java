package io.dashtam.core;

/** Turns a bearer token into the user it proves, or throws {@link UnauthenticatedException}. */
public interface AccessTokenVerifier {

    AuthenticatedUser verify(String bearerToken);

    /**
     * The same for a request with this HTTP method: a credential that may only read, used for anything but GET, HEAD
     * or OPTIONS, is refused with {@link ForbiddenException} (and the refusal recorded by whoever issued it).
     */
    default AuthenticatedUser verify(String bearerToken, String method) {
        return verify(bearerToken);
    }

    static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }
}

package io.dashtam.platform.problems;

import org.springframework.security.web.firewall.RequestRejectedException;

/** Exceptions that mean the request was bad, wherever they surface: the client gets a 400, not a 500. */
final class ClientErrors {

    private ClientErrors() {
    }

    static boolean isClientError(Object error) {
        for (Throwable t = error instanceof Throwable e ? e : null; t != null; t = t.getCause()) {
            if (t instanceof RequestRejectedException
                    || t instanceof org.apache.tomcat.util.http.InvalidParameterException) {
                return true;
            }
        }
        return false;
    }
}

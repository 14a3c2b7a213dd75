package io.dashtam.providers;

import io.dashtam.providers.authorization.TokenMaintenance;
import org.springframework.context.ApplicationContext;

/** Lets tests outside this package run the token upkeep now (the suite runs with scheduling off). */
public final class TokenDriver {

    private TokenDriver() {
    }

    /** Moves connections past their re-authorization point or deadline on, as the scheduled upkeep would. */
    public static void enforceLifetimes(ApplicationContext context) {
        context.getBean(TokenMaintenance.class).enforceLifetimes();
    }
}

package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.Secret;
import io.dashtam.events.EventSubscriptions;
import io.dashtam.users.SessionService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /app/events}: the signed-in user's event stream for app.js, authenticated by the page's cookie
 * session, so no bearer token ever reaches page JavaScript (the JSON API's {@code /api/v1/events} stays
 * bearer-only). The same stream as the API's: filters, replay from {@code Last-Event-ID} (or {@code ?lastEventId=}
 * on EventSource's first connection), limits. A GET changes nothing, so it needs no CSRF token. When a
 * revocation names its session, the cookie is checked again by the same rule as every page request, and a
 * revoked session's stream ends with {@code session.revoked} within the revocation contract.
 */
@Controller
class WebEvents {

    private final EventSubscriptions subscriptions;
    private final SessionService accounts;

    WebEvents(EventSubscriptions subscriptions, SessionService accounts) {
        this.subscriptions = subscriptions;
        this.accounts = accounts;
    }

    @GetMapping("/app/events")
    SseEmitter events(@AuthenticationPrincipal AuthenticatedUser me,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(name = "lastEventId", required = false) String lastEventIdParam,
            @RequestParam(name = "types", required = false) String types, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        // The filter authenticated this very cookie, so it is there; kept as a Secret so it never prints.
        Secret cookie = new Secret(SessionCookieFilter.cookieValue(request));
        return subscriptions.openForSession(me, () -> accounts.authenticate(cookie.value()).isPresent(), types,
                lastEventId == null ? lastEventIdParam : lastEventId, response);
    }
}

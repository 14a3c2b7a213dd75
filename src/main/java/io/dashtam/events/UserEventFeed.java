package io.dashtam.events;

import io.dashtam.core.UserEvents;
import io.dashtam.imports.ImportCompleted;
import io.dashtam.portfolio.PortfolioUpdate;
import io.dashtam.portfolio.PortfolioUpdated;
import io.dashtam.providers.ConnectionStatusChanged;
import io.dashtam.providers.TokenRefreshFailed;
import io.dashtam.providers.TokenRefreshed;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one place module events become each user's live events. It listens inside the publishing transaction (not
 * after it, like {@code @ApplicationModuleListener}): the stream's row commits with the change or not at all, in
 * the order the changes were made, which an after-commit listener on its own transaction could not promise. Only
 * ids, statuses and counts go out; never a token, an amount or anything of a file.
 */
@Component
class UserEventFeed {

    private final UserEvents events;

    UserEventFeed(UserEvents events) {
        this.events = events;
    }

    @EventListener
    void on(ConnectionStatusChanged changed) {
        Map<String, Object> payload = connection(changed.connectionId().toString(), changed.provider());
        payload.put("status", changed.status());
        if (changed.deadline() != null) {
            payload.put("deadline", changed.deadline().toString());
        }
        events.publish(changed.userId(), "connection.status_changed", payload);
    }

    @EventListener
    void on(TokenRefreshed refreshed) {
        events.publish(refreshed.userId(), "token.refreshed",
                connection(refreshed.connectionId().toString(), refreshed.provider()));
    }

    @EventListener
    void on(TokenRefreshFailed failed) {
        Map<String, Object> payload = connection(failed.connectionId().toString(), failed.provider());
        payload.put("reason", failed.reason() == null ? "refused" : failed.reason());
        events.publish(failed.userId(), "token.refresh_failed", payload);
    }

    @EventListener
    void on(ImportCompleted completed) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("importId", completed.importId());
        payload.put("connectionId", completed.connectionId());
        payload.put("format", completed.format());
        payload.put("accounts", completed.accounts());
        payload.put("parsed", completed.parsed());
        payload.put("added", completed.added());
        payload.put("updated", completed.updated());
        payload.put("unchanged", completed.unchanged());
        events.publish(completed.userId(), "import.completed", payload);
    }

    @EventListener
    void on(PortfolioUpdated updated) {
        events.publish(updated.userId(), PortfolioUpdate.TYPE, updated.payload());
    }

    private static Map<String, Object> connection(String connectionId, String provider) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("connectionId", connectionId);
        payload.put("provider", provider);
        return payload;
    }
}

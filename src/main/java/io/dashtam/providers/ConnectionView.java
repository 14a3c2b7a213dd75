package io.dashtam.providers;

import io.dashtam.providers.connections.Connection;
import io.dashtam.providers.connections.ConnectionWarnings;
import io.dashtam.providers.connections.ProviderRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A connection as its owner sees it, in the API and on the pages (never its tokens).
 *
 * @param warnings   what the provider reported beside its data at the latest sync that reached it (e.g. a bank
 *                   the SimpleFIN bridge could not reach), sanitized; empty when it reported nothing
 * @param warningsAt when the provider reported them; null without warnings
 */
public record ConnectionView(String id, String provider, String category, String alias, String status,
        String statusReason, Instant authorizedAt, Instant deadline, Instant reauthRequiredAt, Instant createdAt,
        Instant updatedAt, List<String> warnings, Instant warningsAt) {

    static ConnectionView of(Connection c, Duration reauthAfter, ConnectionWarnings.Reported reported) {
        return new ConnectionView(c.id().toString(), c.providerKey(), c.category(), c.alias(), c.status().db(),
                c.statusReason(), c.authorizedAt(), c.deadline(),
                c.deadline() == null || c.authorizedAt() == null ? null : c.authorizedAt().plus(reauthAfter),
                c.createdAt(), c.updatedAt(), reported.messages(), reported.at());
    }

    /** Everything but file connections syncs from its provider. */
    public boolean synced() {
        return !ProviderRegistry.FILE.equals(provider);
    }
}

package io.dashtam.providers.connections;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Provider settings common to all providers ({@code dashtam.providers.*}); see application.yml for the environment
 * variables. Each provider's own settings (e.g. {@code dashtam.providers.schwab.*}) belong to its adapter.
 * {@code deadlineReminder}: how long before a connection's deadline its owner is mailed a reminder.
 */
@ConfigurationProperties("dashtam.providers")
public record ProvidersProperties(
        String outboundCaFile,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration stateTtl,
        Duration refreshBeforeExpiry,
        Duration reauthAfter,
        int refreshBatchSize,
        CallbackPort callbackListener,
        Duration deadlineReminder) {

    /** The standalone HTTPS listener serving the registered redirect URI (e.g. https://127.0.0.1:8182). */
    public record CallbackPort(boolean enabled, String address,
            int port) {
    }
}

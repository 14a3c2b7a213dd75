package io.dashtam.providers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Provider settings common to all providers ({@code dashtam.providers.*}); see application.yml for the environment
 * variables. Each provider's own settings (e.g. {@code dashtam.providers.schwab.*}) belong to its adapter.
 * {@code deadlineReminder}: how long before a connection's deadline its owner is mailed a reminder.
 */
@ConfigurationProperties("dashtam.providers")
record ProvidersProperties(
        String outboundCaFile,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("20s") Duration requestTimeout,
        @DefaultValue("10m") Duration stateTtl,
        @DefaultValue("5m") Duration refreshBeforeExpiry,
        @DefaultValue("156h") Duration reauthAfter,
        @DefaultValue("100") int refreshBatchSize,
        @DefaultValue CallbackPort callbackListener,
        @DefaultValue("24h") Duration deadlineReminder) {

    /** The standalone HTTPS listener serving the registered redirect URI (e.g. https://127.0.0.1:8182). */
    record CallbackPort(@DefaultValue("true") boolean enabled, @DefaultValue("127.0.0.1") String address,
            @DefaultValue("8182") int port) {
    }
}

package io.dashtam.providers.connections;

import io.dashtam.providers.ConnectKind;
import io.dashtam.providers.OAuthClientSettings;
import io.dashtam.providers.ProviderAdapter;
import io.dashtam.providers.ProviderType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The provider types Dashtam knows: every {@link ProviderAdapter} bean (in their order; a disabled provider, such
 * as the sandbox in prod, has no bean) plus file import, which the imports module serves without a provider API.
 */
@Component
public class ProviderRegistry {

    public static final String FILE = "file";

    private static final ProviderType FILE_TYPE = new ProviderType(FILE, "File import (OFX/QFX, CSV)", "file", "none",
            List.of("import"), true);

    private final ProvidersProperties properties;
    private final List<ProviderAdapter> adapters;

    /** {@code adapters} in their {@code @Order}, as Spring injects a list. */
    public ProviderRegistry(ProvidersProperties properties, List<ProviderAdapter> adapters) {
        this.properties = properties;
        this.adapters = List.copyOf(adapters);
        if (adapters.stream().map(ProviderAdapter::key).distinct().count() != adapters.size()
                || adapters.stream().anyMatch(a -> !a.key().matches("[a-z0-9-]{1,32}") || a.key().equals(FILE))) {
            throw new IllegalStateException("provider keys must be unique, lower-case and not 'file'");
        }
    }

    public List<ProviderType> all() {
        var list = new ArrayList<ProviderType>();
        adapters.forEach(a -> list.add(ProviderType.of(a)));
        list.add(FILE_TYPE);
        return List.copyOf(list);
    }

    public Optional<ProviderType> find(String key) {
        return all().stream().filter(p -> p.key().equals(key)).findFirst();
    }

    public Optional<ProviderAdapter> adapter(String key) {
        return adapters.stream().filter(a -> a.key().equals(key)).findFirst();
    }

    /** The OAuth client for an OAuth provider; empty for file import, a disabled provider or an unknown key. */
    public Optional<OAuthClientSettings> oauth(String key) {
        return adapter(key).filter(a -> a.connectKind() == ConnectKind.REDIRECT && a.configured())
                .flatMap(ProviderAdapter::oauthClient);
    }

    /** Every registered redirect URI, for the callback listener. */
    public List<String> redirectUris() {
        return adapters.stream().flatMap(a -> a.oauthClient().stream()).map(OAuthClientSettings::redirectUri)
                .toList();
    }

    public java.time.Duration reauthAfter() {
        return properties.reauthAfter();
    }
}

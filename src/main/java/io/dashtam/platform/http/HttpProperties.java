package io.dashtam.platform.http;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The web edge: body size limits (a default and per path prefix) and the proxies whose X-Forwarded-For is
 * believed (IPs or CIDRs).
 */
@ConfigurationProperties("dashtam.http")
record HttpProperties(DataSize maxBodySize, Map<String, DataSize> maxBodySizeByPath,
        List<String> trustedProxies) {

    HttpProperties {
        maxBodySizeByPath = maxBodySizeByPath == null ? Map.of() : Map.copyOf(maxBodySizeByPath);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}

package io.dashtam.users;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Single sign-on over OpenID Connect ({@code DASHTAM_OIDC_*}): off unless an issuer is set. {@code name} is what the
 * sign-in page's button says; {@code autoLinkVerifiedEmail} lets a first SSO sign-in take over the existing account
 * of an email the issuer says it verified (an admin's opt-in: it trusts the issuer's email checks);
 * {@code required} refuses password sign-in for everyone.
 */
@ConfigurationProperties("dashtam.oidc")
public record OidcProperties(String issuer, String clientId, String clientSecret, String name,
        boolean autoLinkVerifiedEmail, boolean required) {

    public OidcProperties {
        issuer = blankToNull(issuer);
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        name = blankToNull(name) == null ? "single sign-on" : name.strip();
        if (issuer != null) {
            URI uri = URI.create(issuer);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("DASHTAM_OIDC_ISSUER must be an https:// URL");
            }
            if (clientId == null || clientSecret == null) {
                throw new IllegalArgumentException(
                        "DASHTAM_OIDC_CLIENT_ID and DASHTAM_OIDC_CLIENT_SECRET are needed with DASHTAM_OIDC_ISSUER");
            }
        } else if (required) {
            throw new IllegalArgumentException("DASHTAM_OIDC_REQUIRED needs DASHTAM_OIDC_ISSUER");
        }
    }

    public boolean enabled() {
        return issuer != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        return "OidcProperties[issuer=" + issuer + ", clientId=" + clientId + ", name=" + name + ", autoLink="
                + autoLinkVerifiedEmail + ", required=" + required + "]";
    }
}

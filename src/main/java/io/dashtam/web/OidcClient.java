package io.dashtam.web;

import io.dashtam.providers.OutboundTls;
import io.dashtam.users.OidcProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.converter.ClaimTypeConverter;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The OpenID provider as Dashtam's client sees it: its registration, discovered from
 * {@code <issuer>/.well-known/openid-configuration} on first use (an issuer that is down does not stop start-up,
 * and a failed discovery is tried again next time), and every call to it (discovery, token endpoint, JWKS) over the
 * same TLS context as provider calls: the JDK's CAs plus {@code DASHTAM_OUTBOUND_CA_FILE}, certificates and host
 * names always checked. The ID token is checked for signature (the issuer's JWKS), issuer, audience, expiry and
 * nonce by Spring Security's OIDC login.
 */
@Component
class OidcClient implements ClientRegistrationRepository {

    static final String REGISTRATION = "oidc";

    private final OidcProperties properties;
    private final SingletonSupplier<SSLContext> tls;
    private volatile ClientRegistration registration;

    OidcClient(OidcProperties properties, @Value("${dashtam.providers.outbound-ca-file:}") String caFile) {
        this.properties = properties;
        this.tls = SingletonSupplier.of(() -> OutboundTls.sslContext(
                caFile == null || caFile.isBlank() ? List.of() : List.of(Path.of(caFile.strip()))));
    }

    boolean enabled() {
        return properties.enabled();
    }

    String name() {
        return properties.name();
    }

    /** The registration, discovering it now if need be; null when the issuer cannot be reached or is not itself. */
    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!enabled() || !REGISTRATION.equals(registrationId)) {
            return null;
        }
        ClientRegistration known = registration;
        if (known == null) {
            try {
                known = discover();
                registration = known;
            } catch (RuntimeException e) {
                return null;
            }
        }
        return known;
    }

    private ClientRegistration discover() {
        String issuer = properties.issuer().replaceAll("/+$", "");
        JsonNode doc = rest().get().uri(URI.create(issuer + "/.well-known/openid-configuration"))
                .retrieve().body(JsonNode.class);
        if (doc == null || !properties.issuer().equals(doc.path("issuer").asString(""))) {
            throw new IllegalStateException("the discovery document names another issuer");
        }
        return ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(properties.clientId()).clientSecret(properties.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/app/sso/callback/{registrationId}")
                .scope("openid", "profile", "email")
                .authorizationUri(doc.path("authorization_endpoint").asString())
                .tokenUri(doc.path("token_endpoint").asString())
                .jwkSetUri(doc.path("jwks_uri").asString())
                .issuerUri(properties.issuer())
                .userNameAttributeName("sub")
                .clientName(properties.name())
                .providerConfigurationMetadata(Map.of())
                .build();
    }

    private JdkClientHttpRequestFactory requestFactory() {
        var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder().sslContext(tls.obtain())
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build());
        factory.setReadTimeout(Duration.ofSeconds(10));
        return factory;
    }

    private RestClient rest() {
        return RestClient.builder().requestFactory(requestFactory()).build();
    }

    /** The token endpoint call, as Spring Security's default but over this TLS context. */
    RestClientAuthorizationCodeTokenResponseClient tokenClient() {
        var client = new RestClientAuthorizationCodeTokenResponseClient();
        client.setRestClient(RestClient.builder().requestFactory(requestFactory())
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        return client;
    }

    /** ID tokens: signed with a key of the issuer's JWKS (fetched over this TLS context), then the OIDC claims. */
    JwtDecoderFactory<ClientRegistration> idTokenDecoders() {
        return client -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(client.getProviderDetails().getJwkSetUri())
                    .restOperations(new RestTemplate(requestFactory())).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                    new OidcIdTokenValidator(client)));
            decoder.setClaimSetConverter(new ClaimTypeConverter(
                    OidcIdTokenDecoderFactory.createDefaultClaimTypeConverters()));
            return decoder;
        };
    }
}

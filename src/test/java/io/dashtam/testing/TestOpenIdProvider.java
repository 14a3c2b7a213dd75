package io.dashtam.testing;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import okhttp3.tls.HeldCertificate;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.filter.DelegatingFilterProxy;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * A real OpenID provider for the single sign-on tests: Spring Authorization Server on its own embedded Tomcat over
 * HTTPS (a certificate of {@link ProviderTestCa}, which the app trusts through its outbound CA file), at the issuer
 * the harness configured before the app started ({@code https://127.0.0.1:<port>}: another host than the app's
 * localhost, so the two keep their cookies apart). Users sign in on its form; the client is Dashtam's with the
 * harness's id and secret. {@link #tamper} lets a test change the next ID tokens' claims (a wrong nonce, an expiry
 * in the past, another issuer), as a broken or hostile provider would.
 */
public final class TestOpenIdProvider {

    public static final String CLIENT_ID = "dashtam-sso-test";
    public static final String CLIENT_SECRET = "sso-test-client-secret-1";

    private static final String PROFILE = "test-openid-provider";
    private static TestOpenIdProvider instance;

    /** The people who can sign in: username → (sub, email, name). */
    public record Person(String username, String password, String subject, String email, boolean emailVerified,
            String name) {
    }

    private final Map<String, Person> people = new ConcurrentHashMap<>();
    private final java.util.Set<String> redirectUris = ConcurrentHashMap.newKeySet();
    private volatile Consumer<Map<String, Object>> tamper = claims -> { };
    private final String issuer;

    private TestOpenIdProvider(String issuer) {
        this.issuer = issuer;
    }

    /** Started on first use, on the port the app's issuer setting names; lives as long as the test JVM. */
    public static synchronized TestOpenIdProvider instance(String appBaseUrl) {
        if (instance == null) {
            int port = TestEnvironment.takeOidcPort();
            var provider = new TestOpenIdProvider("https://127.0.0.1:" + port);
            provider.start(port);
            instance = provider;
        }
        instance.redirectUris.add(appBaseUrl + "/app/sso/callback/oidc");
        return instance;
    }

    public String issuer() {
        return issuer;
    }

    /** A new person with a random subject. */
    public Person person(String email, boolean emailVerified) {
        String user = "u" + UUID.randomUUID().toString().substring(0, 8);
        var person = new Person(user, "provider-pass-" + user, UUID.randomUUID().toString(), email, emailVerified,
                "SSO " + user);
        people.put(user, person);
        return person;
    }

    /** Changes the claims of ID tokens issued from now on (reset with {@code tamper(c -> {})}). */
    public void tamper(Consumer<Map<String, Object>> change) {
        this.tamper = change;
    }

    private void start(int port) {
        try {
            HeldCertificate server = new HeldCertificate.Builder().commonName("127.0.0.1")
                    .addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("localhost")
                    .signedBy(ProviderTestCa.instance().ca()).ecdsa256().build();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", server.keyPair().getPrivate(), "changeit".toCharArray(),
                    new Certificate[] {server.certificate(), ProviderTestCa.instance().ca().certificate()});
            Path base = Files.createTempDirectory("dashtam-oidc-provider");
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(base.toString());
            Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
            connector.setPort(port);
            connector.setProperty("address", "127.0.0.1");
            connector.setScheme("https");
            connector.setSecure(true);
            connector.setProperty("SSLEnabled", "true");
            SSLHostConfig ssl = new SSLHostConfig();
            SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl,
                    SSLHostConfigCertificate.Type.UNDEFINED);
            certificate.setCertificateKeystore(keys);
            certificate.setCertificateKeystorePassword("changeit");
            certificate.setCertificateKeyAlias("server");
            ssl.addCertificate(certificate);
            connector.addSslHostConfig(ssl);
            tomcat.getService().addConnector(connector);
            tomcat.setConnector(connector);
            Context context = tomcat.addContext("", base.toString());
            var spring = new AnnotationConfigWebApplicationContext();
            spring.addBeanFactoryPostProcessor(factory -> factory.registerSingleton("testOpenIdProvider", this));
            spring.getEnvironment().setActiveProfiles(PROFILE);
            spring.register(Provider.class);
            context.addServletContainerInitializer((classes, servletContext) -> {
                spring.setServletContext(servletContext);
                spring.refresh();
                servletContext.addFilter("springSecurityFilterChain",
                        new DelegatingFilterProxy("springSecurityFilterChain", spring))
                        .addMappingForUrlPatterns(null, false, "/*");
                var dispatcher = servletContext.addServlet("dispatcher", new DispatcherServlet(spring));
                dispatcher.addMapping("/");
            }, null);
            try {
                tomcat.start();
            } catch (Exception e) {
                tomcat.destroy();
                throw e;
            }
        } catch (Exception e) {
            throw new IllegalStateException("the test OpenID provider did not start", e);
        }
    }

    /** Only in the provider's own context (the app's component scan sees test classes too). */
    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @org.springframework.context.annotation.Profile(PROFILE)
    static class Provider {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(server -> {
                http.securityMatcher(server.getEndpointsMatcher());
                server.oidc(Customizer.withDefaults());
            })
                    .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signIn(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(a -> a.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService people(TestOpenIdProvider provider) {
            return username -> {
                Person p = provider.people.get(username);
                if (p == null) {
                    throw new org.springframework.security.core.userdetails.UsernameNotFoundException(username);
                }
                return User.withUsername(p.username()).password("{noop}" + p.password()).roles("USER").build();
            };
        }

        /** Dashtam, with the redirect URIs of every app instance that asked for this provider. */
        @Bean
        RegisteredClientRepository clients(TestOpenIdProvider provider) {
            return new RegisteredClientRepository() {
                @Override
                public void save(RegisteredClient client) {
                    // the provider re-saves a client to upgrade its secret's encoding: nothing to keep here
                }

                @Override
                public RegisteredClient findById(String id) {
                    return "dashtam".equals(id) ? client() : null;
                }

                @Override
                public RegisteredClient findByClientId(String clientId) {
                    return CLIENT_ID.equals(clientId) ? client() : null;
                }

                private RegisteredClient client() {
                    return RegisteredClient.withId("dashtam")
                            .clientId(CLIENT_ID).clientSecret("{noop}" + CLIENT_SECRET)
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                            .redirectUris(uris -> uris.addAll(provider.redirectUris))
                            .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
                            .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false)
                                    .requireProofKey(true).build())
                            .build();
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> keys() throws Exception {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate()).keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        /** The user info endpoint checks the access tokens it is given with the same keys. */
        @Bean
        org.springframework.security.oauth2.jwt.JwtDecoder accessTokens(JWKSource<SecurityContext> keys) {
            return org.springframework.security.config.annotation.web.configuration
                    .OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings settings(TestOpenIdProvider provider) {
            return AuthorizationServerSettings.builder().issuer(provider.issuer).build();
        }

        /** The person's email and name in the ID token, then whatever the test's tampering changes. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(TestOpenIdProvider provider) {
            return context -> {
                if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    return;
                }
                Person p = provider.people.get(context.getPrincipal().getName());
                context.getClaims().claims(claims -> {
                    if (p != null) {
                        claims.put("sub", p.subject()); // the provider's stable id, not the sign-in name
                        claims.put("email", p.email());
                        claims.put("email_verified", p.emailVerified());
                        claims.put("name", p.name());
                    }
                    provider.tamper.accept(claims);
                });
            };
        }
    }

    /** For tampering: an instant as the JWT claims hold it. */
    public static Instant ago(long seconds) {
        return Instant.now().minusSeconds(seconds);
    }
}

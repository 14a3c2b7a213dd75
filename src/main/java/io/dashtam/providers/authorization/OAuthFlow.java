package io.dashtam.providers.authorization;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.ConflictException;
import io.dashtam.core.Hashing;
import io.dashtam.core.RequestOrigin;
import io.dashtam.providers.AuthorizationView;
import io.dashtam.providers.connections.Connection;
import io.dashtam.providers.connections.Connections;
import io.dashtam.providers.connections.ProviderRegistry;
import io.dashtam.providers.connections.ProvidersProperties;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The authorization-code flow, shared by the app's callback route and the standalone listener.
 * <ol>
 * <li>{@link #start}: a single-use state (10 min) bound to user and connection, PKCE where the provider takes
 * it, and a one-time connect link on the host that will receive the callback;</li>
 * <li>{@link #openLink}: the browser opening the link gets a cookie bound to the state, then goes to the provider;</li>
 * <li>{@link #complete}: the callback completes only with that cookie, exchanges the code once, stores the tokens.</li>
 * </ol>
 * So a victim's browser cannot finish an attacker's flow: it never got the attacker's cookie.
 */
@Component
public class OAuthFlow {

    static final String COOKIE = "__Host-dashtam-oauth";

    record Link(String cookieValue, String authorizationUrl, long maxAgeSeconds) {
    }

    private final OAuthStates states;
    private final Connections connections;
    private final ProviderRegistry registry;
    private final OAuthTokenClient tokenClient;
    private final Grants grants;
    private final TokenCipher cipher;
    private final ProvidersProperties properties;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    OAuthFlow(OAuthStates states, Connections connections, ProviderRegistry registry, OAuthTokenClient tokenClient,
            Grants grants, TokenCipher cipher, ProvidersProperties properties, AuditLog audit, TransactionTemplate tx,
            Clock clock) {
        this.states = states;
        this.connections = connections;
        this.registry = registry;
        this.tokenClient = tokenClient;
        this.grants = grants;
        this.cipher = cipher;
        this.properties = properties;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public AuthorizationView start(Connection connection) {
        if (!connection.usesOAuth()) {
            throw new ConflictException("A file connection needs no authorization");
        }
        var client = registry.oauth(connection.providerKey())
                .orElseThrow(() -> new ConflictException("Provider " + connection.providerKey() + " is not configured"));
        Instant now = clock.instant();
        String state = Hashing.random();
        String link = Hashing.random();
        String verifier = client.pkce() ? Hashing.random() + Hashing.random().substring(0, 20) : null;
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", client.clientId());
        query.put("redirect_uri", client.redirectUri());
        query.put("response_type", "code");
        query.put("state", state);
        if (verifier != null) {
            query.put("code_challenge", Hashing.s256(verifier));
            query.put("code_challenge_method", "S256");
        }
        String url = client.authorizeUri() + "?" + form(query);
        UUID id = UUID.randomUUID();
        Map<String, String> secret = new LinkedHashMap<>();
        secret.put("authorizationUrl", url);
        if (verifier != null) {
            secret.put("codeVerifier", verifier);
        }
        var sealed = cipher.sealJson(TokenCipher.aad("oauth_states", id.toString()), secret);
        Instant expires = now.plus(properties.stateTtl());
        states.insert(new PendingAuthorization(id, connection.id(), connection.userId(), connection.providerKey(),
                client.redirectUri(), sealed, null, now, expires, null, null), Hashing.sha256(state),
                Hashing.sha256(link));
        grants.audit(connection, "provider.authorization.started", "success", RequestOrigin.current(),
                Map.of("pkce", Boolean.toString(verifier != null)));
        return new AuthorizationView(url, origin(client.redirectUri()) + "/oauth/connect?link=" + link, expires);
    }

    /** The browser opened the connect link: bind a fresh cookie to the state (once) and send it to the provider. */
    Optional<Link> openLink(String link) {
        if (link == null || link.isBlank() || link.length() > 100) {
            return Optional.empty();
        }
        String cookie = Hashing.random();
        Instant now = clock.instant();
        return tx.execute(s -> states.openLink(Hashing.sha256(link), Hashing.sha256(cookie), now)).map(p -> {
            String url = cipher.openJson(p.aad(), p.sealed()).get("authorizationUrl").asString();
            return new Link(cookie, url, Math.max(1, p.expiresAt().getEpochSecond() - now.getEpochSecond()));
        });
    }

    /**
     * Completes a callback. {@code providerKey} is the provider named in the route (null on the listener, which
     * serves the redirect URI of whichever provider registered it).
     */
    CallbackResult complete(String providerKey, Map<String, String> params, String cookie, RequestOrigin origin) {
        String state = params.get("state");
        if (state == null || state.isBlank() || state.length() > 200) {
            return CallbackResult.badRequest("The authorization response has no valid state. Start again from Dashtam.");
        }
        Optional<PendingAuthorization> found = states.findByState(Hashing.sha256(state));
        if (found.isEmpty() || providerKey != null && !providerKey.equals(found.get().providerKey())) {
            return CallbackResult.badRequest("Unknown authorization state. Start again from Dashtam.");
        }
        PendingAuthorization pending = found.get();
        Instant now = clock.instant();
        String refusal = pending.usedAt() != null ? "This authorization was already used. Start again from Dashtam."
                : !now.isBefore(pending.expiresAt()) ? "This authorization expired. Start again from Dashtam."
                : !cookieMatches(pending, cookie) ? "This browser did not start this authorization: open the connect "
                        + "link Dashtam gave you in this browser." : null;
        if (refusal != null || !tx.execute(s -> states.consume(pending.id(), now))) {
            rejected(pending, refusal == null ? "state reused" : refusal, origin);
            return CallbackResult.badRequest(refusal == null
                    ? "This authorization was already used. Start again from Dashtam." : refusal);
        }
        String error = params.get("error");
        if (error != null) {
            String code = error.matches("[a-z_]{1,40}") ? error : "error";
            record(pending, "provider.authorization.denied", "provider answered " + code, origin);
            return new CallbackResult(200, "Not connected", "The provider did not grant access (" + code
                    + "). Nothing was changed; you can try again from Dashtam.", false);
        }
        String code = params.get("code");
        if (code == null || code.isBlank() || code.length() > 2048) {
            rejected(pending, "no code", origin);
            return CallbackResult.badRequest("The provider's response has no authorization code.");
        }
        return exchange(pending, code, origin);
    }

    private CallbackResult exchange(PendingAuthorization pending, String code, RequestOrigin origin) {
        var client = registry.oauth(pending.providerKey()).orElse(null);
        if (client == null) {
            rejected(pending, "provider not configured", origin);
            return CallbackResult.badRequest("This provider is no longer configured.");
        }
        var secret = cipher.openJson(pending.aad(), pending.sealed());
        String verifier = secret.path("codeVerifier").asString(null);
        OAuthTokenClient.TokenGrant response;
        try {
            response = tokenClient.exchangeCode(client, code, pending.redirectUri(), verifier);
        } catch (TokenEndpointException e) {
            tx.executeWithoutResult(s -> connections.find(pending.connectionId()).ifPresent(c -> grants.audit(c,
                    "provider.token.exchange_failed", "failure", origin, Map.of("reason", e.getMessage()))));
            return CallbackResult.badGateway("The provider's token endpoint failed (" + e.getMessage()
                    + "). Nothing was stored; try again from Dashtam.");
        }
        return tx.execute(s -> {
            Connection connection = connections.lock(pending.connectionId()).orElse(null);
            if (connection == null || !connection.userId().equals(pending.userId())) {
                return CallbackResult.badRequest("The connection no longer exists.");
            }
            Connection active = grants.store(connection, response, origin);
            return CallbackResult.connected(active.alias());
        });
    }

    private static boolean cookieMatches(PendingAuthorization pending, String cookie) {
        return cookie != null && pending.cookieHash() != null
                && Hashing.matchesSha256(pending.cookieHash(), cookie);
    }

    private void rejected(PendingAuthorization pending, String reason, RequestOrigin origin) {
        record(pending, "provider.authorization.rejected", reason, origin);
    }

    private void record(PendingAuthorization pending, String action, String reason, RequestOrigin origin) {
        audit.record(new AuditEvent(pending.userId(), action, "failure",
                "connection:" + pending.connectionId(), origin, Map.of("reason", reason,
                        "provider", pending.providerKey(), "connection", pending.connectionId().toString())));
    }

    static String origin(String uri) {
        URI u = URI.create(uri);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    private static String form(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return out.toString();
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}

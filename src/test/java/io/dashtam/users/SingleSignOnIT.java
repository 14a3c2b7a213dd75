package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.providers.OutboundTls;
import io.dashtam.testing.ProviderTestCa;
import io.dashtam.testing.TestOpenIdProvider;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on over OpenID Connect against a real provider (Spring Authorization Server over HTTPS, started in the
 * test): a browser's whole authorization code flow, then each way it must be refused (a wrong nonce, an expired ID
 * token, another issuer, a replayed code, a missing or foreign state, a flow that took too long), each with a page
 * message, audited, and no session made. Accounts are found by the issuer's subject, never by email alone.
 */
class SingleSignOnIT extends UsersIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    private TestOpenIdProvider provider;

    @BeforeEach
    void provider() {
        provider = TestOpenIdProvider.instance(api().baseUrl());
        provider.tamper(claims -> { });
    }

    @AfterEach
    void untamper() {
        provider.tamper(claims -> { });
        clock.reset();
    }

    /** A browser: follows nothing by itself, keeps cookies per host (the app and the provider are other hosts). */
    private final class Browser {
        final HttpClient http = HttpClient.newBuilder()
                .sslContext(OutboundTls.sslContext(ProviderTestCa.instance().trustBundle()))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        final Map<String, Map<String, String>> jar = new HashMap<>();

        HttpResponse<String> get(URI uri) throws Exception {
            return send(HttpRequest.newBuilder(uri).GET(), uri);
        }

        HttpResponse<String> post(URI uri, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream().map(e -> e.getKey() + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), uri);
        }

        private HttpResponse<String> send(HttpRequest.Builder request, URI uri) throws Exception {
            Map<String, String> cookies = jar.computeIfAbsent(uri.getHost(), h -> new HashMap<>());
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            request.header("Accept", "text/html");
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (value.isEmpty() || set.toLowerCase().contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        }

        URI next(HttpResponse<String> response) {
            assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isBetween(301, 303);
            return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
        }

        String cookie(String host, String name) {
            return jar.getOrDefault(host, Map.of()).get(name);
        }

        /** From "Sign in with" to the app's callback URL the provider sends the browser to (not yet followed). */
        URI toCallback(TestOpenIdProvider.Person person) throws Exception {
            assertThat(get(URI.create(api().baseUrl() + "/app/signin")).body())
                    .contains("href=\"/app/signin/sso\"", "Sign in with Test IdP");
            URI start = next(get(URI.create(api().baseUrl() + "/app/signin/sso")));
            assertThat(start.getPath()).isEqualTo("/app/sso/oidc");
            var toProvider = get(start);
            URI authorize = next(toProvider);
            assertThat(authorize.toString()).startsWith(provider.issuer() + "/oauth2/authorize")
                    .contains("code_challenge=", "code_challenge_method=S256", "nonce=", "state=");
            assertThat(cookie("localhost", "__Host-dashtam-sso")).as("the flow is bound to this browser").isNotNull();
            URI callback = next(get(authorize));
            if (callback.getPath().equals("/login")) { // not yet signed in at the provider in this browser
                var form = get(callback);
                Matcher csrf = CSRF.matcher(form.body());
                assertThat(csrf.find()).as(form.body()).isTrue();
                URI back = next(post(callback, Map.of("username", person.username(), "password", person.password(),
                        "_csrf", csrf.group(1))));
                callback = next(get(back));
            }
            assertThat(callback.getPath()).isEqualTo("/app/sso/callback/oidc");
            return callback;
        }

        /** Follows the callback: the page it lands on (a signed-in /app, or the sign-in page with a message). */
        HttpResponse<String> land(URI callback) throws Exception {
            URI where = next(get(callback));
            return get(where);
        }
    }

    private long sessionsOf(String email) {
        return jdbc.sql("SELECT count(*) FROM user_sessions s JOIN users u ON u.id = s.user_id "
                + "WHERE lower(u.email) = lower(:e)").param("e", email).query(Long.class).single();
    }

    private List<String> ssoFailures() {
        return jdbc.sql("SELECT details->>'reason' FROM audit_log WHERE action = 'login' AND outcome = 'failure' "
                + "AND subject = 'oidc' ORDER BY id").query(String.class).list();
    }

    @Test
    void aFirstSignInMakesTheAccountLinkedBySubjectAndTheNextOneFindsIt() throws Exception {
        String email = "sso-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        var person = provider.person(email, true);
        var browser = new Browser();
        var page = browser.land(browser.toCallback(person));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/app");
        assertThat(browser.cookie("localhost", "__Host-dashtam-session")).isNotNull();
        assertThat(browser.cookie("localhost", "__Host-dashtam-sso")).as("used once, then removed").isNull();

        var linked = jdbc.sql("SELECT u.id::text AS id, i.issuer, u.email_verified_at IS NOT NULL AS verified "
                + "FROM user_identities i JOIN users u ON u.id = i.user_id WHERE i.subject = :s")
                .param("s", person.subject()).query().singleRow();
        assertThat(linked.get("issuer")).isEqualTo(provider.issuer());
        assertThat(linked.get("verified")).as("the issuer verified the email").isEqualTo(true);
        String userId = (String) linked.get("id");
        assertThat(auditActions(userId)).contains("user.registered:success", "sso.linked:success",
                "login:success");

        // Signed in again (another browser): the same account, found by the subject.
        var again = new Browser();
        assertThat(again.land(again.toCallback(person)).uri().getPath()).isEqualTo("/app");
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE lower(email) = lower(:e)").param("e", email)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(sessionsOf(email)).isEqualTo(2);
        // The account has no password anyone knows: the password sign-in does not open it.
        assertThat(login(email, PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void anExistingAccountIsNeverTakenOverByItsEmailAlone() throws Exception {
        Caller owner = newUser();
        var impostor = provider.person(owner.email(), true); // another subject claiming the same email
        var browser = new Browser();
        var page = browser.land(browser.toCallback(impostor));
        assertThat(page.uri().getPath()).isEqualTo("/app/signin");
        assertThat(page.body()).contains("No Dashtam account is linked to this Test IdP sign-in");
        assertThat(browser.cookie("localhost", "__Host-dashtam-session")).isNull();
        assertThat(sessionsOf(owner.email())).isEqualTo(1); // only the API login of newUser()
        assertThat(jdbc.sql("SELECT count(*) FROM user_identities WHERE subject = :s")
                .param("s", impostor.subject()).query(Long.class).single()).isZero();
    }

    @Test
    void aWrongNonceAnExpiredIdTokenAndAForeignIssuerAreEachRefused() throws Exception {
        Map<String, java.util.function.Consumer<Map<String, Object>>> tampering = new java.util.LinkedHashMap<>();
        tampering.put("invalid_nonce", claims -> claims.put("nonce", "not-the-nonce-we-sent"));
        tampering.put("invalid_id_token", claims -> {
            claims.put("iat", TestOpenIdProvider.ago(3600));
            claims.put("exp", TestOpenIdProvider.ago(1800));
        });
        tampering.put("invalid_id_token ", claims -> claims.put("iss", "https://issuer.example.net"));
        for (var entry : tampering.entrySet()) {
            String email = "tamper-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.org";
            var person = provider.person(email, true);
            var browser = new Browser();
            URI callback = browser.toCallback(person);
            provider.tamper(entry.getValue()); // the ID token is made when the app redeems the code
            var page = browser.land(callback);
            provider.tamper(claims -> { });
            assertThat(page.uri().getPath()).as(entry.getKey()).isEqualTo("/app/signin");
            assertThat(page.body()).as(entry.getKey())
                    .contains("The answer from Test IdP could not be verified, so you were not signed in.");
            assertThat(browser.cookie("localhost", "__Host-dashtam-session")).isNull();
            assertThat(jdbc.sql("SELECT count(*) FROM users WHERE lower(email) = lower(:e)").param("e", email)
                    .query(Long.class).single()).as(entry.getKey()).isZero();
            assertThat(ssoFailures()).as("audited by its error code").endsWith(entry.getKey().strip());
        }
    }

    @Test
    void aReplayedCodeAMissingOrForeignStateAndAStaleFlowAreRefused() throws Exception {
        var person = provider.person("replay-" + java.util.UUID.randomUUID().toString().substring(0, 8)
                + "@example.org", true);
        var browser = new Browser();
        URI callback = browser.toCallback(person);
        String flow = browser.cookie("localhost", "__Host-dashtam-sso");
        assertThat(browser.land(callback).uri().getPath()).isEqualTo("/app");
        long sessions = sessionsOf(person.email());

        // The same callback again, even with the flow's cookie put back: the provider takes a code once.
        browser.jar.get("localhost").put("__Host-dashtam-sso", flow);
        var replay = browser.land(callback);
        assertThat(replay.uri().getPath()).isEqualTo("/app/signin");
        assertThat(replay.body()).contains("could not be verified");
        assertThat(ssoFailures()).endsWith("invalid_grant");

        // A callback in a browser that did not start the flow (login CSRF): no request is waiting for it.
        var other = new Browser();
        URI fresh = browser.toCallback(person);
        var foreign = other.land(fresh);
        assertThat(foreign.uri().getPath()).isEqualTo("/app/signin");
        assertThat(foreign.body()).contains("it was started in another browser, took too long, or was already used");
        assertThat(ssoFailures()).endsWith("authorization_request_not_found");

        // Without its state (not an authorization response at all), or with another one than this browser's.
        URI pending = browser.toCallback(person);
        String code = pending.getQuery().replaceAll(".*code=([^&]+).*", "$1");
        var stateless = browser.land(URI.create(api().baseUrl() + "/app/sso/callback/oidc?code=" + code));
        assertThat(stateless.uri().getPath()).isEqualTo("/app/signin");
        assertThat(stateless.body()).contains("could not be verified");
        assertThat(ssoFailures()).endsWith("invalid_request");
        var forged = browser.land(URI.create(api().baseUrl() + "/app/sso/callback/oidc?code=" + code
                + "&state=forged-state"));
        assertThat(forged.uri().getPath()).isEqualTo("/app/signin");
        assertThat(forged.body()).contains("Start it again");
        assertThat(ssoFailures()).endsWith("authorization_request_not_found");

        // A flow that took longer than ten minutes.
        URI slow = browser.toCallback(person);
        clock.advance(Duration.ofMinutes(11));
        var late = browser.land(slow);
        assertThat(late.uri().getPath()).isEqualTo("/app/signin");
        assertThat(late.body()).contains("took too long");
        assertThat(sessionsOf(person.email())).as("no refusal opened a session").isEqualTo(sessions);
    }
}

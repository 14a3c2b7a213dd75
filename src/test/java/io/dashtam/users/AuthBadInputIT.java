package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dashtam.testing.TestClient;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bad-input list, on the users module's own endpoints: problem+json 4xx, never a 5xx. */
class AuthBadInputIT extends UsersIntegrationTest {

    private static void assertProblem(TestClient.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void malformedEmailAndWeakPasswordsAre422NamingTheField() {
        var email = api().post("/api/v1/users", Map.of("email", "no-at-sign", "password", PASSWORD, "name", "N"));
        assertProblem(email, 422);
        assertThat(email.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
        for (String weak : List.of("short-1", "", "qwertyuiop123")) {
            var response = api().post("/api/v1/users", Map.of("email", "w@example.org", "password", weak, "name", "W"));
            assertProblem(response, 422);
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        }
    }

    /**
     * The single sign-on start, whether the test OpenID provider is up (another test started it) or not: a redirect
     * to the provider or to the sign-in page with the reason, never a 5xx.
     */
    @Test
    void theSingleSignOnStartRedirectsEvenWhenTheProviderCannotBeReached() {
        var response = api().get("/app/sso/oidc");
        assertThat(response.status()).as(response.toString()).isBetween(300, 399);
        String location = response.header("Location");
        assertThat(location.startsWith(System.getProperty("dashtam.oidc.issuer") + "/")
                || location.endsWith("/app/signin?sso=unavailable")).as(location).isTrue();
    }

    @Test
    void jwtsSignedWithAnUnknownKeyOrAlgorithmAre401() throws Exception {
        var user = newUser();
        var claims = SignedJWT.parse(user.accessToken()).getJWTClaimsSet();
        String kid = SignedJWT.parse(user.accessToken()).getHeader().getKeyID();
        byte[] otherKey = new byte[32];
        new java.security.SecureRandom().nextBytes(otherKey);
        byte[] longKey = new byte[64];
        List<String> bad = List.of(
                sign(JWSAlgorithm.HS256, kid, otherKey, claims),        // right kid, wrong key
                sign(JWSAlgorithm.HS256, "rotated-out", otherKey, claims), // unknown kid
                sign(JWSAlgorithm.HS256, null, otherKey, claims),        // no kid
                sign(JWSAlgorithm.HS512, kid, longKey, claims),           // another algorithm
                sign(JWSAlgorithm.HS256, kid, otherKey, new JWTClaimsSet.Builder(claims)
                        .expirationTime(new Date(System.currentTimeMillis() - 1000)).build()));
        for (String token : bad) {
            for (String path : List.of("/api/v1/users/me", "/api/v1/sessions")) {
                var response = api().as(token).get(path);
                assertProblem(response, 401);
                assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            }
        }
        assertProblem(api().get("/api/v1/sessions"), 401);
    }

    private static String sign(JWSAlgorithm alg, String kid, byte[] key, JWTClaimsSet claims) throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    @Test
    void wrongContentTypeIs415OnEveryBodyEndpoint() {
        var user = newUser();
        for (String path : List.of("/api/v1/sessions", "/api/v1/tokens", "/api/v1/password-resets",
                "/api/v1/password-resets/confirm", "/api/v1/email-verifications")) {
            assertProblem(api().send("POST", path, "text/plain", "email=a", Map.of()), 415);
        }
        assertProblem(user.client().send("PUT", "/api/v1/users/me/password", "application/x-www-form-urlencoded",
                "currentPassword=a", Map.of()), 415);
    }

    @Test
    void oversizedBodiesAre413() {
        String big = "{\"email\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        for (String path : List.of("/api/v1/sessions", "/api/v1/tokens", "/api/v1/password-resets")) {
            assertProblem(api().send("POST", path, "application/json", big, Map.of()), 413);
        }
    }

    @Test
    void malformedJsonNeverEchoesThePassword() {
        var response = api().send("POST", "/api/v1/sessions", "application/json",
                "{\"email\":\"a@b.org\",\"password\":\"leaky-Secret-in-json", Map.of());
        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("leaky-Secret-in-json");
        assertProblem(api().post("/api/v1/sessions", Map.of("email", "a@b.org")), 422);
        var longEmail = api().post("/api/v1/sessions", Map.of("email", "x".repeat(5000) + "@b.org", "password", "p"));
        assertProblem(longEmail, 422);
        assertThat(longEmail.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
        assertProblem(api().post("/api/v1/password-resets", Map.of("email", "x".repeat(5000) + "@b.org")), 422);
    }
}

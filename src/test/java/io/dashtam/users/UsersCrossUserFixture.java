package io.dashtam.users;

import io.dashtam.testing.CrossUserFixture;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The users module's user-scoped endpoints: A's sessions (list, end one) and the self-scoped account calls. */
public class UsersCrossUserFixture implements CrossUserFixture {

    @Override
    public Map<String, Request> requests(IntegrationTest.Caller owner, TestClient anonymous) {
        var second = anonymous.post("/api/v1/sessions", Map.of("email", owner.email(), "password",
                IntegrationTest.PASSWORD));
        if (second.status() != 201) {
            throw new AssertionError("second login failed: " + second);
        }
        String secondSession = second.json().get("sessionId").asString();
        String currentSession = null;
        for (var s : owner.client().get("/api/v1/sessions").json().get("sessions")) {
            if (s.get("current").asBoolean()) {
                currentSession = s.get("id").asString();
            }
        }
        var token = owner.client().post("/api/v1/users/me/tokens", Map.of("name", "A's script", "scope", "read"));
        if (token.status() != 201) {
            throw new AssertionError("token failed: " + token);
        }
        String tokenId = token.json().get("id").asString();
        Set<String> ownerMarks = Set.of(owner.userId(), owner.email(), currentSession, secondSession, tokenId);
        Map<String, Request> requests = new HashMap<>();
        requests.put("GET /api/v1/sessions", Request.list("/api/v1/sessions", Set.of(currentSession, secondSession)));
        requests.put("DELETE /api/v1/sessions/{id}", Request.single("DELETE", "/api/v1/sessions/" + secondSession,
                null));
        requests.put("GET /api/v1/users/me", Request.self("GET", "/api/v1/users/me", null, ownerMarks));
        requests.put("POST /api/v1/users/me/email-verification",
                Request.self("POST", "/api/v1/users/me/email-verification", null, ownerMarks));
        // Every test user has the same password, so B can "change" its own to the same value.
        requests.put("PUT /api/v1/users/me/password", Request.self("PUT", "/api/v1/users/me/password",
                "{\"currentPassword\":\"" + IntegrationTest.PASSWORD + "\",\"newPassword\":\""
                        + IntegrationTest.PASSWORD + "\"}", ownerMarks));
        // B reads and sets its own settings in its own session (LIST kind, like the event stream's fixture: a fresh
        // login for each self request would run into the per-account login limit). They hold no ids of anyone, and
        // a zone of A's cannot be a mark (zones are shared): per-user storage is checked in TimeZoneSettingIT.
        requests.put("GET /api/v1/users/me/settings", Request.list("/api/v1/users/me/settings", Set.of()));
        requests.put("PUT /api/v1/users/me/settings", new Request("PUT", "/api/v1/users/me/settings",
                "{\"timeZone\":\"UTC\"}", Set.of(), Request.Kind.LIST));
        // The second factor acts on the caller only: B sees its own status and set-up; B's confirm and turn-off
        // carry no code of B's authenticator, so they are refused, naming nothing of A's.
        requests.put("GET /api/v1/users/me/mfa", Request.self("GET", "/api/v1/users/me/mfa", null, ownerMarks));
        requests.put("POST /api/v1/users/me/mfa/totp", Request.self("POST", "/api/v1/users/me/mfa/totp", null,
                ownerMarks));
        requests.put("POST /api/v1/users/me/mfa/totp/confirm", Request.selfRefused("POST",
                "/api/v1/users/me/mfa/totp/confirm", "{\"code\":\"not-a-code\"}", ownerMarks));
        requests.put("DELETE /api/v1/users/me/mfa/totp", Request.selfRefused("DELETE", "/api/v1/users/me/mfa/totp",
                "{\"password\":\"" + IntegrationTest.PASSWORD + "\",\"code\":\"not-a-code\"}", ownerMarks));
        requests.put("GET /api/v1/users/me/tokens", Request.list("/api/v1/users/me/tokens", Set.of(tokenId)));
        requests.put("DELETE /api/v1/users/me/tokens/{id}", Request.single("DELETE", "/api/v1/users/me/tokens/"
                + tokenId, null));
        requests.put("POST /api/v1/users/me/tokens", Request.self("POST", "/api/v1/users/me/tokens",
                "{\"name\":\"B's script\",\"scope\":\"write\"}", ownerMarks));
        requests.put("DELETE /api/v1/sessions/current", Request.self("DELETE", "/api/v1/sessions/current", null,
                ownerMarks));
        requests.put("DELETE /api/v1/sessions", Request.self("DELETE", "/api/v1/sessions", null, ownerMarks));
        return requests;
    }
}

package io.dashtam.privacy;

import io.dashtam.testing.CrossUserFixture;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import java.util.Map;
import java.util.Set;

/**
 * The privacy endpoints act on the caller only: B's export answers B's archive (PrivacyIT opens archives and checks
 * another user's rows are absent; here the compressed body is only checked for A's marks), and B deleting its own
 * account (last) leaves A's session and data as they were.
 */
public class PrivacyCrossUserFixture implements CrossUserFixture {

    @Override
    public Map<String, Request> requests(IntegrationTest.Caller owner, TestClient anonymous) {
        Set<String> marks = Set.of(owner.userId(), owner.email());
        return Map.of(
                "GET /api/v1/users/me/export", Request.self("GET", "/api/v1/users/me/export", null, marks),
                "DELETE /api/v1/users/me", Request.ending("DELETE", "/api/v1/users/me",
                        "{\"password\":\"" + IntegrationTest.PASSWORD + "\"}", marks));
    }
}

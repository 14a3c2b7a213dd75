package io.dashtam.imports;

import io.dashtam.testing.CrossUserFixture;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The imports endpoints: another user can neither import into the owner's file connection nor list its imports. */
public class ImportsCrossUserFixture implements CrossUserFixture {

    public ImportsCrossUserFixture() {
    }

    @Override
    public Map<String, Request> requests(IntegrationTest.Caller owner, TestClient anonymous) {
        String connection = owner.client().post("/api/v1/connections",
                Map.of("provider", "file", "alias", "Imports fixture files")).json().get("id").asString();
        String body = TestClient.JSON.writeValueAsString(Map.of("connectionId", connection, "format", "csv",
                "content", ImportFiles.base64(ImportFiles.text("card.csv")), "csv", Map.of(
                        "account", Map.of("number", "4000999988887777"),
                        "columns", Map.of("date", "Date", "amount", "Amount"))));
        var imported = owner.client().send("POST", "/api/v1/imports", "application/json", body, Map.of());
        if (imported.status() != 201) {
            throw new AssertionError("fixture import failed: " + imported);
        }
        Map<String, Request> requests = new LinkedHashMap<>();
        requests.put("POST /api/v1/imports", Request.single("POST", "/api/v1/imports", body));
        requests.put("GET /api/v1/imports", Request.list("/api/v1/imports",
                Set.of(imported.json().get("id").asString())));
        return requests;
    }
}

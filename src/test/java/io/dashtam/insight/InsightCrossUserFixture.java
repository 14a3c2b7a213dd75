package io.dashtam.insight;

import io.dashtam.imports.ImportFiles;
import io.dashtam.testing.CrossUserFixture;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The insight and markets endpoints: another user gets 404 for the owner's account's returns; history, prices and rates act on the caller only and never show the owner's account or values.
 */
public class InsightCrossUserFixture implements CrossUserFixture {

    public InsightCrossUserFixture() {
    }

    @Override
    public Map<String, Request> requests(IntegrationTest.Caller owner, TestClient anonymous) {
        String connection = owner.client().post("/api/v1/connections",
                Map.of("provider", "file", "alias", "Insight fixture files")).json().get("id").asString();
        String body = TestClient.JSON.writeValueAsString(Map.of("connectionId", connection, "format", "csv",
                "content", ImportFiles.base64(ImportFiles.text("card.csv")), "csv", Map.of(
                        "account", Map.of("number", "4000999988881234"),
                        "columns", Map.of("date", "Date", "amount", "Amount"))));
        var imported = owner.client().send("POST", "/api/v1/imports", "application/json", body, Map.of());
        if (imported.status() != 201) {
            throw new AssertionError("fixture import failed: " + imported);
        }
        String account = owner.client().get("/api/v1/accounts").json().get(0).get("id").asString();
        Set<String> marks = Set.of(account, owner.userId());
        Map<String, Request> requests = new LinkedHashMap<>();
        requests.put("GET /api/v1/performance", Request.single("GET", "/api/v1/performance?accountId=" + account,
                null));
        requests.put("GET /api/v1/history", Request.self("GET", "/api/v1/history", null, marks));
        requests.put("PUT /api/v1/prices", Request.self("PUT", "/api/v1/prices",
                "{\"symbol\":\"AAPL\",\"date\":\"2024-01-02\",\"close\":\"185.64\"}", marks));
        requests.put("PUT /api/v1/rates", Request.self("PUT", "/api/v1/rates",
                "{\"base\":\"USD\",\"quote\":\"EUR\",\"date\":\"2024-01-02\",\"rate\":\"0.91\"}", marks));
        requests.put("POST /api/v1/prices/import", Request.self("POST", "/api/v1/prices/import",
                "{\"csv\":\"symbol,date,close\\nAAPL,2024-01-02,185.64\\n\"}", marks));
        return requests;
    }
}

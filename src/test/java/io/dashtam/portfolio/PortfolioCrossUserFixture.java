package io.dashtam.portfolio;

import io.dashtam.imports.ImportFiles;
import io.dashtam.testing.CrossUserFixture;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Every user-scoped endpoint of the portfolio read API, aimed at the owner's imported accounts. */
public class PortfolioCrossUserFixture implements CrossUserFixture {

    public PortfolioCrossUserFixture() {
    }

    @Override
    public Map<String, Request> requests(IntegrationTest.Caller owner, TestClient anonymous) {
        String connection = owner.client().post("/api/v1/connections",
                Map.of("provider", "file", "alias", "Portfolio fixture files")).json().get("id").asString();
        for (String file : new String[] {"checking.ofx", "brokerage.qfx"}) {
            var imported = owner.client().post("/api/v1/imports", Map.of("connectionId", connection, "format", "ofx",
                    "content", ImportFiles.base64(ImportFiles.text(file))));
            if (imported.status() != 201) {
                throw new AssertionError("fixture import failed: " + imported);
            }
        }
        var accounts = owner.client().get("/api/v1/accounts").json();
        String account = accounts.get(0).get("id").asString();
        String other = accounts.get(1).get("id").asString();
        String holding = owner.client().get("/api/v1/holdings").json().get(0).get("id").asString();
        // 3457.73 checking + 5048.50 brokerage: a total only the owner's data adds up to.
        String netWorth = "8506.23";
        Map<String, Request> requests = new LinkedHashMap<>();
        requests.put("GET /api/v1/accounts", Request.list("/api/v1/accounts", Set.of(account, other)));
        requests.put("GET /api/v1/accounts/{id}", Request.single("GET", "/api/v1/accounts/" + account, null));
        requests.put("GET /api/v1/accounts/{id}/balances",
                Request.single("GET", "/api/v1/accounts/" + account + "/balances", null));
        requests.put("GET /api/v1/holdings", Request.list("/api/v1/holdings", Set.of(holding)));
        // Every transaction row names its account id.
        requests.put("GET /api/v1/transactions", Request.list("/api/v1/transactions", Set.of(account, other)));
        requests.put("GET /api/v1/net-worth", Request.self("GET", "/api/v1/net-worth", null, Set.of(netWorth)));
        requests.put("GET /api/v1/net-worth/history",
                Request.self("GET", "/api/v1/net-worth/history", null, Set.of(netWorth)));
        return requests;
    }
}

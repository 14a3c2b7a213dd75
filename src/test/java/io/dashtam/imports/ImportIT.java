package io.dashtam.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ImportIT extends IntegrationTest {

    static String fileConnection(Caller caller, String alias) {
        var created = caller.client().post("/api/v1/connections", Map.of("provider", "file", "alias", alias));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    static Map<String, Object> ofx(String connection, String file, boolean preview) {
        return new HashMap<>(Map.of("connectionId", connection, "format", file.endsWith(".qfx") ? "qfx" : "ofx",
                "fileName", file, "content", ImportFiles.base64(ImportFiles.text(file)), "preview", preview));
    }

    static Map<String, Object> csv(String connection, String content, boolean preview) {
        return Map.of("connectionId", connection, "format", "csv", "fileName", "card.csv",
                "content", ImportFiles.base64(content), "preview", preview, "csv", Map.of(
                        "account", Map.of("number", "4000123412341234", "name", "Visa", "type", "creditcard"),
                        "columns", Map.of("date", "Date", "amount", "Amount", "description", "Description"),
                        "dateFormat", "yyyy-MM-dd"));
    }

    /** The user's rows in the portfolio tables and the import log. */
    private int rows(Caller caller) {
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM accounts WHERE user_id = :u)
                     + (SELECT count(*) FROM transactions WHERE user_id = :u)
                     + (SELECT count(*) FROM balance_snapshots b JOIN accounts a ON a.id = b.account_id
                        WHERE a.user_id = :u)
                     + (SELECT count(*) FROM imports WHERE user_id = :u)""")
                .param("u", java.util.UUID.fromString(caller.userId())).query(Integer.class).single();
    }

    @Test
    void previewReportsWhatWouldChangeAndStoresNothing() {
        var caller = newUser();
        String connection = fileConnection(caller, "Bank files");
        var preview = caller.client().post("/api/v1/imports", ofx(connection, "checking.ofx", true));
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().get("preview").asBoolean()).isTrue();
        assertThat(preview.json().get("parsed").asInt()).isEqualTo(3);
        assertThat(preview.json().get("accounts").get(0).get("number").asString()).isEqualTo("****3210");
        assertThat(preview.body()).doesNotContain("9876543210");
        assertThat(rows(caller)).isZero();
        assertThat(caller.client().get("/api/v1/imports").json()).isEmpty();
    }

    @Test
    void ofxImportIsDeduplicatedOnFitid() {
        var caller = newUser();
        String connection = fileConnection(caller, "Bank files");
        var first = caller.client().post("/api/v1/imports", ofx(connection, "checking.ofx", false));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        // account + balance + 3 transactions
        assertThat(first.json().get("added").asInt()).isEqualTo(5);
        var again = caller.client().post("/api/v1/imports", ofx(connection, "checking.ofx", false));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("added").asInt()).isZero();
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(3);
        // A corrected amount for a known FITID updates that row.
        var corrected = ofx(connection, "checking.ofx", false);
        corrected.put("content", ImportFiles.base64(ImportFiles.text("checking.ofx").replace("-0.10", "-0.15")));
        var third = caller.client().post("/api/v1/imports", corrected).json();
        assertThat(third.get("added").asInt()).isZero();
        assertThat(third.get("updated").asInt()).isEqualTo(1);
        assertThat(caller.client().get("/api/v1/transactions").json().get("items")).hasSize(3);

        JsonNode accounts = caller.client().get("/api/v1/accounts").json();
        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).get("balance").get("amount").asString()).isEqualTo("3457.73");
        assertThat(accounts.get(0).get("connectionId").asString()).isEqualTo(connection);
        assertThat(caller.client().get("/api/v1/imports").json()).hasSize(3);
    }

    @Test
    void investmentQfxBringsHoldings() {
        var caller = newUser();
        String connection = fileConnection(caller, "Broker files");
        assertThat(caller.client().post("/api/v1/imports", ofx(connection, "brokerage.qfx", false)).status())
                .isEqualTo(201);
        var holdings = caller.client().get("/api/v1/holdings").json();
        assertThat(holdings).hasSize(1);
        assertThat(holdings.get(0).get("symbol").asString()).isEqualTo("VTI");
        assertThat(holdings.get(0).get("marketValue").get("amount").asString()).isEqualTo("2350.00");
        var buys = caller.client().get("/api/v1/transactions?symbol=VTI").json().get("items");
        assertThat(buys).hasSize(1);
        assertThat(buys.get(0).get("quantity").asString()).isEqualTo("10");
    }

    @Test
    void csvImportIsDeduplicatedOnContentHash() {
        var caller = newUser();
        String connection = fileConnection(caller, "Card exports");
        String csv = ImportFiles.text("card.csv");
        var first = caller.client().post("/api/v1/imports", csv(connection, csv, false));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("parsed").asInt()).isEqualTo(4);
        // The next export overlaps: the same four rows plus one new one.
        var next = caller.client().post("/api/v1/imports", csv(connection, csv + "2024-02-09,GAS,-30.00,Auto\n",
                false)).json();
        assertThat(next.get("added").asInt()).isEqualTo(1);
        assertThat(next.get("unchanged").asInt()).isEqualTo(4);
        assertThat(caller.client().get("/api/v1/transactions").json().get("items")).hasSize(5);
    }

    @Test
    void theDecimalMarkIsTheMappingsOptionAndAnAmbiguousAmountIsARowErrorInThePreview() {
        var caller = newUser();
        String connection = fileConnection(caller, "Euro card");
        String european = "Date;Description;Amount\n2024-03-01;Café;-12,50\n2024-03-02;Rent;-1.234,56\n";
        var ambiguous = caller.client().post("/api/v1/imports", csvWith(connection, european, ";", null));
        assertThat(ambiguous.status()).as(ambiguous.toString()).isEqualTo(400);
        assertThat(ambiguous.json().get("line").asInt()).isEqualTo(2);
        assertThat(ambiguous.json().get("field").asString()).isEqualTo("Amount");
        assertThat(ambiguous.json().get("detail").asString()).contains("ambiguous under the decimal mark '.'");
        assertThat(caller.client().post("/api/v1/imports", csvWith(connection, european, ";", "x")).status())
                .isEqualTo(422);

        var stored = caller.client().post("/api/v1/imports", csvWith(connection, european, ";", ","));
        assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
        var amounts = new java.util.ArrayList<java.math.BigDecimal>();
        for (JsonNode t : caller.client().get("/api/v1/transactions").json().get("items")) {
            amounts.add(new java.math.BigDecimal(t.get("amount").get("amount").asString()));
        }
        assertThat(amounts).usingElementComparator(java.math.BigDecimal::compareTo)
                .containsExactlyInAnyOrder(new java.math.BigDecimal("-12.50"), new java.math.BigDecimal("-1234.56"));
    }

    private static Map<String, Object> csvWith(String connection, String content, String delimiter, String mark) {
        var mapping = new HashMap<String, Object>(Map.of(
                "account", Map.of("number", "DE0012345678", "name", "Euro card", "currency", "EUR"),
                "columns", Map.of("date", "Date", "amount", "Amount", "description", "Description"),
                "dateFormat", "yyyy-MM-dd", "delimiter", delimiter));
        if (mark != null) {
            mapping.put("decimalMark", mark);
        }
        return Map.of("connectionId", connection, "format", "csv", "fileName", "euro.csv",
                "content", ImportFiles.base64(content), "preview", mark == null, "csv", mapping);
    }

    @Test
    void aCorruptFileIs400NamingLineAndFieldAndImportsNothing() {
        var caller = newUser();
        String connection = fileConnection(caller, "Files");
        var bad = ofx(connection, "checking.ofx", false);
        bad.put("content", ImportFiles.base64(ImportFiles.text("checking.ofx").replace("<TRNAMT>-0.10",
                "<TRNAMT>ten cents")));
        var response = caller.client().post("/api/v1/imports", bad);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("line").asInt()).isEqualTo(57);
        assertThat(response.json().get("field").asString()).isEqualTo("TRNAMT");
        assertThat(response.json().get("detail").asString()).contains("line 57", "TRNAMT");
        assertThat(response.body()).doesNotContain("ten cents");
        var badCsv = caller.client().post("/api/v1/imports", csv(connection,
                ImportFiles.text("card.csv").replace("2024-02-05", "yesterday"), false));
        assertThat(badCsv.status()).isEqualTo(400);
        assertThat(badCsv.json().get("detail").asString()).contains("line 5", "Date");
        assertThat(rows(caller)).isZero();
    }

    @Test
    void onlyTheOwnersFileConnectionsAcceptImports() {
        var owner = newUser();
        String connection = fileConnection(owner, "Files");
        var other = newUser();
        assertThat(other.client().post("/api/v1/imports", ofx(connection, "checking.ofx", false)).status())
                .isEqualTo(404);
        var sandbox = owner.client().post("/api/v1/connections", Map.of("provider", "sandbox", "alias", "Sandbox"));
        if (sandbox.status() == 201) {
            var refused = owner.client().post("/api/v1/imports", ofx(sandbox.json().get("id").asString(),
                    "checking.ofx", false));
            assertThat(refused.status()).isEqualTo(409);
        }
        var notBase64 = ofx(connection, "checking.ofx", false);
        notBase64.put("content", "%%%");
        assertThat(owner.client().post("/api/v1/imports", notBase64).status()).isEqualTo(422);
        var noMapping = new HashMap<>(csv(connection, "a,b\n", false));
        noMapping.remove("csv");
        assertThat(owner.client().post("/api/v1/imports", noMapping).status()).isEqualTo(422);
        assertThat(rows(owner)).isZero();
    }
}

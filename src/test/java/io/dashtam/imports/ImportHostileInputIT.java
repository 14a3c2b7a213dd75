package io.dashtam.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** Issue 11 in the imports module: imports follow their connection, and files PostgreSQL cannot hold are a 422. */
class ImportHostileInputIT extends IntegrationTest {

    @Test
    void deletingTheConnectionDeletesItsImports() {
        var caller = newUser();
        String kept = ImportIT.fileConnection(caller, "Kept");
        String deleted = ImportIT.fileConnection(caller, "Deleted");
        assertThat(caller.client().post("/api/v1/imports", ImportIT.ofx(kept, "checking.ofx", false)).status())
                .isEqualTo(201);
        assertThat(caller.client().post("/api/v1/imports", ImportIT.ofx(deleted, "checking.ofx", false)).status())
                .isEqualTo(201);
        assertThat(caller.client().get("/api/v1/imports").json()).hasSize(2);

        assertThat(caller.client().delete("/api/v1/connections/" + deleted).status()).isEqualTo(204);

        var imports = caller.client().get("/api/v1/imports").json();
        assertThat(imports).hasSize(1);
        assertThat(imports.get(0).get("connectionId").asString()).isEqualTo(kept);
    }

    @Test
    void aFileWithNulCharactersIs422AndStoresNothing() {
        var caller = newUser();
        String connection = ImportIT.fileConnection(caller, "Files");
        var body = new HashMap<>(ImportIT.csv(connection, "Date,Amount,Description\n2024-02-05,-5.00,Co\u0000ffee\n",
                false));
        var response = caller.client().post("/api/v1/imports", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains("content");
        assertThat(caller.client().get("/api/v1/imports").json()).isEmpty();
    }

    @Test
    void datesOutOfRangeInAFileAre400NamingTheLine() {
        var caller = newUser();
        String connection = ImportIT.fileConnection(caller, "Files");
        var body = new HashMap<>(ImportIT.csv(connection, "Date,Amount,Description\n099999-02-05,-5.00,Coffee\n",
                false));
        body.put("csv", java.util.Map.of(
                "account", java.util.Map.of("number", "4000123412341234", "name", "Visa", "type", "creditcard"),
                "columns", java.util.Map.of("date", "Date", "amount", "Amount", "description", "Description"),
                "dateFormat", "yyyyyy-MM-dd"));
        var response = caller.client().post("/api/v1/imports", body);
        assertThat(response.status()).as(response.toString()).isBetween(400, 499);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(caller.client().get("/api/v1/imports").json()).isEmpty();
    }

    /** BTC and ZZZ passed the three-letter check, then Currency.getInstance threw: a 500 through both doors. */
    @Test
    void aCurrencyThatIsNotIso4217Is422AndStoresNothing() {
        var caller = newUser();
        String connection = ImportIT.fileConnection(caller, "Files");
        for (String code : java.util.List.of("BTC", "ZZZ")) {
            var body = new HashMap<>(ImportIT.csv(connection, "Date,Amount,Description\n2024-02-05,-5.00,Coffee\n",
                    false));
            body.put("csv", java.util.Map.of(
                    "account", java.util.Map.of("number", "4000123412341234", "currency", code),
                    "columns", java.util.Map.of("date", "Date", "amount", "Amount", "description", "Description")));
            var response = caller.client().post("/api/v1/imports", body);
            assertThat(response.status()).as(response.toString()).isEqualTo(422);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asString()).contains(code + " is not an ISO 4217 currency");
        }
        assertThat(caller.client().get("/api/v1/imports").json()).isEmpty();
    }

    /** 8,000 levels overflowed the stack (500, ~1,100 log lines per request); now 422 naming the line. */
    @Test
    void anOfxNestedThousandsOfLevelsDeepIs422() {
        var caller = newUser();
        String connection = ImportIT.fileConnection(caller, "Files");
        var body = new HashMap<>(ImportIT.ofx(connection, "checking.ofx", false));
        body.put("content", ImportFiles.base64("<OFX>\n" + "<A>".repeat(8_000) + "</A>".repeat(8_000) + "</OFX>"));
        var response = caller.client().post("/api/v1/imports", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.json().get("detail").asString()).contains("line 2").contains("nested more than");
        assertThat(caller.client().get("/api/v1/imports").json()).isEmpty();
    }
}

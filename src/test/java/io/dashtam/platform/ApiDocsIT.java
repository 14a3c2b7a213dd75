package io.dashtam.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI description and its UI at /docs (on in dev and test), served without a token over HTTPS. */
class ApiDocsIT extends IntegrationTest {

    @Test
    void openApiDescriptionListsTheApi() {
        var response = api().get("/docs/openapi");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var doc = response.json();
        assertThat(doc.get("openapi").asString()).startsWith("3.");
        assertThat(doc.get("paths").propertyNames()).contains("/api/v1/connections", "/api/v1/transactions",
                "/api/v1/sessions");
        // Java type names may change (portfolio's TransactionSlice); the schema names clients see do not.
        assertThat(doc.get("components").get("schemas").propertyNames()).contains("TransactionPage")
                .doesNotContain("TransactionSlice");
    }

    @Test
    void uiIsServedWithTheSecurityHeaders() {
        var redirect = api().get("/docs");
        assertThat(redirect.status()).as(redirect.toString()).isEqualTo(302);
        String location = redirect.header("Location");
        assertThat(location).contains("swagger-ui");
        var page = api().send("GET", location.replaceFirst("^https://[^/]+", ""), null, null, Map.of());
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(page.header("Strict-Transport-Security")).contains("max-age=");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}

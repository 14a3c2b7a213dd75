package io.dashtam.providers.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CallbackResultTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BASE = "https://dashtam.example.org";

    @Test
    void problemTitlesFollowTheStatus() {
        assertThat(title(CallbackResult.badRequest("no state"))).isEqualTo("Bad Request");
        assertThat(title(CallbackResult.badGateway("provider down"))).isEqualTo("Bad Gateway");
        assertThat(title(new CallbackResult(404, "Not Found", "Nothing here.", false))).isEqualTo("Not Found");
        assertThat(title(new CallbackResult(405, "Method Not Allowed", "GET only", false)))
                .isEqualTo("Method Not Allowed");
        assertThat(title(new CallbackResult(500, "Error", "unexpected", false))).isEqualTo("Internal Server Error");
    }

    @Test
    void problemBodyIsJsonWithTheStatusAndEscapedDetail() {
        var body = JSON.readTree(new CallbackResult(404, "Not Found", "a \"quoted\"\n<detail>", false)
                .body(false, BASE));
        assertThat(body.get("status").asInt()).isEqualTo(404);
        assertThat(body.get("detail").asString()).isEqualTo("a \"quoted\"\n<detail>");
    }

    /** The listener's port serves only the callback: the way back is absolute, to the app's public address. */
    @Test
    void theWayBackIsAnAbsoluteLinkToTheAppsConnectionsPage() {
        String html = CallbackResult.connected("My \"broker\"").body(true, BASE);
        assertThat(html).contains("<a href=\"https://dashtam.example.org/app/connections\">")
                .contains("My &quot;broker&quot;");
        assertThat(CallbackResult.badRequest("no").html("https://x.test/a\"b"))
                .contains("href=\"https://x.test/a&quot;b/app/");
    }

    private static String title(CallbackResult result) {
        assertThat(result.contentType(false)).isEqualTo("application/problem+json");
        return JSON.readTree(result.body(false, BASE)).get("title").asString();
    }
}

package io.dashtam.providers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CallbackResultTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        var body = JSON.readTree(new CallbackResult(404, "Not Found", "a \"quoted\"\n<detail>", false).body(false));
        assertThat(body.get("status").asInt()).isEqualTo(404);
        assertThat(body.get("detail").asString()).isEqualTo("a \"quoted\"\n<detail>");
    }

    private static String title(CallbackResult result) {
        assertThat(result.contentType(false)).isEqualTo("application/problem+json");
        return JSON.readTree(result.body(false)).get("title").asString();
    }
}

package io.dashtam.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class BodySizeLimitFilterTest {

    @Test
    void theLongestMatchingPrefixWinsWhateverTheMapOrder() {
        var shortFirst = new LinkedHashMap<String, DataSize>();
        shortFirst.put("/api/v1/imports", DataSize.ofMegabytes(28));
        shortFirst.put("/api/v1/imports/preview", DataSize.ofKilobytes(10));
        var longFirst = new LinkedHashMap<String, DataSize>();
        longFirst.put("/api/v1/imports/preview", DataSize.ofKilobytes(10));
        longFirst.put("/api/v1/imports", DataSize.ofMegabytes(28));
        for (Map<String, DataSize> limits : java.util.List.of(shortFirst, longFirst)) {
            var filter = new BodySizeLimitFilter(DataSize.ofMegabytes(1), limits);
            assertThat(filter.limitFor("/api/v1/imports/preview")).isEqualTo(10 * 1024);
            assertThat(filter.limitFor("/api/v1/imports")).isEqualTo(28L * 1024 * 1024);
            assertThat(filter.limitFor("/api/v1/users")).isEqualTo(1024 * 1024);
        }
    }
}

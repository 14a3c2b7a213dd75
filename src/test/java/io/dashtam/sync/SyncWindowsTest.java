package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.portfolio.AccountBatch;
import io.dashtam.providers.ProviderCallException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the next transaction window is sized after an answer that hit the provider's row cap. */
class SyncWindowsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aFullAnswerSizesTheNextWindowFromTheTimeItsRowsCover() {
        // 3000 rows over 12 days: a third of the cap fits in 4 days, far below half the year asked for.
        List<AccountBatch.Transaction> full = rows(3000, Duration.ofDays(12));
        assertThat(SyncRunner.narrowed(Duration.ofDays(365), full, 3000)).isEqualTo(Duration.ofDays(4));
    }

    @Test
    void theWindowAlwaysAtLeastHalves() {
        // Rows over more time than was asked for (a provider ignoring the dates): halving still guarantees progress.
        List<AccountBatch.Transaction> full = rows(3000, Duration.ofDays(60));
        assertThat(SyncRunner.narrowed(Duration.ofDays(30), full, 3000)).isEqualTo(Duration.ofDays(15));
    }

    @Test
    void rowsAtOneInstantGiveTheSmallestWindowAndBelowItPagingStops() {
        List<AccountBatch.Transaction> full = rows(3000, Duration.ZERO);
        assertThat(SyncRunner.narrowed(Duration.ofDays(1), full, 3000)).isEqualTo(Duration.ofSeconds(2));
        assertThat(SyncRunner.narrowed(Duration.ofSeconds(3), full, 3000)).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> SyncRunner.narrowed(Duration.ofMillis(1500), full, 3000))
                .isInstanceOf(ProviderCallException.class).hasMessageContaining("more than 3000 transactions");
    }

    @Test
    void anAnswerWithoutRowsOnlyHalves() {
        assertThat(SyncRunner.narrowed(Duration.ofDays(10), List.of(), 3000)).isEqualTo(Duration.ofDays(5));
    }

    private static List<AccountBatch.Transaction> rows(int count, Duration over) {
        List<AccountBatch.Transaction> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = T0.plus(count == 1 ? Duration.ZERO : over.multipliedBy(i).dividedBy(count - 1));
            rows.add(new AccountBatch.Transaction("t" + i, at, null, null, "DIVIDEND_OR_INTEREST", "VALID", "INTEREST",
                    null, null, null, new BigDecimal("1.17")));
        }
        return rows;
    }
}

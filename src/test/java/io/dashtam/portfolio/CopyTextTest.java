package io.dashtam.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** COPY text as PostgreSQL reads it, whatever the size of the driver's reads. */
class CopyTextTest {

    private static final List<AccountBatch.Transaction> ROWS = List.of(
            new AccountBatch.Transaction("1", Instant.parse("2026-03-01T10:15:30Z"), LocalDate.parse("2026-03-01"),
                    null, "TRADE", "VALID", "BUY\tA\\B\nC\rD\0E", "AAPL", new BigDecimal("3"),
                    new BigDecimal("1E+2"), new BigDecimal("-300.0000")),
            new AccountBatch.Transaction("2", Instant.parse("2026-03-02T00:00:00.123Z"), null, null, "JOURNAL",
                    "PENDING", null, null, null, null, new BigDecimal("0.01")));

    private static final String EXPECTED = "p\t1\t2026-03-01T10:15:30Z\t2026-03-01\t\\N\tTRADE\tVALID\t"
            + "BUY\\tA\\\\B\\nC\\rDE\tAAPL\t3\t100\t-300.0000s\n"
            + "p\t2\t2026-03-02T00:00:00.123Z\t\\N\t\\N\tJOURNAL\tPENDING\t\t\\N\t\\N\t\\N\t0.01s\n";

    @Test
    void rowsAreEscapedWithNullsAsBackslashN() throws IOException {
        assertThat(readAll(CopyText.of(ROWS, "p\t", "s"), 1 << 16)).isEqualTo(EXPECTED);
    }

    @Test
    void smallReadsSplitRowsAnywhereAndGiveTheSameText() throws IOException {
        for (int size : new int[] {1, 2, 7, 64}) {
            assertThat(readAll(CopyText.of(ROWS, "p\t", "s"), size)).as("reads of %d chars", size).isEqualTo(EXPECTED);
        }
        assertThat(CopyText.of(List.of(), "", "").read(new char[8], 0, 8)).isEqualTo(-1);
    }

    private static String readAll(Reader reader, int size) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[size];
        for (int n; (n = reader.read(buffer, 0, size)) != -1; ) {
            out.append(buffer, 0, n);
        }
        return out.toString();
    }
}

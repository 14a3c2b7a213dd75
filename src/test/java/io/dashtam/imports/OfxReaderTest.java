package io.dashtam.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.core.UserId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OfxReaderTest {

    private static final UUID CONNECTION = UUID.randomUUID();
    private static final UserId USER = UserId.random();

    @Test
    void sgmlBankStatementWithLeavesWithoutEndTags() {
        var batches = OfxReader.read(ImportFiles.text("checking.ofx"), CONNECTION, USER);
        assertThat(batches).hasSize(1);
        var batch = batches.get(0);
        assertThat(batch.account().masked()).isEqualTo("****3210");
        assertThat(batch.account().type()).isEqualTo("CHECKING");
        assertThat(batch.balance().balance()).isEqualTo(new BigDecimal("3457.73"));
        assertThat(batch.balance().cash()).isEqualTo(new BigDecimal("3400.00"));
        assertThat(batch.holdings()).isNull();
        var grocery = batch.transactions().get(0);
        assertThat(grocery.providerId()).isEqualTo("FITID:2024010501");
        assertThat(grocery.amount()).isEqualTo(new BigDecimal("-42.17"));
        assertThat(grocery.description()).isEqualTo("GROCERY STORE & DELI CARD 1234");
        assertThat(grocery.occurredAt()).isEqualTo(Instant.parse("2024-01-05T17:00:00Z"));
        assertThat(batch.transactions()).hasSize(3);
        assertThat(batch.transactions().get(2).amount()).isEqualTo(new BigDecimal("-0.10"));
    }

    @Test
    void xmlInvestmentStatementWithPositionsAndSecurities() {
        var batch = OfxReader.read(ImportFiles.text("brokerage.qfx"), CONNECTION, USER).get(0);
        assertThat(batch.account().type()).isEqualTo("INVESTMENT");
        assertThat(batch.holdings()).hasSize(1);
        var vti = batch.holdings().get(0);
        assertThat(vti.symbol()).isEqualTo("VTI");
        assertThat(vti.marketValue()).isEqualTo(new BigDecimal("2350.00"));
        assertThat(batch.balance().balance()).isEqualByComparingTo("5048.50");
        var buy = batch.transactions().stream().filter(t -> t.providerId().equals("FITID:B-1001")).findFirst()
                .orElseThrow();
        assertThat(buy.symbol()).isEqualTo("VTI");
        assertThat(buy.quantity()).isEqualByComparingTo("10");
        assertThat(buy.amount()).isEqualTo(new BigDecimal("-2301.50"));
        assertThat(buy.settlementDate()).isEqualTo(LocalDate.of(2024, 1, 12));
        assertThat(batch.transactions()).extracting(t -> t.providerId()).contains("FITID:D-1");
    }

    private static final String SPLIT = """
              <SPLIT>
                <INVTRAN><FITID>S-1</FITID><DTTRADE>20240120</DTTRADE><MEMO>2 FOR 1</MEMO></INVTRAN>
                <SECID><UNIQUEID>922908769</UNIQUEID><UNIQUEIDTYPE>CUSIP</UNIQUEIDTYPE></SECID>
                <SUBACCTSEC>CASH</SUBACCTSEC><OLDUNITS>10</OLDUNITS><NEWUNITS>20</NEWUNITS>
                <NUMERATOR>2</NUMERATOR><DENOMINATOR>1</DENOMINATOR>
              </SPLIT>
              <INVBANKTRAN>""";

    @Test
    void aSplitAddsItsSharesAndARatioOfZeroIsRefused() {
        String qfx = ImportFiles.text("brokerage.qfx").replaceFirst("\\s*<INVBANKTRAN>", "\n" + SPLIT);
        var split = OfxReader.read(qfx, CONNECTION, USER).get(0).transactions().stream()
                .filter(t -> t.providerId().equals("FITID:S-1")).findFirst().orElseThrow();
        assertThat(split.type()).isEqualTo("SPLIT");
        assertThat(split.symbol()).isEqualTo("VTI");
        assertThat(split.quantity()).isEqualByComparingTo("10");
        assertThat(split.amount()).isEqualByComparingTo("0");
        assertThatThrownBy(() -> OfxReader.read(qfx.replace("<NUMERATOR>2</NUMERATOR>", "<NUMERATOR>0</NUMERATOR>"),
                CONNECTION, USER)).isInstanceOf(ImportException.class)
                .hasMessageEndingWith("field NUMERATOR: a split ratio must be above zero");
        assertThatThrownBy(() -> OfxReader.read(qfx.replace("<DENOMINATOR>1</DENOMINATOR>",
                "<DENOMINATOR>0.00</DENOMINATOR>"), CONNECTION, USER)).isInstanceOf(ImportException.class)
                .hasMessageEndingWith("field DENOMINATOR: a split ratio must be above zero");
        assertThatThrownBy(() -> OfxReader.read(qfx.replace("<NEWUNITS>20</NEWUNITS>", "<NEWUNITS>0</NEWUNITS>"),
                CONNECTION, USER)).isInstanceOf(ImportException.class).hasMessageContaining("NEWUNITS");
    }

    @Test
    void corruptFilesNameTheLineAndField() {
        String ofx = ImportFiles.text("checking.ofx");
        assertThatThrownBy(() -> OfxReader.read(ofx.replace("<TRNAMT>2500.00", "<TRNAMT>25OO.00"), CONNECTION, USER))
                .isInstanceOf(ImportException.class).hasMessage("line 50, field TRNAMT: not a number");
        assertThatThrownBy(() -> OfxReader.read(ofx.replace("<DTPOSTED>20240120", "<DTPOSTED>2024-01-20"),
                CONNECTION, USER)).hasMessage("line 56, field DTPOSTED: not an OFX date "
                        + "(YYYYMMDD[HHMMSS][.XXX][[offset:TZ]])");
        assertThatThrownBy(() -> OfxReader.read(ofx.replace("<FITID>2024012001\n", ""), CONNECTION, USER))
                .hasMessage("line 54, field FITID: missing in STMTTRN");
        assertThatThrownBy(() -> OfxReader.read("hello", CONNECTION, USER))
                .hasMessageContaining("not an OFX/QFX file");
        assertThatThrownBy(() -> OfxReader.read(ofx.replace("<TRNAMT>-0.10", "<TRNAMT>1e99"), CONNECTION, USER))
                .hasMessageContaining("TRNAMT: not a number");
        assertThatThrownBy(() -> OfxReader.read(ofx.replace("<TRNAMT>-0.10", "<TRNAMT>99999999999999999"),
                CONNECTION, USER)).hasMessageContaining("TRNAMT: out of range");
    }

    /** 8,000 levels overflowed the stack of the recursive search (a 500 and 1,100 log lines); now a 422's cause. */
    @Test
    void nestingDeeperThanAnyStatementIsRefusedNamingTheLineWithoutRecursion() {
        String deep = "<OFX>\n" + "<A>".repeat(8_000) + "</A>".repeat(8_000) + "\n</OFX>\n";
        assertThatThrownBy(() -> OfxReader.read(deep, CONNECTION, USER)).isInstanceOf(ImportException.class)
                .hasMessage("line 2, field A: elements nested more than " + OfxDocument.MAX_DEPTH + " levels deep");
        String fine = "<OFX>" + "<A>".repeat(OfxDocument.MAX_DEPTH - 2) + "<STMTRS>" + "</A>".repeat(
                OfxDocument.MAX_DEPTH - 2) + "</OFX>";
        assertThat(OfxDocument.parse(fine).find("STMTRS")).hasSize(1);
    }
}

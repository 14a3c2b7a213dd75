package io.dashtam.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.core.UserId;
import io.dashtam.portfolio.AccountBatch;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    static final CsvReader.Mapping MAPPING = new CsvReader.Mapping(
            new AccountBatch.Account("4000123412341234", "Card", "CREDITCARD", Currency.getInstance("USD")),
            new CsvOptions.Columns("Date", "Amount", "Description", "Category", null, null, null, null),
            "yyyy-MM-dd", ',', '.');

    private static AccountBatch read(String csv) {
        return CsvReader.read(csv, MAPPING, UUID.randomUUID(), UserId.random());
    }

    @Test
    void quotedFieldsAccountingNegativesAndThousandsSeparators() {
        var batch = read(ImportFiles.text("card.csv"));
        assertThat(batch.transactions()).hasSize(4);
        assertThat(batch.transactions().get(0).description()).isEqualTo("COFFEE SHOP, DOWNTOWN");
        assertThat(batch.transactions().get(2).description()).isEqualTo("BOOKS \"USED\"");
        assertThat(batch.transactions().get(2).amount()).isEqualTo(new BigDecimal("-12.00"));
        assertThat(batch.transactions().get(3).amount()).isEqualTo(new BigDecimal("1234.56"));
        assertThat(batch.transactions().get(0).type()).isEqualTo("FOOD");
    }

    @Test
    void rowIdsAreTheSha256OfTheNormalizedRowAndItsOccurrence() {
        // Ids of rows imported by earlier versions must match on re-import: pinned, computed outside Java.
        var batch = read("Date,Amount,Description,Category\n2024-01-05,-4.50,Coffee  Shop,Food\n"
                + "2024-01-05,-4.5,coffee shop,FOOD\n");
        assertThat(batch.transactions()).extracting(AccountBatch.Transaction::providerId).containsExactly(
                "CSV:afc3003471df83ad3579b7d7ae66111a29c51c0d3198541edf7bd7e237a63566",
                "CSV:fa21e234bf35858a118f9e9199ae3909fdaa432004411ec556c4cf593aa65266");
    }

    @Test
    void identicalRowsKeepDistinctStableIds() {
        var first = read(ImportFiles.text("card.csv"));
        var again = read(ImportFiles.text("card.csv").replace("\n", "\r\n"));
        assertThat(first.transactions().get(0).providerId()).isNotEqualTo(first.transactions().get(1).providerId());
        assertThat(again.transactions()).extracting(AccountBatch.Transaction::providerId)
                .containsExactlyElementsOf(first.transactions().stream().map(AccountBatch.Transaction::providerId)
                        .toList());
    }

    @Test
    void corruptRowsNameTheLineAndColumn() {
        String csv = ImportFiles.text("card.csv");
        assertThatThrownBy(() -> read(csv.replace("-4.50,Food\n2024-02-03", "-4.50,Food\n2024-02-03")
                .replace("(12.00)", "twelve"))).isInstanceOf(ImportException.class)
                .hasMessage("line 4, field Amount: not a number");
        assertThatThrownBy(() -> read(csv.replace("2024-02-05", "05/02/2024")))
                .hasMessage("line 5, field Date: not a date in the format yyyy-MM-dd");
        assertThatThrownBy(() -> read(csv.replace("Amount", "Sum")))
                .hasMessage("line 1, field Amount: no such column in the header");
        assertThatThrownBy(() -> read(csv + "2024-02-06,\"unterminated,-1,Other\n"))
                .hasMessageContaining("unterminated quoted field");
    }

    private static final CsvOptions.Columns NO_CATEGORY = new CsvOptions.Columns("Date", "Amount", "Description",
            null, null, null, null, null);

    private static AccountBatch read(String csv, char delimiter, char decimalMark) {
        return CsvReader.read(csv, new CsvReader.Mapping(MAPPING.account(), NO_CATEGORY, MAPPING.dateFormat(),
                delimiter, decimalMark), UUID.randomUUID(), UserId.random());
    }

    private static AccountBatch read(String csv, char decimalMark) {
        return read(csv, ';', decimalMark);
    }

    @Test
    void theDecimalMarkIsTheImportsChoiceAndAnAmbiguousAmountIsARowErrorNeverAHundredfold() {
        String csv = "Date;Amount;Description\n2024-01-05;12,50;Coffee\n";
        // Under '.', "12,50" was read as 1250: now the row is refused, naming the line and the column.
        assertThatThrownBy(() -> read(csv, '.')).isInstanceOf(ImportException.class)
                .hasMessageStartingWith("line 2, field Amount: ambiguous under the decimal mark '.'");
        assertThat(read(csv, ',').transactions().get(0).amount()).isEqualTo(new BigDecimal("12.50"));
        assertThat(read("Date;Amount;Description\n2024-01-05;-1.234,56;Rent\n2024-01-06;(7,5);Fee\n"
                + "2024-01-07;1 234,5;Pay\n", ',').transactions()).extracting(AccountBatch.Transaction::amount)
                .containsExactly(new BigDecimal("-1234.56"), new BigDecimal("-7.5"), new BigDecimal("1234.5"));
        assertThat(read("Date;Amount;Description\n2024-01-05;1,234.56;Pay\n2024-01-06;$1,250;Bonus\n", '.')
                .transactions()).extracting(AccountBatch.Transaction::amount)
                .containsExactly(new BigDecimal("1234.56"), new BigDecimal("1250"));
        assertThatThrownBy(() -> read("Date;Amount;Description\n2024-01-05;12.50;Coffee\n", ','))
                .hasMessageStartingWith("line 2, field Amount: ambiguous under the decimal mark ','");
        assertThatThrownBy(() -> read("Date;Amount;Description\n2024-01-05;12.5.0;Coffee\n", '.'))
                .hasMessage("line 2, field Amount: not a number");
    }

    /** The parser copied the cell so far for every quote: a cell of "a" and 900,000 quotes took 24 s. */
    @Test
    void aCellFullOfQuotesIsReadAsIsInOnePass() {
        String quotes = "\"".repeat(900_000);
        var batch = read("Date,Amount,Description\n2024-01-05,-4.50,a" + quotes + "\n", ',', '.');
        assertThat(batch.transactions().get(0).description()).isEqualTo("a" + quotes);
        var quoted = read("Date,Amount,Description\n2024-01-05,-4.50,\"" + quotes + "\"\n", ',', '.');
        assertThat(quoted.transactions().get(0).description()).isEqualTo("\"".repeat(450_000));
    }

    @Test
    void aQuotedLineBreakKeepsTheLinesOfTheRowsAfterIt() {
        String csv = "Date,Amount,Description\n2024-01-05,-4.50,\"two\nlines\"\n2024-01-06,x,Bad\n";
        assertThatThrownBy(() -> read(csv, ',', '.')).hasMessage("line 4, field Amount: not a number");
    }

    private static BigDecimal amount(String cell, char mark) {
        var mapping = new CsvReader.Mapping(MAPPING.account(), MAPPING.columns(), "yyyy-MM-dd", ';', mark);
        return CsvReader.read("Date;Amount;Description;Category\n2024-01-05;" + cell + ";x;y\n", mapping,
                UUID.randomUUID(), UserId.random()).transactions().get(0).amount();
    }

    @Test
    void theDecimalMarkIsAnOptionAndTheOtherMarkOnlyGroupsThousands() {
        assertThat(amount("1,234.56", '.')).isEqualByComparingTo("1234.56");
        assertThat(amount("1,234,567", '.')).isEqualByComparingTo("1234567");
        assertThat(amount("-12.50", '.')).isEqualByComparingTo("-12.50");
        assertThat(amount("(12.50)", '.')).isEqualByComparingTo("-12.50");
        assertThat(amount("12,50", ',')).isEqualByComparingTo("12.50");
        assertThat(amount("1.234,56", ',')).isEqualByComparingTo("1234.56");
        assertThat(amount("-1.234.567,8", ',')).isEqualByComparingTo("-1234567.8");
        assertThat(amount("1 234,56", ',')).isEqualByComparingTo("1234.56");
        assertThat(amount("1,234", ',')).isEqualByComparingTo("1.234");
    }

    @Test
    void anAmountAmbiguousUnderTheChosenMarkIsARowErrorNeverAScaledNumber() {
        // Once, "12,50" was stored as 1250 and "1.234,56" as 1.23456 without a word.
        assertThatThrownBy(() -> amount("12,50", '.')).isInstanceOf(ImportException.class)
                .hasMessageContaining("line 2, field Amount: ambiguous under the decimal mark '.'");
        assertThatThrownBy(() -> amount("1.234,56", '.')).isInstanceOf(ImportException.class)
                .hasMessageContaining("line 2, field Amount: ambiguous under the decimal mark '.'");
        assertThatThrownBy(() -> amount("12.50", ',')).isInstanceOf(ImportException.class)
                .hasMessageContaining("line 2, field Amount: ambiguous under the decimal mark ','");
        assertThatThrownBy(() -> amount("1,2,3", '.')).hasMessage("line 2, field Amount: not a number");
        assertThatThrownBy(() -> amount("1,2345.0", '.')).hasMessage("line 2, field Amount: not a number");
        assertThatThrownBy(() -> amount(",", '.')).hasMessage("line 2, field Amount: not a number");
    }
}

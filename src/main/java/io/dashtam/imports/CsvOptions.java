package io.dashtam.imports;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * How a CSV file maps onto one account: the account it fills, which columns hold what, dates, delimiter and the
 * decimal mark of its amounts ({@code .} by default, the other of {@code .} and {@code ,} then separates thousands).
 */
public record CsvOptions(@NotNull @Valid CsvAccount account, @NotNull Columns columns, String dateFormat,
        @Size(min = 1, max = 1) String delimiter, @Pattern(regexp = "[.,]") String decimalMark) {

    /** Without a decimal mark: {@code .}. */
    public CsvOptions(CsvAccount account, Columns columns, String dateFormat, String delimiter) {
        this(account, columns, dateFormat, delimiter, null);
    }

    /** The account the rows belong to; {@code type} defaults to CHECKING, {@code currency} to USD. */
    public record CsvAccount(@NotBlank @Size(max = 64) String number, @Size(max = 100) String name,
            @Size(max = 40) String type, @Pattern(regexp = "[A-Za-z]{3}") String currency) {
    }

    /** Which header names hold which values; date and amount are required. */
    public record Columns(String date, String amount, String description, String type, String symbol,
            String quantity, String price, String status) {
    }
}

package io.dashtam.markets;

import io.dashtam.core.PublicEndpoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A built-in source of euro reference rates for dev and test (off in staging and prod, like the sandboxes):
 * the ECB's three files in their published formats under {@code /sandbox/ecb}, with deterministic rates on
 * weekdays since 2014, so conversion works offline. Rates follow slow waves around realistic levels.
 */
@RestController
@ConditionalOnProperty(name = "dashtam.markets.builtin-rates", havingValue = "true")
class BuiltInRates {

    static final String PATH = "/sandbox/ecb";
    static final LocalDate FIRST = LocalDate.of(2014, 1, 1);
    private static final List<String> CURRENCIES = List.of("USD", "JPY", "GBP", "CHF", "CAD");
    private static final List<String> LEVELS = List.of("1.1000", "140.00", "0.8600", "1.0200", "1.4500");

    private final Clock clock;

    BuiltInRates(Clock clock) {
        this.clock = clock;
    }

    @Bean
    static PublicEndpoints builtInRatesPaths() {
        return () -> List.of("GET " + PATH + "/**");
    }

    static BigDecimal rate(int currency, LocalDate day) {
        BigDecimal level = new BigDecimal(LEVELS.get(currency));
        double wave = 0.06 * StrictMath.sin(2 * StrictMath.PI * day.toEpochDay() / (400.0 + 90 * currency));
        return level.multiply(BigDecimal.valueOf(1 + wave)).setScale(level.scale(), RoundingMode.HALF_EVEN);
    }

    @GetMapping(value = PATH + "/eurofxref-daily.xml", produces = MediaType.APPLICATION_XML_VALUE)
    String daily() {
        return xml(lastBusinessDay(), 1);
    }

    @GetMapping(value = PATH + "/eurofxref-hist-90d.xml", produces = MediaType.APPLICATION_XML_VALUE)
    String ninetyDays() {
        return xml(lastBusinessDay(), 90);
    }

    @GetMapping(value = PATH + "/eurofxref-hist.zip", produces = "application/zip")
    ResponseEntity<byte[]> history() {
        StringBuilder csv = new StringBuilder("Date,").append(String.join(",", CURRENCIES)).append(",\n");
        for (LocalDate d = lastBusinessDay(); !d.isBefore(FIRST); d = d.minusDays(1)) {
            if (weekend(d)) {
                continue;
            }
            csv.append(d);
            for (int i = 0; i < CURRENCIES.size(); i++) {
                csv.append(',').append(rate(i, d).toPlainString());
            }
            csv.append(",\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("eurofxref-hist.csv"));
            zip.write(csv.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok(out.toByteArray());
    }

    private String xml(LocalDate newest, int days) {
        StringBuilder x = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" \
                xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
                <gesmes:subject>Reference rates</gesmes:subject>
                <gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender>
                <Cube>
                """);
        int written = 0;
        for (LocalDate d = newest; written < days && !d.isBefore(FIRST); d = d.minusDays(1)) {
            if (weekend(d)) {
                continue;
            }
            x.append("<Cube time=\"").append(d).append("\">\n");
            for (int i = 0; i < CURRENCIES.size(); i++) {
                x.append("<Cube currency=\"").append(CURRENCIES.get(i)).append("\" rate=\"")
                        .append(rate(i, d).toPlainString()).append("\"/>\n");
            }
            x.append("</Cube>\n");
            written++;
        }
        return x.append("</Cube>\n</gesmes:Envelope>\n").toString();
    }

    private LocalDate lastBusinessDay() {
        LocalDate d = LocalDate.now(clock);
        while (weekend(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    private static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}

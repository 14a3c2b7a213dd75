package io.dashtam.markets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The ECB's published formats (eurofxref-daily.xml, eurofxref-hist.csv), and files that must store nothing. */
class EcbFormatTest {

    private static final String DAILY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" \
            xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
            <gesmes:subject>Reference rates</gesmes:subject>
            <gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender>
            <Cube><Cube time="2026-12-04"><Cube currency="USD" rate="1.0512"/><Cube currency="JPY" rate="158.21"/>
            </Cube></Cube></gesmes:Envelope>
            """;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheDailyXmlAsDecimals() {
        var rates = EcbFormat.xml(bytes(DAILY));
        assertThat(rates.days()).containsOnlyKeys(LocalDate.parse("2026-12-04"));
        assertThat(rates.days().get(LocalDate.parse("2026-12-04")).get("USD")).isEqualByComparingTo("1.0512");
        assertThat(rates.count()).isEqualTo(2);
    }

    @Test
    void readsTheHistoryCsvWithItsTrailingCommaAndNotAvailableCells() {
        var rates = EcbFormat.csv(bytes("Date,USD,JPY,CYP,\n2026-12-04,1.0512,158.21,N/A,\n2008-01-02,1.4708,"
                + "165.03,0.5842,\n"));
        assertThat(rates.days()).hasSize(2);
        assertThat(rates.days().get(LocalDate.parse("2026-12-04"))).containsOnlyKeys("USD", "JPY");
        assertThat(rates.days().get(LocalDate.parse("2008-01-02")).get("CYP")).isEqualByComparingTo("0.5842");
    }

    @Test
    void aTruncatedOrWrongFileIsRefusedWhole() {
        assertThatThrownBy(() -> EcbFormat.xml(bytes(DAILY.substring(0, DAILY.length() / 2))))
                .isInstanceOf(EcbFormat.RatesFileException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> EcbFormat.xml(bytes("<html><body>maintenance</body></html>")))
                .isInstanceOf(EcbFormat.RatesFileException.class).hasMessageContaining("gesmes");
        assertThatThrownBy(() -> EcbFormat.csv(bytes("Date,USD,\n2026-12-04,1.05")))
                .isInstanceOf(EcbFormat.RatesFileException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> EcbFormat.csv(bytes("{\"rates\": {}}\n")))
                .isInstanceOf(EcbFormat.RatesFileException.class).hasMessageContaining("header");
        assertThatThrownBy(() -> EcbFormat.zip(bytes("PK not really")))
                .isInstanceOf(EcbFormat.RatesFileException.class);
    }

    @Test
    void aCurrencyThatIsNotIso4217OrARateAtOrBelowZeroIsRefused() {
        assertThatThrownBy(() -> EcbFormat.xml(bytes(DAILY.replace("JPY", "XQZ"))))
                .hasMessageContaining("ISO 4217");
        assertThatThrownBy(() -> EcbFormat.xml(bytes(DAILY.replace("1.0512", "0")))).hasMessageContaining("zero");
        assertThatThrownBy(() -> EcbFormat.csv(bytes("Date,USD,\n2026-12-04,-1.2,\n"))).hasMessageContaining("zero");
        assertThatThrownBy(() -> EcbFormat.xml(bytes("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + DAILY.substring(DAILY.indexOf("<gesmes:Envelope"))))).isInstanceOf(EcbFormat.RatesFileException.class);
    }
}

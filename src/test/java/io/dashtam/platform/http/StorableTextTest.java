package io.dashtam.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void refusesNulAndUnpairedSurrogatesOnly() {
        assertThat(StorableText.isStorable("plain ascii, ünïcödé and an emoji \uD83D\uDE00")).isTrue();
        assertThat(StorableText.isStorable("a\u0000b")).isFalse();
        assertThat(StorableText.isStorable("lone high \uD800")).isFalse();
        assertThat(StorableText.isStorable("\uD800x")).isFalse();
        assertThat(StorableText.isStorable("lone low \uDC00")).isFalse();
        assertThat(StorableText.isStorable("\uDE00\uD83D")).isFalse();
    }

    @Test
    void parameterNamesAndValuesRefuseControlCharacters() {
        assertThat(StorableText.isPlainName("accountId")).isTrue();
        assertThat(StorableText.isPlainName("a\u0001")).isFalse();
        assertThat(StorableText.isPlainName("a\tb")).isFalse();
        assertThat(StorableText.isPlainValue("line one\r\nline two\tend")).isTrue();
        assertThat(StorableText.isPlainValue("bell\u0007")).isFalse();
        assertThat(StorableText.isPlainValue("c1\u0085")).isFalse();
    }
}

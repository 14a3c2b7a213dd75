package io.dashtam.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.platform.runtime.ConfigurationProblem;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void convertsAHostingPlatformUrl() {
        var url = DatabaseUrl.parse("DATABASE_URL", "postgresql://dash%40user:p%3Ass@db.internal:6543/dashtam?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/dashtam?sslmode=require");
        assertThat(url.username()).isEqualTo("dash@user");
        assertThat(url.password()).isEqualTo("p:ss");
        assertThat(url.toString()).doesNotContain("p:ss");
        assertThat(url.withDatabase("other").jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/other?sslmode=require");
    }

    @Test
    void defaultsThePort() {
        assertThat(DatabaseUrl.parse("X", "postgres://u@h/d").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d");
    }

    @Test
    void rejectsOtherSchemesWithoutEchoingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "mysql://u:topsecret@h/d"))
                .isInstanceOf(ConfigurationProblem.class).hasMessageStartingWith("DATABASE_URL:")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "postgresql://u:topsecret@h"))
                .hasMessageNotContaining("topsecret");
    }
}

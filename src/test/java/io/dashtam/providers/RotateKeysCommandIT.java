package io.dashtam.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.Secret;
import io.dashtam.core.UserId;
import io.dashtam.providers.authorization.ProviderTokens;
import io.dashtam.providers.authorization.StoredTokens;
import io.dashtam.providers.authorization.TokenCipher;
import io.dashtam.providers.authorization.TokenSet;
import io.dashtam.providers.connections.Connection;
import io.dashtam.providers.connections.Connections;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.SwitchingDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** {@code java -jar dashtam.jar rotate-keys}, run in-process against this class's database. */
class RotateKeysCommandIT extends IntegrationTest {

    @Autowired
    Connections connections;
    @Autowired
    ProviderTokens tokens;
    @Autowired
    TokenCipher cipher;
    @Value("${dashtam.crypto.encryption-keys}")
    String appKeys;

    @Test
    void reencryptsEveryRowUnderTheNewActiveKey() {
        UserId owner = UserId.of(newUser().userId());
        Instant now = clock.instant();
        var type = new ProviderType("schwab", "Charles Schwab", "brokerage", "oauth2", List.of(), true);
        Connection c = Connection.create(owner, type, "rot-" + UUID.randomUUID(), now)
                .activated(now, now.plus(Duration.ofDays(7)));
        connections.insert(c);
        tokens.put(new StoredTokens(c.id(), cipher.seal(c.id(), new TokenSet(new Secret("A.1"), new Secret("R.1@"),
                null)), "Bearer", null, now.plusSeconds(1800), c.deadline(), now.plusSeconds(1500), 0, null, null), now);

        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String ring = "k-cli:" + Base64.getEncoder().encodeToString(key) + "," + appKeys;
        var db = SwitchingDataSource.instance().current();
        int exit = RotateKeysCommand.run(new String[] {"--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + (db.password() == null ? "" : db.password()),
                "--dashtam.crypto.encryption-keys=" + ring});
        assertThat(exit).isZero();
        var row = tokens.find(c.id()).orElseThrow();
        assertThat(row.sealed().keyId()).isEqualTo("k-cli");
        assertThat(new TokenCipher(ring).open(c.id(), row.sealed()).refreshToken().value()).isEqualTo("R.1@");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'provider.token.keys_rotated'")
                .query(Long.class).single()).isEqualTo(1);
        jdbc.sql("DELETE FROM provider_tokens WHERE key_id = 'k-cli'").update();
    }

    @Test
    void withoutADatabaseUrlItSaysWhatToDo() {
        assertThat(RotateKeysCommand.run(new String[0])).isEqualTo(2);
    }
}

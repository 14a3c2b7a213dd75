package io.dashtam.users;

import io.dashtam.core.InvalidInputException;
import io.dashtam.core.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Password rules and hashing: at least 12 characters, not on the bundled list of common passwords, hashed with
 * Argon2id (Spring Security's current defaults: 16 MiB, 2 iterations).
 */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 256;

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final Set<String> common;
    // Made on first use: an Argon2 hash costs a noticeable part of start-up and most starts never need it.
    private final SingletonSupplier<String> dummyHash =
            SingletonSupplier.of(() -> encoder.encode(Tokens.newToken().value()));

    PasswordPolicy() {
        this.common = load("/users/common-passwords.txt");
    }

    /** Throws a 422 naming {@code field} when the password is too short, too long or common. */
    void check(String field, Secret password) {
        String value = password.value();
        if (value.length() < MIN_LENGTH) {
            throw InvalidInputException.field(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (value.length() > MAX_LENGTH) {
            throw InvalidInputException.field(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (common.contains(value.toLowerCase(Locale.ROOT))) {
            throw InvalidInputException.field(field, "is too common; choose another");
        }
    }

    String hash(Secret password) {
        return encoder.encode(password.value());
    }

    /** With no hash (unknown account) a dummy is checked anyway, so timing does not tell which emails exist. */
    boolean matches(Secret password, String hash) {
        if (hash == null) {
            encoder.matches(password.value(), dummyHash.obtain());
            return false;
        }
        return encoder.matches(password.value(), hash);
    }

    private static Set<String> load(String resource) {
        Set<String> words = new HashSet<>();
        try (var in = PasswordPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.toLowerCase(Locale.ROOT))
                    .forEach(words::add);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        return Set.copyOf(words);
    }
}

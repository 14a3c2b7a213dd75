package io.dashtam.platform.runtime;

import io.dashtam.core.KeyRing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Token-encryption and JWT signing keys. staging and prod must configure them; dev, test and ci generate them
 * once and keep them under {@code dashtam.home} so encrypted data and sessions survive restarts.
 */
class KeysEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    private static final Map<String, String> KEYS = Map.of(
            "dashtam.crypto.encryption-keys", "DASHTAM_ENCRYPTION_KEYS",
            "dashtam.crypto.jwt-keys", "DASHTAM_JWT_KEYS");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> props = new HashMap<>();
        KEYS.forEach((property, variable) -> {
            String value = env.getProperty(property, "");
            if (value.isBlank()) {
                if (Environments.isProductionLike(env)) {
                    throw new ConfigurationProblem(variable, "required in " + Environments.name(env)
                            + " (comma-separated keyId:base64key, 32-byte keys)");
                }
                value = loadOrCreate(Environments.home(env).resolve(Environments.name(env)).resolve("keys")
                        .resolve(variable.toLowerCase() + ".txt"));
                props.put(property, value);
            }
            try {
                KeyRing.parse(variable, value);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationProblem(variable, e.getMessage());
            }
        });
        env.getPropertySources().addFirst(new MapPropertySource("dashtamKeys", props)); // generated only where blank
    }

    private static String loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String value = "local1:" + Base64.getEncoder().encodeToString(key);
            Path tmp = Files.createTempFile(file.getParent(), ".key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, value);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return value;
        } catch (IOException e) {
            throw new ConfigurationProblem("DASHTAM_HOME", "cannot keep generated keys in " + file.getParent()
                    + ": " + e.getMessage());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}

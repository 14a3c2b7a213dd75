package io.dashtam.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Sample statement files under src/test/resources/imports. */
public final class ImportFiles {

    private ImportFiles() {
    }

    public static String text(String name) {
        try (InputStream in = ImportFiles.class.getResourceAsStream("/imports/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String base64(String content) {
        return java.util.Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
    }
}

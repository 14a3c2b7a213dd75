package io.dashtam;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Module boundaries as code: each module uses only the modules its package-info allows, and no cycles. The module
 * canvases and diagrams in {@code docs/architecture/} are Spring Modulith's Documenter output for this code: a
 * change of the modules regenerates them here, and the test fails until the new files are committed.
 */
class ModularityTest {

    // Production classes only, whatever the build directory is called (-Dbuild.dir=target-<branch>): ArchUnit's
    // own test filter only knows target/test-classes.
    private static final ApplicationModules MODULES = ApplicationModules.of(DashtamApplication.class,
            (ImportOption) location -> !location.contains("/test-classes/"));
    private static final Path COMMITTED = Path.of("docs/architecture");

    @Test
    void modulesRespectTheirAllowedDependencies() {
        MODULES.verify();
    }

    @Test
    void theCommittedModuleDocumentationIsCurrent() throws IOException {
        Path generated = Files.createTempDirectory("modulith-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();
        List<String> stale = new ArrayList<>();
        Files.createDirectories(COMMITTED);
        try (Stream<Path> files = Files.list(generated)) {
            for (Path file : files.sorted().toList()) {
                Path committed = COMMITTED.resolve(file.getFileName().toString());
                String now = Files.readString(file);
                if (!Files.exists(committed) || !sameLines(Files.readString(committed), now)) {
                    Files.writeString(committed, now);
                    stale.add(committed.toString());
                }
            }
        }
        try (Stream<Path> files = Files.list(COMMITTED)) {
            files.filter(f -> !Files.exists(generated.resolve(f.getFileName()))).forEach(f -> {
                try {
                    Files.delete(f);
                    stale.add(f + " (removed)");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertThat(stale).as("regenerated from the code; commit them").isEmpty();
    }

    /**
     * The diagrams list their relations, and the canvases some of their items, in no fixed order: the same lines in
     * any order are the same document (a list's first item carries the table cell's "|").
     */
    private static boolean sameLines(String a, String b) {
        return normalized(a).equals(normalized(b));
    }

    private static List<String> normalized(String text) {
        return text.lines().map(l -> l.startsWith("|* ") ? l.substring(1) : l).sorted().toList();
    }
}

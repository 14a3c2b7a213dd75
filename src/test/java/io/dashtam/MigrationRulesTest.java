package io.dashtam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Expand/contract (docs/operations.md): during a rolling upgrade the last release keeps running on the new schema
 * (scripts/upgrade-test.sh proves it for the release in RELEASE), so a migration after the release's last one may
 * only add. Removing or reshaping what the release still reads or writes (dropping or renaming a table or column,
 * changing a column's type, making a column NOT NULL, adding a NOT NULL column without a default) waits for the
 * release after the one that stopped using it, and says so: {@code -- contract: <what>, unused since <version>}.
 */
class MigrationRulesTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");
    private static final List<Pattern> REMOVES = List.of(
            Pattern.compile("\\bDROP\\s+(TABLE|COLUMN|VIEW|TYPE)\\b"),
            Pattern.compile("\\bRENAME\\b"),
            Pattern.compile("\\bALTER\\s+COLUMN\\s+\\S+\\s+(SET\\s+DATA\\s+)?TYPE\\b"),
            Pattern.compile("\\bSET\\s+NOT\\s+NULL\\b"),
            Pattern.compile("\\bADD\\s+(COLUMN\\s+)?(?!CONSTRAINT)\\S+\\s+[^,;]*\\bNOT\\s+NULL\\b(?![^,;]*\\bDEFAULT\\b)"));
    private static final Pattern CONTRACT = Pattern.compile("--\\s*contract:\\s*\\S.*,\\s*unused since \\d+\\.\\d+\\.\\d+");

    @Test
    void migrationsSinceTheLastReleaseOnlyExpand() throws IOException {
        int release = Integer.parseInt(releaseValue("schema"));
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.sorted().toList()) {
                Matcher name = VERSION.matcher(file.getFileName().toString());
                if (!name.matches() || Integer.parseInt(name.group(1)) <= release) {
                    continue;
                }
                checked++;
                problems.addAll(problems(file.getFileName().toString(), Files.readString(file)));
            }
        }
        assertThat(problems).as("%d migration(s) after V%d (RELEASE schema) that remove or reshape", checked, release)
                .isEmpty();
    }

    @Test
    void theRuleSeesWhatItForbids() {
        assertThat(problems("x", "ALTER TABLE users DROP COLUMN name;")).hasSize(1);
        assertThat(problems("x", "ALTER TABLE users RENAME COLUMN name TO full_name;")).hasSize(1);
        assertThat(problems("x", "ALTER TABLE users ALTER COLUMN name TYPE varchar(10);")).hasSize(1);
        assertThat(problems("x", "ALTER TABLE users ALTER COLUMN name SET NOT NULL;")).hasSize(1);
        assertThat(problems("x", "ALTER TABLE users ADD COLUMN nick TEXT NOT NULL;")).hasSize(1);
        assertThat(problems("x", "DROP TABLE old_things;")).hasSize(1);

        assertThat(problems("x", "ALTER TABLE users ADD COLUMN nick TEXT NOT NULL DEFAULT '';")).isEmpty();
        assertThat(problems("x", "ALTER TABLE users ADD COLUMN nick TEXT;")).isEmpty();
        assertThat(problems("x", "CREATE TABLE t (id UUID PRIMARY KEY, name TEXT NOT NULL);")).isEmpty();
        assertThat(problems("x", "CREATE INDEX t_idx ON t (name);")).isEmpty();
        assertThat(problems("x", "DROP INDEX IF EXISTS t_idx;")).isEmpty();
        assertThat(problems("x", "-- a comment that says DROP TABLE\nSELECT 1;")).isEmpty();
        assertThat(problems("x", "ALTER TABLE users DROP COLUMN legacy; -- contract: users.legacy, unused since 0.2.0"))
                .isEmpty();
    }

    static List<String> problems(String file, String sql) {
        List<String> found = new ArrayList<>();
        String[] lines = sql.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int comment = line.indexOf("--");
            String code = (comment >= 0 ? line.substring(0, comment) : line).toUpperCase(Locale.ROOT);
            if (CONTRACT.matcher(line).find()) {
                continue;
            }
            for (Pattern remove : REMOVES) {
                if (remove.matcher(code).find()) {
                    found.add(file + ":" + (i + 1) + ": " + line.strip());
                    break;
                }
            }
        }
        return found;
    }

    private static String releaseValue(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("RELEASE"))) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        throw new IllegalStateException("RELEASE has no " + key);
    }
}

package io.dashtam.backup;

import io.dashtam.platform.DatabaseCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * {@code java -jar dashtam.jar backup FILE | backup --dir DIR [--keep N] [--every 24h]} and
 * {@code java -jar dashtam.jar restore FILE}, against {@code DATABASE_URL} or else the embedded database of
 * {@code DASHTAM_HOME} (the running one when the app is up). Other {@code --name=value} arguments are Spring
 * settings. Exit codes: 0 done, 1 refused or failed (one line on stderr saying why), 2 usage.
 */
public final class BackupCommand {

    static final String MIGRATIONS = "classpath:db/migration";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    static final String PREFIX = "dashtam-";
    static final String SUFFIX = ".dtbackup";

    private BackupCommand() {
    }

    public static int backup(String[] args) {
        return run(args, true, System.out, System.err);
    }

    public static int restore(String[] args) {
        return run(args, false, System.out, System.err);
    }

    static int run(String[] args, boolean backup, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args, backup);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(backup ? "usage: java -jar dashtam.jar backup FILE | backup --dir DIR [--keep N] [--every 24h]"
                    : "usage: java -jar dashtam.jar restore FILE");
            return 2;
        }
        try (var context = DatabaseCommand.start(options.spring().toArray(String[]::new))) {
            DataSource dataSource = context.getBean(DataSource.class);
            if (backup) {
                BackupWriter writer = new BackupWriter(dataSource, Clock.systemUTC(), appVersion());
                do {
                    backupOnce(writer, options, out);
                    if (options.every() != null) {
                        Thread.sleep(options.every().toMillis());
                    }
                } while (options.every() != null);
            } else {
                long started = System.nanoTime();
                String keys = context.getEnvironment().getProperty("dashtam.crypto.encryption-keys", "");
                var result = new BackupRestorer(dataSource, keys, MIGRATIONS).restore(options.file());
                Manifest m = result.manifest();
                out.printf("restore: %s (%s, schema V%s, made %s) -> %d tables, %d rows in %.1f s; migrated to V%s; "
                                + "the configured keys open all %d provider secret(s)%n", options.file(), m.appVersion(),
                        m.schemaVersion(), m.createdAt(), m.tables().size(), m.rows(),
                        (System.nanoTime() - started) / 1e9, result.migratedTo(), result.secretsOpened());
            }
            return 0;
        } catch (BackupException e) {
            err.println((backup ? "backup" : "restore") + " refused: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (RuntimeException e) {
            err.println((backup ? "backup" : "restore") + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static void backupOnce(BackupWriter writer, Options options, PrintStream out) {
        long started = System.nanoTime();
        Path file = options.file() != null ? options.file()
                : options.dir().resolve(PREFIX + STAMP.format(java.time.Instant.now()) + SUFFIX);
        try {
            if (options.dir() != null) {
                Files.createDirectories(options.dir());
            }
            Manifest m = writer.write(file);
            out.printf("backup: %s: %d tables, %d rows, %d bytes in %.1f s (schema V%s, %s)%n", file, m.tables().size(),
                    m.rows(), Files.size(file), (System.nanoTime() - started) / 1e9, m.schemaVersion(), m.appVersion());
            if (options.keep() > 0) {
                for (Path old : prune(options.dir(), options.keep())) {
                    out.println("backup: removed " + old + " (keeping the newest " + options.keep() + ")");
                }
            }
        } catch (IOException e) {
            throw new BackupException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes this command's own backups in {@code dir} beyond the newest {@code keep}; returns what it deleted. */
    static List<Path> prune(Path dir, int keep) throws IOException {
        List<Path> ours;
        try (Stream<Path> files = Files.list(dir)) {
            ours = files.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d{8}-\\d{6}" + SUFFIX))
                    .sorted().toList();
        }
        List<Path> removed = new ArrayList<>();
        for (int i = 0; i < ours.size() - keep; i++) {
            Files.deleteIfExists(ours.get(i));
            removed.add(ours.get(i));
        }
        return removed;
    }

    static String appVersion() {
        try (InputStream in = BackupCommand.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return "Dashtam " + p.getProperty("build.version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    /** FILE, or --dir DIR with --keep N and --every DURATION; --name=value arguments go to Spring. */
    record Options(Path file, Path dir, int keep, Duration every, List<String> spring) {

        static Options parse(String[] args, boolean backup) {
            Path file = null;
            Path dir = null;
            int keep = 0;
            Duration every = null;
            List<String> spring = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (backup && List.of("--dir", "--keep", "--every").contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--dir" -> dir = Path.of(value);
                        case "--keep" -> keep = positive(name, value);
                        default -> every = org.springframework.boot.convert.DurationStyle.detectAndParse(value);
                    }
                } else if (arg.startsWith("--")) {
                    spring.add(arg);
                } else if (file == null) {
                    file = Path.of(arg);
                } else {
                    throw new IllegalArgumentException("one FILE only, got " + file + " and " + arg);
                }
            }
            if ((file == null) == (dir == null)) {
                throw new IllegalArgumentException(backup ? "give FILE or --dir DIR" : "give the backup FILE");
            }
            if (file != null && (keep > 0 || every != null)) {
                throw new IllegalArgumentException("--keep and --every go with --dir");
            }
            return new Options(file, dir, keep, every, spring);
        }

        private static int positive(String name, String value) {
            try {
                int n = Integer.parseInt(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be a positive number, got " + value);
        }
    }
}

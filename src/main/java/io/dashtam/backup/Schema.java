package io.dashtam.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** What a backup reads from the catalog of the connection's current schema. */
final class Schema {

    static final String FLYWAY_TABLE = "flyway_schema_history";

    private Schema() {
    }

    /** Tables with their stored (not generated, not dropped) columns, parents before the tables referencing them. */
    static Map<String, List<String>> tables(Connection c) throws SQLException {
        Map<String, List<String>> columns = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT cl.relname, a.attname FROM pg_class cl
                JOIN pg_namespace n ON n.oid = cl.relnamespace
                JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                WHERE n.nspname = current_schema() AND cl.relkind IN ('r', 'p') AND cl.relname <> ?
                ORDER BY cl.relname, a.attnum""")) {
            s.setString(1, FLYWAY_TABLE);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        Map<String, Set<String>> parents = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT child.relname, parent.relname FROM pg_constraint k
                JOIN pg_class child ON child.oid = k.conrelid
                JOIN pg_class parent ON parent.oid = k.confrelid
                JOIN pg_namespace n ON n.oid = child.relnamespace
                WHERE k.contype = 'f' AND n.nspname = current_schema()""")) {
            while (rs.next()) {
                if (!rs.getString(1).equals(rs.getString(2))) {
                    parents.computeIfAbsent(rs.getString(1), t -> new LinkedHashSet<>()).add(rs.getString(2));
                } else {
                    // A row may reference a row COPY has not loaded yet: the order inside one table is not ours.
                    throw new BackupException("table " + rs.getString(1) + " references itself; the backup format "
                            + "cannot order its rows (extend Schema.tables before adding such a reference)");
                }
            }
        }
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String table : columns.keySet()) {
            visit(table, columns, parents, ordered, visiting);
        }
        return ordered;
    }

    private static void visit(String table, Map<String, List<String>> columns, Map<String, Set<String>> parents,
                              Map<String, List<String>> ordered, Set<String> visiting) {
        if (ordered.containsKey(table) || !columns.containsKey(table)) {
            return;
        }
        if (!visiting.add(table)) {
            throw new BackupException("foreign keys form a cycle through " + visiting + "; cannot order the tables");
        }
        for (String parent : parents.getOrDefault(table, Set.of())) {
            visit(parent, columns, parents, ordered, visiting);
        }
        visiting.remove(table);
        ordered.put(table, columns.get(table));
    }

    static List<Manifest.Sequence> sequences(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT cl.relname FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE n.nspname = current_schema() AND cl.relkind = 'S' ORDER BY 1""")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        List<Manifest.Sequence> result = new ArrayList<>();
        for (String name : names) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM " + quote(name))) {
                rs.next();
                result.add(new Manifest.Sequence(name, rs.getLong(1), rs.getBoolean(2)));
            }
        }
        return result;
    }

    /** The version of the last migration applied, if Flyway ever ran here. */
    static Optional<String> version(Connection c) throws SQLException {
        if (!exists(c, FLYWAY_TABLE)) {
            return Optional.empty();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM " + FLYWAY_TABLE
                + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /** Relations (tables, views, sequences) in the current schema: a restore needs none. */
    static List<String> relations(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT cl.relname FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE n.nspname = current_schema() AND cl.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                ORDER BY 1""")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(quote_ident(current_schema()) || '.' || ?)")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getString(1) != null;
            }
        }
    }

    static String serverVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(Schema::quote).toList());
    }
}

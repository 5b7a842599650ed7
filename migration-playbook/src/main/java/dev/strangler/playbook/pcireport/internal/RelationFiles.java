package dev.strangler.playbook.pcireport.internal;

import dev.strangler.playbook.pcireport.ScanTargets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Names the group a file of a data directory belongs to: the table (or its index, or its TOAST table) behind a
 * relation file, as the server's {@code pg_class} says ({@code pg_relation_filepath}), asked once per scan; the
 * database behind another database's directory; else the top directory ({@code pg_wal}, {@code pg_xact}). Without a
 * server to ask, a relation file is named by its path.
 */
final class RelationFiles {

    private static final String RELATIONS = """
            select pg_relation_filepath(c.oid), c.relkind, n.nspname, c.relname, owner_ns.nspname, owner.relname
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            left join pg_index i on i.indexrelid = c.oid and n.nspname = 'pg_toast'
            left join pg_class owner on n.nspname = 'pg_toast' and owner.reltoastrelid = coalesce(i.indrelid, c.oid)
            left join pg_namespace owner_ns on owner_ns.oid = owner.relnamespace
            where pg_relation_filepath(c.oid) is not null""";

    /** {@code base/16384/16386} to {@code table public.payments}. */
    private final Map<String, String> relations;
    /** A database's oid (its directory under {@code base/}) to its name. */
    private final Map<String, String> databases;
    /** The oid of the database asked, whose relations are named. */
    private final @Nullable String asked;

    private RelationFiles(Map<String, String> relations, Map<String, String> databases, @Nullable String asked) {
        this.relations = relations;
        this.databases = databases;
        this.asked = asked;
    }

    /** What the database at {@code jdbcUrl} says of its files; nothing when there is none or it cannot be reached. */
    static RelationFiles of(@Nullable String jdbcUrl, ScanTargets.Login login) {
        Map<String, String> relations = new HashMap<>();
        Map<String, String> databases = new HashMap<>();
        String asked = null;
        if (jdbcUrl == null) {
            return new RelationFiles(relations, databases, null);
        }
        try (Connection db = DriverManager.getConnection(jdbcUrl, login.properties()); Statement s = db.createStatement()) {
            try (ResultSet rs = s.executeQuery(RELATIONS)) {
                while (rs.next()) {
                    relations.put(rs.getString(1), label(rs.getString(2), rs.getString(3) + "." + rs.getString(4),
                            rs.getString(6) == null ? null : rs.getString(5) + "." + rs.getString(6)));
                }
            }
            try (ResultSet rs = s.executeQuery("select oid::text, datname, datname = current_database() from pg_database")) {
                while (rs.next()) {
                    databases.put(rs.getString(1), rs.getString(2));
                    asked = rs.getBoolean(3) ? rs.getString(1) : asked;
                }
            }
        } catch (SQLException e) {
            // the server is down: its files are still there to read, named by path
            return new RelationFiles(Map.of(), Map.of(), null);
        }
        return new RelationFiles(relations, databases, asked);
    }

    private static String label(String kind, String name, @Nullable String toastOf) {
        if (toastOf != null) {
            return (kind.equals("i") ? "TOAST index of " : "TOAST of ") + toastOf;
        }
        return switch (kind) {
            case "i" -> "index " + name;
            case "S" -> "sequence " + name;
            case "m" -> "materialized view " + name;
            default -> "table " + name;
        };
    }

    /** The group of the file at {@code relative} (to the data directory, with {@code /} separators). */
    String group(String relative) {
        String[] parts = relative.split("/");
        if (parts.length == 1) {
            return relative;
        }
        boolean relationFile = (parts[0].equals("base") && parts.length == 3 && !parts[1].equals("pgsql_tmp"))
                || (parts[0].equals("global") && parts.length == 2);
        if (!relationFile) {
            return parts[0].equals("base") ? "base/" + parts[1] : parts[0];
        }
        // 16386, 16386.1 (the next gigabyte), 16386_fsm, 16386_vm: one relation
        String path = relative.replaceFirst("(_fsm|_vm|_init)?(\\.[0-9]+)?$", "");
        String relation = relations.get(path);
        if (relation != null) {
            return parts[0] + " (" + relation + ")";
        }
        if (asked == null) {
            return path;
        }
        if (parts[0].equals("base") && !parts[1].equals(asked)) {
            return "base/" + parts[1] + " (database " + databases.getOrDefault(parts[1], "unknown") + ")";
        }
        return path + " (no relation: dropped or rewritten, removed at the next checkpoint)";
    }
}

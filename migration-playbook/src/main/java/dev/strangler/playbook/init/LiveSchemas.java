package dev.strangler.playbook.init;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Reads the tables a draft needs from a live PostgreSQL database, through {@code information_schema} and
 * {@code pg_catalog}: columns with their stored types, nullability and defaults, the primary key, and where the key's
 * sequence starts. Reads only; a table that does not exist is left out of the snapshot.
 */
public final class LiveSchemas {

    private static final int TIMEOUT_SECONDS = 10;

    private LiveSchemas() {
    }

    /**
     * The {@code tables} of the database at {@code jdbcUrl} that exist (user and password may be query parameters of
     * the URL, as the PostgreSQL driver takes them).
     *
     * @throws SchemaReadException when the database cannot be reached or read; its message shows the URL without its
     *                             parameters, so no password is printed
     */
    public static SchemaSnapshot read(String jdbcUrl, List<String> tables) {
        Properties defaults = new Properties();
        // the URL's own parameters win over these
        defaults.setProperty("connectTimeout", Integer.toString(TIMEOUT_SECONDS));
        defaults.setProperty("loginTimeout", Integer.toString(TIMEOUT_SECONDS));
        defaults.setProperty("readOnly", "true");
        try (Connection db = DriverManager.getConnection(jdbcUrl, defaults)) {
            String database;
            try (PreparedStatement s = db.prepareStatement("select current_database()");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                database = rs.getString(1);
            }
            List<TableSchema> found = new ArrayList<>();
            for (String table : tables) {
                TableSchema t = table(db, table);
                if (t != null) {
                    found.add(t);
                }
            }
            return new SchemaSnapshot(database, found);
        } catch (SQLException e) {
            throw new SchemaReadException(withoutParameters(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    /** {@code jdbc:postgresql://host:5432/shop?user=u&password=p} -> {@code jdbc:postgresql://host:5432/shop}. */
    public static String withoutParameters(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
    }

    private static @Nullable TableSchema table(Connection db, String qualified) throws SQLException {
        int dot = qualified.indexOf('.');
        String schema = dot < 0 ? "public" : qualified.substring(0, dot);
        String table = dot < 0 ? qualified : qualified.substring(dot + 1);
        List<ColumnSchema> columns = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("""
                select column_name, udt_name, numeric_scale, is_nullable = 'YES',
                       column_default is not null or is_identity = 'YES' or is_generated <> 'NEVER'
                from information_schema.columns
                where table_schema = ? and table_name = ?
                order by ordinal_position
                """)) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int scale = rs.getInt(3);
                    columns.add(new ColumnSchema(rs.getString(1), rs.getString(2), rs.wasNull() ? null : scale,
                            rs.getBoolean(4), rs.getBoolean(5)));
                }
            }
        }
        if (columns.isEmpty()) {
            return null;
        }
        List<String> key = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("""
                select k.column_name
                from information_schema.table_constraints t
                join information_schema.key_column_usage k
                  on k.constraint_schema = t.constraint_schema and k.constraint_name = t.constraint_name
                 and k.table_name = t.table_name
                where t.constraint_type = 'PRIMARY KEY' and t.table_schema = ? and t.table_name = ?
                order by k.ordinal_position
                """)) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        return new TableSchema(qualified, columns, key, key.size() == 1 ? sequenceStart(db, schema, table,
                key.getFirst()) : null);
    }

    private static @Nullable Long sequenceStart(Connection db, String schema, String table, String key)
            throws SQLException {
        try (PreparedStatement s = db.prepareStatement("""
                select s.start_value from pg_sequences s
                where format('%I.%I', s.schemaname, s.sequencename)
                    = pg_get_serial_sequence(format('%I.%I', ?::text, ?::text), ?)
                """)) {
            s.setString(1, schema);
            s.setString(2, table);
            s.setString(3, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}

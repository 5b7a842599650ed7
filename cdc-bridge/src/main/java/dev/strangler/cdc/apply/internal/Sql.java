package dev.strangler.cdc.apply.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Small JDBC helpers shared by the target writers.
 *
 * <p>The writers are set-based: a batch goes to PostgreSQL as one array per column and one
 * {@code insert ... select from unnest(...) on conflict ...} statement, instead of one execution per row. On this
 * hot path that is what turns the database's per-statement cost (executor start-up, a round of protocol messages)
 * into a per-batch cost. Instants travel as ISO-8601 text with a zone ({@code ...Z}), so the session's time zone
 * cannot shift them.
 */
final class Sql {

    private Sql() {
    }

    /** Runs {@code select id, updated_at ... where id = any(?)} with {@code ids} as a bigint array. */
    static Map<Long, Instant> updatedAt(Connection connection, String sql, Collection<Long> ids) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                Map<Long, Instant> out = new HashMap<>();
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
                }
                return out;
            }
        }
    }

    static Array bigints(Connection connection, Long[] values) throws SQLException {
        return connection.createArrayOf("bigint", values);
    }

    static Array texts(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    /** For a {@code ?::timestamptz[]} parameter. */
    static Array instants(Connection connection, Instant[] values) throws SQLException {
        String[] text = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            text[i] = values[i] == null ? null : values[i].toString();
        }
        return texts(connection, text);
    }
}

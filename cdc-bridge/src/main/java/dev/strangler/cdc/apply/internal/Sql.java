package dev.strangler.cdc.apply.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Small JDBC helpers shared by the target writers. */
final class Sql {

    private Sql() {
    }

    /** Runs {@code select id, updated_at ... where id = any(?)} with {@code ids} as a bigint array. */
    static Map<Long, Instant> updatedAt(Connection connection, String sql, Collection<Long> ids) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                return ServicePayments.read(rs);
            }
        }
    }
}

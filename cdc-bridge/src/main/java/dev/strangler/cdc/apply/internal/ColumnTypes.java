package dev.strangler.cdc.apply.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The live table's column types ({@code udt_name}), read from the catalogue of the connection's search path. */
final class ColumnTypes {

    private ColumnTypes() {
    }

    static Map<String, String> of(Connection connection, String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                select column_name, udt_name from information_schema.columns
                where table_schema = current_schema() and table_name = ?""")) {
            s.setString(1, table);
            Map<String, String> types = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
            if (types.isEmpty()) {
                throw new SQLException("table " + table + " not found in the target database", "42P01");
            }
            return types;
        }
    }
}

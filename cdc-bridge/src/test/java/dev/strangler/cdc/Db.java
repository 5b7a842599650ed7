package dev.strangler.cdc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain SQL against a test database, for arranging rows and checking what the bridge wrote. */
final class Db {

    private final String url;

    Db(String url) {
        this.url = url;
    }

    String url() {
        return url;
    }

    /** host, port and database name of the URL, as the bridge's properties want them. */
    String[] parts() {
        String rest = url.substring("jdbc:postgresql://".length());
        String hostPort = rest.substring(0, rest.indexOf('/'));
        String database = rest.substring(rest.indexOf('/') + 1).replaceAll("\\?.*", "");
        return new String[] {hostPort.split(":")[0], hostPort.split(":")[1], database};
    }

    int update(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One statement, many rows, one connection and transaction. */
    void batch(String sql, List<Object[]> rows) {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    s.setObject(i + 1, row[i]);
                }
                s.addBatch();
            }
            s.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Map<String, Object>> rows(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> row(String sql, Object... args) {
        List<Map<String, Object>> rows = rows(sql, args);
        return rows.isEmpty() ? Map.of() : rows.getFirst();
    }

    long count(String sql, Object... args) {
        return ((Number) rows(sql, args).getFirst().values().iterator().next()).longValue();
    }

    /** Every text value of every user table, for card-number scans. */
    List<String> allText() {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> t : rows("""
                select table_schema, table_name, column_name from information_schema.columns
                where table_schema not in ('pg_catalog', 'information_schema')
                  and data_type in ('character varying', 'text', 'jsonb', 'character')""")) {
            for (Map<String, Object> r : rows("select \"" + t.get("column_name") + "\"::text as v from \""
                    + t.get("table_schema") + "\".\"" + t.get("table_name") + "\"")) {
                if (r.get("v") != null) {
                    out.add(t.get("table_name") + "." + t.get("column_name") + "=" + r.get("v"));
                }
            }
        }
        return out;
    }

    void dropSlot(String slot) {
        rows("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ?"
                + " and not active", slot);
    }
}

package dev.strangler.playbook.pcireport.internal;

import dev.strangler.lab.pan.CardNumberScanner;
import dev.strangler.playbook.pcireport.PciScopeScan;
import dev.strangler.playbook.pcireport.ScanTargets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads every text column (text, varchar, char, json, jsonb, xml) of every table of a database. PostgreSQL keeps only
 * the rows holding something shaped like a card number (a regular expression in the query, so a big table is not
 * shipped to the scanner); each candidate is then checked digit by digit (run boundaries, Luhn).
 */
public final class DatabaseScanner {

    /** A loose shape of card numbers for PostgreSQL's regular expressions: 13+ digits, or groups of 4-4-4-4, 4-6-5. */
    static final String CANDIDATE = "[3-6][0-9]{12}|[3-6][0-9]{3}[ -][0-9]{4}[ -][0-9]{4}[ -][0-9]{4}"
            + "|3[47][0-9]{2}[ -][0-9]{6}[ -][0-9]{5}";
    private static final List<String> TEXT_TYPES = List.of("text", "character varying", "character", "json", "jsonb", "xml");

    private DatabaseScanner() {
    }

    /** What one database holds. */
    public record Result(List<PciScopeScan.Finding> findings, List<PciScopeScan.ByDesign> byDesign, int tables,
            int textColumns, long candidateRows) {
    }

    private record Table(String schema, String name, List<String> columns) {
    }

    public static Result scan(ScanTargets.DatabaseTarget target) throws SQLException {
        try (Connection db = DriverManager.getConnection(target.jdbcUrl(), target.login().properties())) {
            db.setReadOnly(true);
            db.setAutoCommit(false); // lets the driver fetch big results in chunks instead of all at once
            try (Statement s = db.createStatement()) {
                s.execute("set local statement_timeout = '10min'");
            }
            Map<String, Table> tables = tables(db);
            List<PciScopeScan.Finding> findings = new ArrayList<>();
            List<PciScopeScan.ByDesign> byDesign = new ArrayList<>();
            int columns = 0;
            long candidates = 0;
            for (Table table : tables.values()) {
                columns += table.columns().size();
                boolean vault = table.name().equals(target.vaultTable());
                candidates += scanTable(db, target, table, vault, findings);
            }
            if (target.vaultTable() != null) {
                for (Table table : tables.values()) {
                    if (table.name().equals(target.vaultTable())) {
                        long cards = count(db, table);
                        byDesign.add(new PciScopeScan.ByDesign(target.component(), location(target, table, null),
                                "the payment service's vault: " + cards + " cards, encrypted (AES-GCM ciphertext, in"
                                        + " which no scan can see a card number)", cards));
                    }
                }
            }
            db.rollback();
            return new Result(findings, byDesign, tables.size(), columns, candidates);
        }
    }

    private static Map<String, Table> tables(Connection db) throws SQLException {
        Map<String, Table> tables = new LinkedHashMap<>();
        String sql = """
                select c.table_schema, c.table_name, c.column_name, c.data_type
                from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where t.table_type = 'BASE TABLE'
                  and c.table_schema not in ('pg_catalog', 'information_schema')
                  and c.table_schema not like 'pg_toast%'
                order by c.table_schema, c.table_name, c.ordinal_position""";
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String schema = rs.getString(1);
                String name = rs.getString(2);
                Table table = tables.computeIfAbsent(schema + "." + name, k -> new Table(schema, name, new ArrayList<>()));
                if (TEXT_TYPES.contains(rs.getString(4))) {
                    table.columns().add(rs.getString(3));
                }
            }
        }
        return tables;
    }

    /** Scans one table's text columns; returns how many rows PostgreSQL found shaped like a card number. */
    private static long scanTable(Connection db, ScanTargets.DatabaseTarget target, Table table, boolean vault,
            List<PciScopeScan.Finding> findings) throws SQLException {
        if (table.columns().isEmpty()) {
            return 0;
        }
        String key = primaryKey(db, table);
        StringBuilder sql = new StringBuilder("select ").append(key == null ? "ctid" : quote(key)).append("::text");
        for (String column : table.columns()) {
            sql.append(", ").append(quote(column)).append("::text");
        }
        sql.append(" from ").append(quote(table.schema())).append('.').append(quote(table.name())).append(" where ");
        for (int i = 0; i < table.columns().size(); i++) {
            sql.append(i == 0 ? "" : " or ").append(quote(table.columns().get(i))).append("::text ~ '").append(CANDIDATE).append('\'');
        }
        List<Tally> tallies = new ArrayList<>();
        for (String column : table.columns()) {
            tallies.add(new Tally(PciScopeScan.Source.DATABASE, target.component(), location(target, table, column), vault));
        }
        long rows = 0;
        try (PreparedStatement s = db.prepareStatement(sql.toString())) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    String where = (key == null ? "ctid" : key) + "=" + rs.getString(1);
                    for (int i = 0; i < table.columns().size(); i++) {
                        String value = rs.getString(i + 2);
                        if (value != null) {
                            tallies.get(i).add(CardNumberScanner.find(value), where);
                        }
                    }
                }
            }
        }
        tallies.stream().filter(t -> !t.isEmpty()).map(Tally::finding).forEach(findings::add);
        return rows;
    }

    private static @Nullable String primaryKey(Connection db, Table table) throws SQLException {
        String sql = """
                select a.attname from pg_index i
                join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                where i.indrelid = ?::regclass and i.indisprimary
                order by a.attnum limit 1""";
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, quote(table.schema()) + "." + quote(table.name()));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long count(Connection db, Table table) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + quote(table.schema()) + "." + quote(table.name()))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String location(ScanTargets.DatabaseTarget target, Table table, @Nullable String column) {
        return target.database() + "." + table.schema() + "." + table.name() + (column == null ? "" : "." + column);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}

package dev.strangler.extraction;

import dev.strangler.extraction.internal.YamlPositions;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A descriptor against the databases it describes: every table, key and mapped column exists, each column's type
 * fits its field and conversion, the bridge's own columns (origin marker, version) and outboxes are there, the bridge
 * can insert a row (no NOT NULL column without a default left unmapped), and rows created by the service start at
 * {@code ids-from}. Run by every engine before it starts; problems name the descriptor's file, line and field.
 */
public final class LiveSchemaCheck {

    private final Extraction extraction;
    private final YamlPositions positions;
    private final List<DescriptorProblem> problems = new ArrayList<>();

    private LiveSchemaCheck(Extraction extraction) {
        this.extraction = extraction;
        YamlPositions p;
        try {
            p = YamlPositions.of(Files.readString(extraction.file()));
        } catch (IOException e) {
            p = YamlPositions.of("");
        }
        this.positions = p;
    }

    /** Every problem of {@code extraction} against its two databases; empty when they fit. */
    public static List<DescriptorProblem> check(Extraction extraction, Connection legacy, Connection extracted)
            throws SQLException {
        LiveSchemaCheck c = new LiveSchemaCheck(extraction);
        for (int i = 0; i < extraction.data().size(); i++) {
            TablePair pair = extraction.data().get(i);
            c.side(pair, TablePair.SideName.LEGACY, legacy, "data[" + i + "]");
            c.side(pair, TablePair.SideName.EXTRACTED, extracted, "data[" + i + "]");
        }
        return List.copyOf(c.problems);
    }

    /** As {@link #check}, throwing when anything does not fit. */
    public static void verify(Extraction extraction, Connection legacy, Connection extracted) throws SQLException {
        List<DescriptorProblem> found = check(extraction, legacy, extracted);
        if (!found.isEmpty()) {
            throw new InvalidDescriptorException(found);
        }
    }

    /** A column as the database describes it. */
    private record Column(String name, String type, int scale, boolean nullable, boolean hasDefault) {
    }

    private void side(TablePair pair, TablePair.SideName sideName, Connection db, String pairPath)
            throws SQLException {
        TableSide side = pair.side(sideName);
        String yaml = sideName == TablePair.SideName.LEGACY ? "legacy" : "extracted";
        String database = sideName == TablePair.SideName.LEGACY ? extraction.legacy().database()
                : extraction.extracted().database();
        Map<String, Column> columns = columns(db, side.table());
        if (columns.isEmpty()) {
            problem(pairPath + "." + yaml + ".table", "table '" + side.table() + "' does not exist in database '"
                    + database + "'");
            return;
        }
        String where = database + "." + side.table();
        Set<String> written = new HashSet<>();
        require(columns, side.key(), pairPath + "." + yaml + ".key", where);
        written.add(side.key());
        switch (side.capture()) {
            case TableSide.OriginMarker(String column) -> {
                Column c = require(columns, column, pairPath + "." + yaml + ".capture.origin-marker", where);
                if (c != null && !isText(c)) {
                    problem(pairPath + "." + yaml + ".capture.origin-marker", "column '" + column + "' of " + where
                            + " is " + c.type() + ", the origin marker needs text");
                }
            }
            case TableSide.Outbox(String table, String aggregateType) -> {
                Map<String, Column> outbox = columns(db, table);
                if (outbox.isEmpty()) {
                    problem(pairPath + "." + yaml + ".capture.outbox.table", "outbox table '" + table
                            + "' does not exist in database '" + database + "'");
                } else {
                    for (String needed : List.of("id", "aggregate_type", "payload")) {
                        require(outbox, needed, pairPath + "." + yaml + ".capture.outbox.table", database + "." + table);
                    }
                }
            }
        }
        if (side.version() != null) {
            Column v = require(columns, side.version(), pairPath + "." + yaml + ".version", where);
            if (v != null && !v.type().equals("int4") && !v.type().equals("int8")) {
                problem(pairPath + "." + yaml + ".version", "column '" + side.version() + "' of " + where + " is "
                        + v.type() + ", a version counts: int4 or int8");
            }
            written.add(side.version());
        }
        for (int i = 0; i < pair.fields().size(); i++) {
            FieldSpec f = pair.fields().get(i);
            String path = pairPath + ".fields[" + i + "]." + yaml;
            Mapping m = f.side(sideName);
            switch (m) {
                case Mapping.Columns c -> {
                    if (c.transform() == Mapping.Transform.DROP) {
                        require(columns, c.first(), path, where);
                        continue;
                    }
                    for (String name : c.names()) {
                        Column col = require(columns, name, path, where);
                        if (col != null) {
                            fits(f, c, col, path, where);
                            written.add(name);
                        }
                    }
                }
                case Mapping.CardColumns card -> {
                    for (String name : List.of(card.token(), card.last4(), card.brand())) {
                        Column col = require(columns, name, path, where);
                        if (col != null && !isText(col)) {
                            problem(path, "column '" + name + "' of " + where + " is " + col.type()
                                    + ", the card's token, last four digits and brand are text");
                        }
                        written.add(name);
                    }
                }
                case Mapping.Computed computed -> {
                }
                case Mapping.Constant constant -> {
                }
            }
        }
        for (Column c : columns.values()) {
            if (!c.nullable() && !c.hasDefault() && !written.contains(c.name())) {
                problem(pairPath + "." + yaml + ".table", "column '" + c.name() + "' of " + where
                        + " is NOT NULL without a default and no field writes it: the bridge could not insert a row");
            }
        }
        if (side.idsFrom() != null) {
            Long start = sequenceStart(db, side.table(), side.key());
            if (start != null && start < side.idsFrom()) {
                problem(pairPath + "." + yaml + ".ids-from", "the key of " + where + " starts at " + start
                        + ", below ids-from " + side.idsFrom() + ": new rows would collide with the other side's");
            }
        }
    }

    /** Whether a column of the database's type fits the field's type through the mapping's conversion. */
    private void fits(FieldSpec f, Mapping.Columns m, Column c, String path, String where) {
        String expected = switch (m.conversion()) {
            case Conversion.MinorUnits u -> c.type().equals("numeric") && (c.scale() == u.scale() || c.scale() == 0
                    && u.scale() == 0) ? null : "numeric with scale " + u.scale();
            case Conversion.Utc u -> c.type().equals("timestamp") ? null : "timestamp (without time zone)";
            case Conversion.Codes k -> isText(c) ? null : "text";
            case Conversion.LowerCase l -> isText(c) ? null : "text";
            case Conversion.Split s -> isText(c) ? null : "text";
            case Conversion.Identity i -> switch (f.type()) {
                case STRING, CARD -> isText(c) ? null : "text";
                case LONG -> c.type().equals("int8") ? null : "int8 (bigint)";
                case INT -> c.type().equals("int4") || c.type().equals("int2") ? null : "int4 or int2";
                case BOOLEAN -> c.type().equals("bool") ? null : "bool";
                case DOUBLE -> c.type().equals("float8") || c.type().equals("float4") ? null : "float8";
                case TIMESTAMP -> c.type().equals("timestamptz") ? null
                        : c.type().equals("timestamp") ? "timestamptz (or convert: utc for a timestamp in UTC)"
                        : "timestamptz";
                case DATE -> c.type().equals("date") ? null : "date";
            };
        };
        if (expected != null) {
            problem(path, "column '" + c.name() + "' of " + where + " is " + c.type()
                    + (c.type().equals("numeric") ? "(scale " + c.scale() + ")" : "") + ", but the " + f.type().yamlName()
                    + " field '" + f.name() + "' needs " + expected + " here");
        }
    }

    private static boolean isText(Column c) {
        return c.type().equals("varchar") || c.type().equals("text") || c.type().equals("bpchar");
    }

    private @Nullable Column require(Map<String, Column> columns, String name, String path, String where) {
        Column c = columns.get(name);
        if (c == null) {
            problem(path, "column '" + name + "' does not exist in " + where + " (it has: "
                    + String.join(", ", columns.keySet()) + ")");
        }
        return c;
    }

    private void problem(String path, String message) {
        problems.add(new DescriptorProblem(extraction.file(), positions.lineOf(path), path, message));
    }

    private static Map<String, Column> columns(Connection db, String qualified) throws SQLException {
        int dot = qualified.indexOf('.');
        String schema = dot < 0 ? "public" : qualified.substring(0, dot);
        String table = dot < 0 ? qualified : qualified.substring(dot + 1);
        Map<String, Column> out = new LinkedHashMap<>();
        DatabaseMetaData meta = db.getMetaData();
        try (ResultSet rs = meta.getColumns(null, schema, table, null)) {
            while (rs.next()) {
                boolean generated = "YES".equals(rs.getString("IS_AUTOINCREMENT"))
                        || "YES".equals(rs.getString("IS_GENERATEDCOLUMN"));
                out.put(rs.getString("COLUMN_NAME"), new Column(rs.getString("COLUMN_NAME"),
                        storedType(rs.getString("TYPE_NAME")), rs.getInt("DECIMAL_DIGITS"),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        rs.getString("COLUMN_DEF") != null || generated));
            }
        }
        return out;
    }

    /** The driver names a serial column by its declaration; what it stores is an integer. */
    private static String storedType(String typeName) {
        return switch (typeName.toLowerCase(Locale.ROOT)) {
            case "bigserial" -> "int8";
            case "serial" -> "int4";
            case "smallserial" -> "int2";
            default -> typeName.toLowerCase(Locale.ROOT);
        };
    }

    /** Where the key's sequence (serial or identity) starts, or null when it has none. */
    private static @Nullable Long sequenceStart(Connection db, String table, String key) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("""
                select s.start_value from pg_sequences s
                where s.schemaname || '.' || s.sequencename = pg_get_serial_sequence(?, ?)
                """)) {
            s.setString(1, table);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}

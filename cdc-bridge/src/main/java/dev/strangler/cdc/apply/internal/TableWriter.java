package dev.strangler.cdc.apply.internal;

import dev.strangler.cdc.apply.TargetWriter;
import dev.strangler.cdc.translate.BridgeOrigin;
import dev.strangler.cdc.translate.Change;
import dev.strangler.cdc.translate.ChangeShape;
import dev.strangler.cdc.translate.UntranslatableChange;
import dev.strangler.extraction.Conversions;
import dev.strangler.extraction.FieldSpec;
import dev.strangler.extraction.Mapping;
import dev.strangler.extraction.TablePair;
import dev.strangler.extraction.TableSide;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes one side's table of a table pair from the other side's changes, as the descriptor maps it. A row a change
 * has no form for on this side (a status the monolith never stored) is not written. When this side is captured
 * through an origin marker, every transaction first sets {@code strangler.origin}: its trigger stamps the rows, and
 * the capture of this side skips them (no ping-pong).
 */
public final class TableWriter implements TargetWriter {


    private final TableSide side;
    private final TargetColumns columns;
    private final @Nullable String updatedAtColumn;
    private final boolean marksOrigin;
    private volatile @Nullable TableStatements statements;

    /** @param target the side this writer writes */
    public TableWriter(ChangeShape shape, TablePair.SideName target) {
        this.side = shape.pair().side(target);
        this.columns = new TargetColumns(shape, target);
        this.updatedAtColumn = shape.pair().updatedAtField().map(f -> column(f, target)).orElse(null);
        this.marksOrigin = side.capture() instanceof TableSide.OriginMarker;
    }

    private static @Nullable String column(FieldSpec field, TablePair.SideName target) {
        return field.side(target) instanceof Mapping.Columns c && c.names().size() == 1 ? c.first() : null;
    }

    /** Rendered on first use, with the column types the live table has. */
    private TableStatements statements(Connection connection) throws SQLException {
        TableStatements s = statements;
        if (s == null) {
            s = TableStatements.render(side.table(), columns.columns(), ColumnTypes.of(connection, side.table()),
                    side.version(), updatedAtColumn);
            statements = s;
        }
        return s;
    }

    /**
     * Marks the transaction as the bridge's twice: the setting the table's trigger stamps on the rows it writes, and
     * a transactional logical decoding message ({@link BridgeOrigin}) ahead of its changes, which the capture of
     * this side reads to skip every change of the transaction. The message is what catches deletes: a deleted row
     * carries no stamp (only its key is logged), and a delete the bridge made, sent back, would delete the row again
     * on the side it came from (a re-seeded row with the same key, or one that other rows still reference).
     */
    @Override
    public void begin(Connection connection) throws SQLException {
        if (marksOrigin) {
            try (PreparedStatement s = connection.prepareStatement(
                    "select set_config('strangler.origin', ?, true), pg_logical_emit_message(true, ?, ?)")) {
                s.setString(1, BridgeOrigin.VALUE);
                s.setString(2, BridgeOrigin.MESSAGE_PREFIX);
                s.setString(3, BridgeOrigin.VALUE);
                s.execute();
            }
        }
    }

    @Override
    public Map<Long, @Nullable Instant> lockRows(Connection connection, Collection<Long> keys) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(statements(connection).lock())) {
            s.setArray(1, connection.createArrayOf("text", texts(keys.toArray())));
            try (ResultSet rs = s.executeQuery()) {
                Map<Long, @Nullable Instant> out = new HashMap<>();
                while (rs.next()) {
                    out.put(rs.getLong(1), instant(rs.getObject(2)));
                }
                return out;
            }
        }
    }

    @Override
    public void write(Connection connection, Collection<Change> changes, Map<Long, Integer> folded)
            throws SQLException {
        List<@Nullable Object[]> rows = new ArrayList<>(changes.size());
        List<Integer> counts = new ArrayList<>(changes.size());
        List<Long> deletes = new ArrayList<>();
        for (Change c : changes) {
            switch (c.op()) {
                case DELETE -> deletes.add(c.key());
                case UPSERT -> {
                    try {
                        rows.add(columns.values(c));
                        counts.add(folded.getOrDefault(c.key(), 1));
                    } catch (Conversions.NotOnThisSide e) {
                        // the row has no form on this side: it stays where it is (and a later change may bring it)
                    } catch (Conversions.Untranslatable e) {
                        throw new UntranslatableChange("row " + c.key() + ": " + e.getMessage());
                    }
                }
                case TRUNCATE -> throw new IllegalArgumentException("a truncate is applied by truncate()");
            }
        }
        if (!rows.isEmpty()) {
            upsert(connection, rows, counts);
        }
        if (!deletes.isEmpty()) {
            truncate(connection, deletes);
        }
    }

    private void upsert(Connection connection, List<@Nullable Object[]> rows, List<Integer> counts)
            throws SQLException {
        int width = columns.columns().size();
        try (PreparedStatement s = connection.prepareStatement(statements(connection).upsert())) {
            for (int col = 0; col < width; col++) {
                String[] values = new String[rows.size()];
                for (int r = 0; r < values.length; r++) {
                    values[r] = text(rows.get(r)[col]);
                }
                s.setArray(col + 1, connection.createArrayOf("text", values));
            }
            if (side.version() != null) {
                s.setArray(width + 1, connection.createArrayOf("int4", counts.toArray()));
            }
            s.executeUpdate();
        }
    }

    @Override
    public void truncate(Connection connection, Collection<Long> keys) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(statements(connection).delete())) {
            delete.setArray(1, connection.createArrayOf("text", texts(keys.toArray())));
            delete.executeUpdate();
        }
    }

    private static String[] texts(Object[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = text(values[i]);
        }
        return out;
    }

    /** A value as PostgreSQL reads it back exactly: plain decimals, ISO-8601 instants with their zone. */
    private static @Nullable String text(@Nullable Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal d -> d.toPlainString();
            default -> value.toString();
        };
    }

    private static @Nullable Instant instant(@Nullable Object value) {
        return switch (value) {
            case null -> null;
            case Timestamp t -> t.toInstant();
            case OffsetDateTime t -> t.toInstant();
            case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
            default -> null;
        };
    }

}

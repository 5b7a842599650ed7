package dev.strangler.cdc.translate;

import dev.strangler.extraction.ChangeRecord;
import dev.strangler.extraction.Conversions;
import dev.strangler.extraction.FieldSpec;
import dev.strangler.extraction.FieldType;
import dev.strangler.extraction.Mapping;
import dev.strangler.extraction.TablePair;
import dev.strangler.extraction.TableSide;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.jspecify.annotations.Nullable;

/**
 * Capture side of a table captured as itself (an origin-marker table): a row, read column by column, becomes its
 * table pair's change record, each field converted as the descriptor's mapping for this side says. A card column is
 * never copied: {@link #read} leaves the card number in the {@link Captured} row, and {@link #complete} puts the
 * vault's token and the last four digits in its place, so that the record never holds a card number.
 */
public final class RowTranslator {

    /** A row's columns by name, as Java values (see {@code Conversions}). */
    @FunctionalInterface
    public interface Row {
        @Nullable Object column(String name);
    }

    /** A row read, waiting for the tokens of its card numbers. */
    public record Captured(GenericRecord record, List<PendingCard> cards) {
    }

    /** A card column's value, and where its token and last four digits go. */
    public record PendingCard(int token, int last4, int brand, @Nullable String raw) {

        public @Nullable CardNumber number() {
            return raw == null ? null : CardNumber.parseOrNull(raw);
        }

        @Override
        public String toString() {
            return "PendingCard[" + token + "]"; // never the column's value
        }
    }

    private sealed interface FieldReader {
    }

    private record ColumnsReader(int pos, FieldSpec field, Mapping.Columns mapping) implements FieldReader {
    }

    private record CardReader(int token, int last4, int brand, String column) implements FieldReader {
    }

    private record CardColumnsReader(int token, int last4, int brand, Mapping.CardColumns columns)
            implements FieldReader {
    }

    private record ComputedReader(int pos, FieldType type, Mapping.Computed.Kind kind) implements FieldReader {
    }

    private record ConstantReader(int pos, @Nullable Object value) implements FieldReader {
    }

    private final ChangeShape shape;
    private final TablePair.SideName side;
    private final ChangeRecord.Origin origin;
    private final String keyColumn;
    private final @Nullable String versionColumn;
    private final int versionPos;
    private final List<FieldReader> readers = new ArrayList<>();

    public RowTranslator(ChangeShape shape, TablePair.SideName side) {
        this.shape = shape;
        this.side = side;
        this.origin = side == TablePair.SideName.LEGACY ? ChangeRecord.Origin.LEGACY : ChangeRecord.Origin.SERVICE;
        TableSide table = shape.pair().side(side);
        this.keyColumn = table.key();
        this.versionColumn = table.version();
        this.versionPos = shape.position(ChangeRecord.VERSION);
        for (FieldSpec f : shape.pair().fields()) {
            if (f.key()) {
                continue;
            }
            FieldReader reader = reader(f, f.side(side));
            if (reader != null) {
                readers.add(reader);
            }
        }
    }

    private @Nullable FieldReader reader(FieldSpec f, Mapping mapping) {
        return switch (mapping) {
            case Mapping.Columns c when c.transform() == Mapping.Transform.DROP -> null;
            case Mapping.Columns c when f.type() == FieldType.CARD -> new CardReader(shape.position(f.name() + "Token"),
                    shape.position(f.name() + "Last4"), shape.position(f.name() + "Brand"), c.first());
            case Mapping.Columns c -> new ColumnsReader(shape.position(f.name()), f, c);
            case Mapping.CardColumns c -> new CardColumnsReader(shape.position(f.name() + "Token"),
                    shape.position(f.name() + "Last4"), shape.position(f.name() + "Brand"), c);
            case Mapping.Computed c -> new ComputedReader(shape.position(f.name()), f.type(), c.kind());
            case Mapping.Constant c -> new ConstantReader(shape.position(f.name()), AvroValues.toAvro(f.type(), c.value()));
        };
    }

    public String keyColumn() {
        return keyColumn;
    }

    /** The key's name in the change record. */
    public String keyField() {
        return shape.pair().keyField().name();
    }

    /** An insert, update or snapshot read of a row; may throw {@link UntranslatableChange}. */
    public Captured read(Row row, SourcePosition position) {
        long key = key(row.column(keyColumn));
        GenericRecord r = shape.envelope(origin, ChangeRecord.Op.UPSERT, key, position, eventId(position, key));
        List<PendingCard> cards = List.of();
        try {
            for (FieldReader reader : readers) {
                switch (reader) {
                    case ColumnsReader c -> r.put(c.pos(), AvroValues.toAvro(c.field().type(), value(c, row)));
                    case CardReader c -> {
                        if (cards.isEmpty()) {
                            cards = new ArrayList<>(1);
                        }
                        Object raw = row.column(c.column());
                        cards.add(new PendingCard(c.token(), c.last4(), c.brand(), raw == null ? null : raw.toString()));
                    }
                    case CardColumnsReader c -> {
                        r.put(c.token(), ChangeShape.text(row.column(c.columns().token())));
                        r.put(c.last4(), ChangeShape.text(row.column(c.columns().last4())));
                        r.put(c.brand(), ChangeShape.text(row.column(c.columns().brand())));
                    }
                    case ComputedReader c -> r.put(c.pos(), c.kind() == Mapping.Computed.Kind.KEY
                            ? AvroValues.toAvro(c.type(), key) : position.tsMicros());
                    case ConstantReader c -> r.put(c.pos(), c.value());
                }
            }
        } catch (Conversions.Untranslatable | Conversions.NotOnThisSide e) {
            throw new UntranslatableChange("row " + key + " of " + shape.pair().side(side).table() + ": "
                    + e.getMessage());
        } catch (ClassCastException e) {
            throw new UntranslatableChange("row " + key + " of " + shape.pair().side(side).table()
                    + ": a column's type does not fit its field's conversion");
        }
        if (versionColumn != null) {
            Object v = row.column(versionColumn);
            r.put(versionPos, v == null ? null : ((Number) v).intValue());
        }
        return new Captured(r, cards);
    }

    private static @Nullable Object value(ColumnsReader c, Row row) {
        List<@Nullable Object> values = new ArrayList<>(c.mapping().names().size());
        for (String column : c.mapping().names()) {
            values.add(row.column(column));
        }
        Object field = Conversions.toField(c.mapping().conversion(), values);
        return c.mapping().transform() == Mapping.Transform.MASK ? Masks.mask(field) : field;
    }

    /**
     * The record with the vault's answers in place of its card numbers. A column that holds no card number (a
     * masked {@code ************4242}) is no card change: no token, its last four characters, no brand.
     */
    public GenericRecord complete(Captured captured, Map<CardNumber, CardToken> tokens) {
        GenericRecord r = captured.record();
        for (PendingCard card : captured.cards()) {
            CardNumber number = card.number();
            CardToken token = number == null ? null : tokens.get(number);
            if (number != null && token == null) {
                throw new IllegalStateException("the vault returned no token for a card of row "
                        + r.get(shape.keyPos()));
            }
            r.put(card.token(), token == null ? null : token.token());
            r.put(card.last4(), token != null ? token.last4() : Masks.last4(card.raw()));
            r.put(card.brand(), token == null ? null : token.brand());
        }
        return r;
    }

    /** A delete: with the default replica identity only the key is known. */
    public GenericRecord delete(@Nullable Object keyValue, SourcePosition position) {
        long key = key(keyValue);
        return shape.envelope(origin, ChangeRecord.Op.DELETE, key, position, eventId(position, key));
    }

    /** A {@code truncate} of the captured table. */
    public GenericRecord truncate(SourcePosition position) {
        return shape.envelope(origin, ChangeRecord.Op.TRUNCATE, -1, position,
                side.topicPart() + ":" + position.lsn() + ":" + position.txId() + ":truncate");
    }

    private String eventId(SourcePosition position, long key) {
        return side.topicPart() + ":" + position.lsn() + ":" + position.txId() + ":" + key;
    }

    private long key(@Nullable Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new UntranslatableChange("a row of " + shape.pair().side(side).table() + " without a whole-number key");
    }
}

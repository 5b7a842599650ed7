package dev.strangler.cdc.apply.internal;

import dev.strangler.cdc.translate.AvroValues;
import dev.strangler.cdc.translate.Change;
import dev.strangler.cdc.translate.ChangeShape;
import dev.strangler.cdc.translate.Masks;
import dev.strangler.extraction.Conversions;
import dev.strangler.extraction.FieldSpec;
import dev.strangler.extraction.FieldType;
import dev.strangler.extraction.Mapping;
import dev.strangler.extraction.TablePair;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The columns a target side stores of its table pair's change record, and how each gets its value from a change:
 * the descriptor's mapping for that side, backwards (a field to its columns). Which columns an update may change is
 * decided here too: not an insert-only column, and not a field the other side owns.
 */
final class TargetColumns {

    /** What a column holds. */
    enum Kind {
        /** The row's key. */
        KEY,
        /** A field's value (or one of its columns). */
        VALUE,
        /** A card's token: kept from the existing row when the change carries none (no card change). */
        CARD_TOKEN,
        /** A card's last four digits: kept with the token. */
        CARD_LAST4,
        /** A card's brand: kept with the token, or when the change has none. */
        CARD_BRAND
    }

    /** One column of the target table. */
    record Column(String name, Kind kind, boolean updatable) {
    }

    private sealed interface FieldWriter {
    }

    private record ColumnsWriter(int pos, FieldType type, Mapping.Columns mapping) implements FieldWriter {
    }

    private record MaskedCardWriter(int last4) implements FieldWriter {
    }

    private record CardColumnsWriter(int token, int last4, int brand) implements FieldWriter {
    }

    private final List<Column> columns = new ArrayList<>();
    private final List<FieldWriter> writers = new ArrayList<>();
    private final int keyPos;
    private final FieldType keyType;

    /** @param target the side written: changes come from the other one */
    TargetColumns(ChangeShape shape, TablePair.SideName target) {
        TablePair pair = shape.pair();
        FieldSpec key = pair.keyField();
        this.keyPos = shape.position(key.name());
        this.keyType = key.type();
        columns.add(new Column(pair.side(target).key(), Kind.KEY, false));
        for (FieldSpec f : pair.fields()) {
            if (f.key()) {
                continue;
            }
            boolean ownedHere = target == TablePair.SideName.LEGACY ? f.owner() == FieldSpec.Owner.LEGACY
                    : f.owner() == FieldSpec.Owner.EXTRACTED;
            switch (f.side(target)) {
                case Mapping.Columns c when c.transform() == Mapping.Transform.DROP -> {
                    // deliberately not carried
                }
                case Mapping.Columns c when f.type() == FieldType.CARD -> {
                    // a card column on this side holds the last four digits behind a mask, never a card number
                    writers.add(new MaskedCardWriter(shape.position(f.name() + "Last4")));
                    columns.add(new Column(c.first(), Kind.VALUE, !c.insertOnly() && !ownedHere));
                }
                case Mapping.Columns c -> {
                    writers.add(new ColumnsWriter(shape.position(f.name()), f.type(), c));
                    for (String name : c.names()) {
                        columns.add(new Column(name, Kind.VALUE, !c.insertOnly() && !ownedHere));
                    }
                }
                case Mapping.CardColumns c -> {
                    writers.add(new CardColumnsWriter(shape.position(f.name() + "Token"),
                            shape.position(f.name() + "Last4"), shape.position(f.name() + "Brand")));
                    columns.add(new Column(c.token(), Kind.CARD_TOKEN, !ownedHere));
                    columns.add(new Column(c.last4(), Kind.CARD_LAST4, !ownedHere));
                    columns.add(new Column(c.brand(), Kind.CARD_BRAND, !ownedHere));
                }
                case Mapping.Computed c -> {
                    // read from the change, never stored on this side
                }
                case Mapping.Constant c -> {
                    // the same value for every row: nothing to store
                }
            }
        }
    }

    List<Column> columns() {
        return columns;
    }

    boolean hasCard() {
        return columns.stream().anyMatch(c -> c.kind() == Kind.CARD_TOKEN);
    }

    /**
     * The change's values, one per column in {@link #columns()} order.
     *
     * @throws Conversions.NotOnThisSide when the row has no form on this side (it is not written here)
     * @throws Conversions.Untranslatable when a value cannot cross without loss
     */
    @Nullable Object[] values(Change change) {
        Object[] out = new Object[columns.size()];
        out[0] = AvroValues.fromAvro(keyType, change.get(keyPos));
        int i = 1;
        for (FieldWriter w : writers) {
            switch (w) {
                case ColumnsWriter c -> {
                    Object field = AvroValues.fromAvro(c.type(), change.get(c.pos()));
                    if (c.mapping().transform() == Mapping.Transform.MASK) {
                        out[i++] = Masks.mask(field);
                    } else {
                        for (Object v : Conversions.toColumns(c.mapping().conversion(), field)) {
                            out[i++] = v;
                        }
                    }
                }
                case MaskedCardWriter c -> {
                    Object last4 = change.get(c.last4());
                    out[i++] = last4 == null ? null : Masks.mask(last4);
                }
                case CardColumnsWriter c -> {
                    out[i++] = text(change.get(c.token()));
                    out[i++] = text(change.get(c.last4()));
                    out[i++] = text(change.get(c.brand()));
                }
            }
        }
        return out;
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }
}

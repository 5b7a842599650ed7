package dev.strangler.cdc.reconcile;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;

import dev.strangler.extraction.Conversion;
import dev.strangler.extraction.FieldSpec;
import dev.strangler.extraction.Mapping;
import dev.strangler.extraction.TablePair;
import dev.strangler.extraction.TablePair.SideName;
import java.util.List;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.Field;
import org.jspecify.annotations.Nullable;

/**
 * The rows of one side that the other side is expected to have. A field stored as codes on the other side has no
 * code for some of its names (states the monolith never stored): this side's rows in such a state exist here only,
 * by design, and are left out. A null value stays in scope: it is carried like any other.
 */
final class Scope {

    private Scope() {
    }

    static Condition of(TablePair pair, SideName side) {
        SideName other = side == SideName.LEGACY ? SideName.EXTRACTED : SideName.LEGACY;
        Condition scope = noCondition();
        for (FieldSpec field : pair.fields()) {
            if (codes(field.side(other)) instanceof Conversion.Codes codes && codes(field.side(side)) == null
                    && stored(field.side(side))) {
                Field<String> value = CanonicalText.of(pair, side, field.name());
                // sorted: the same descriptor renders the same SQL
                List<Field<String>> named = new TreeSet<>(codes.codeToName().values()).stream()
                        .<Field<String>>map(n -> inline(n)).toList();
                scope = scope.and(value.in(named).or(value.isNull()));
            }
        }
        return scope;
    }

    private static Conversion.@Nullable Codes codes(Mapping m) {
        return m instanceof Mapping.Columns c && c.conversion() instanceof Conversion.Codes codes ? codes : null;
    }

    /** Whether the side has a value to test: a field it drops or computes from the source time has none. */
    private static boolean stored(Mapping m) {
        return switch (m) {
            case Mapping.Columns c -> c.transform() != Mapping.Transform.DROP;
            case Mapping.Computed c -> c.kind() == Mapping.Computed.Kind.KEY;
            case Mapping.CardColumns c -> false;
            case Mapping.Constant c -> true;
        };
    }
}

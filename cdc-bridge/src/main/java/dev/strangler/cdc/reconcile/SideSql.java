package dev.strangler.cdc.reconcile;

import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.concatWs;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.md5;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;

import dev.strangler.extraction.TableSide;
import dev.strangler.extraction.TablePair;
import dev.strangler.extraction.TablePair.SideName;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The three statements one side answers, rendered once from the table pair (jOOQ quotes every name) and then run
 * over plain JDBC. Each row is reduced to a digest of its key and its compared fields' {@link CanonicalText}, so
 * equal rows have equal digests on both sides.
 *
 * @param chunks       per bucket ({@code key / chunk size}): the row count and a checksum; binds the chunk size
 * @param rowsOfBucket key and digest of each row of one bucket; binds the chunk size, then the bucket
 * @param rowsById     key and digest of the rows with the given keys; binds a {@code bigint[]}
 */
record SideSql(String chunks, String rowsOfBucket, String rowsById) {

    /** Renders only: never connected. */
    private static final DSLContext POSTGRES = DSL.using(SQLDialect.POSTGRES);

    static SideSql render(TablePair pair, SideName side) {
        TableSide t = pair.side(side);
        // a qualified name (schema.table) is two identifiers, not one with a dot
        Table<?> table = table(name(t.table().split("\\.")));
        Field<Long> key = field(name(t.key()), SQLDataType.BIGINT);
        Field<String> digest = digest(pair, side, key);
        Condition scope = Scope.of(pair, side);
        Param<Long> chunkSize = param("chunkSize", SQLDataType.BIGINT);
        Field<Long> bucket = key.div(chunkSize);
        return new SideSql(
                // grouped by position: grouping by the expression would bind the chunk size a second time
                render(POSTGRES.select(bucket.as("bucket"), count(), sum(checksumPart(digest))).from(table)
                        .where(scope).groupBy(inline(1)), 1),
                render(POSTGRES.select(key, digest).from(table)
                        .where(bucket.eq(param("bucket", SQLDataType.BIGINT))).and(scope), 2),
                render(POSTGRES.select(key, digest).from(table)
                        .where(key.eq(any(param("ids", SQLDataType.BIGINT.array())))).and(scope), 1));
    }

    /**
     * Each part is quoted, and a null is the word NULL unquoted: a null and an empty string differ, and no value
     * can pass for two (a {@code |} inside a value is within its quotes).
     */
    private static Field<String> digest(TablePair pair, SideName side, Field<Long> key) {
        List<Field<String>> parts = new ArrayList<>();
        parts.add(key.cast(SQLDataType.VARCHAR));
        for (String f : pair.reconcile().fields()) {
            parts.add(function("quote_nullable", SQLDataType.VARCHAR, CanonicalText.of(pair, side, f)));
        }
        return md5(concatWs(inline("|"), parts));
    }

    /**
     * The digest's first 60 bits as a bigint, so that summing them over a bucket gives its checksum without
     * overflow; a plain SQL template because jOOQ has no {@code bit(n)} type.
     */
    private static Field<Long> checksumPart(Field<String> digest) {
        return field("('x' || substr({0}, 1, 15))::bit(60)::bigint", SQLDataType.BIGINT, digest);
    }

    /** The SQL; {@code binds} guards the JDBC code's parameter order against a value jOOQ would bind unasked. */
    private static String render(Query query, int binds) {
        int actual = POSTGRES.extractBindValues(query).size();
        if (actual != binds) {
            throw new IllegalStateException("expected " + binds + " parameters, jOOQ rendered " + actual + ": "
                    + POSTGRES.render(query));
        }
        return POSTGRES.render(query);
    }
}

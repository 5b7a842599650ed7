package dev.strangler.cdc.apply.internal;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.keyword;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import dev.strangler.cdc.apply.internal.TargetColumns.Column;
import dev.strangler.cdc.apply.internal.TargetColumns.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of one target table, built with jOOQ from the descriptor's mapping and the live column types, rendered
 * once when the applier first writes (the hot path binds arrays to these strings over JDBC; no query is built per
 * batch). Identifiers come from the descriptor and are quoted by jOOQ.
 *
 * <p>The upsert is set-based: a batch goes to PostgreSQL as one array per column and one
 * {@code insert ... select from unnest(...) on conflict do update} statement, not one execution per row; on this hot
 * path that turns the database's per-statement cost into a per-batch cost. Every array is bound as text and cast to
 * its column's type in SQL, so that one binding serves every type (an instant travels as ISO-8601 with its zone, and
 * the session's time zone cannot shift it).
 *
 * <p>A card kept as token, last four digits and brand: a change without a token is no card change (its source
 * column held no card number, e.g. a masked one), and the row keeps what it has, taken from the existing row by a
 * left join. PostgreSQL checks NOT NULL on the proposed insert row before ON CONFLICT, so a coalesce in the update
 * part would come too late.
 *
 * @param upsert binds one array per column, then (with a version column) the folded counts
 * @param delete binds the keys
 * @param lock   binds the keys; answers each locked row's key and last-change time (null when the side keeps none)
 */
record TableStatements(String upsert, String delete, String lock) {

    private static final DSLContext SQL = DSL.using(SQLDialect.POSTGRES, new Settings()
            .withParamType(ParamType.INDEXED)
            .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
            .withRenderFormatted(false));

    private static final String SOURCE = "c";
    private static final String EXISTING = "p";
    private static final String FOLDED = "strangler_folded";

    /**
     * @param types         each column's PostgreSQL type name ({@code udt_name}), by column
     * @param version       the column that counts the row's changes, or null
     * @param updatedAt     the column holding the row's last-change time, or null
     */
    static TableStatements render(String tableName, List<Column> columns, Map<String, String> types,
            @Nullable String version, @Nullable String updatedAt) {
        Table<?> target = table(name(tableName));
        Column key = columns.getFirst();
        Field<Object> keyField = field(name(key.name()));
        List<QueryPart> arrays = new ArrayList<>();
        List<org.jooq.Name> aliases = new ArrayList<>();
        for (Column c : columns) {
            arrays.add(array(types, c.name()));
            aliases.add(name(c.name()));
        }
        if (version != null) {
            arrays.add(field("cast({0} as {1})", param(FOLDED), keyword("int4[]")));
            aliases.add(name(FOLDED));
        }
        Table<?> source = table("unnest({0})", DSL.list(arrays.toArray(QueryPart[]::new)))
                .as(name(SOURCE), aliases.toArray(org.jooq.Name[]::new));
        boolean card = columns.stream().anyMatch(c -> c.kind() == Kind.CARD_TOKEN);
        String token = columns.stream().filter(c -> c.kind() == Kind.CARD_TOKEN).map(Column::name).findFirst()
                .orElse("");
        List<Field<?>> into = new ArrayList<>();
        List<SelectField<?>> values = new ArrayList<>();
        Map<Field<?>, Object> updates = new LinkedHashMap<>();
        List<Field<?>> current = new ArrayList<>();
        List<Field<?>> proposed = new ArrayList<>();
        for (Column c : columns) {
            Field<Object> column = field(name(c.name()));
            into.add(column);
            values.add(switch (c.kind()) {
                case KEY, VALUE -> from(SOURCE, c.name());
                case CARD_TOKEN -> coalesce(from(SOURCE, c.name()), from(EXISTING, c.name()));
                case CARD_LAST4 -> when(from(SOURCE, token).isNull(), from(EXISTING, c.name()))
                        .otherwise(from(SOURCE, c.name()));
                case CARD_BRAND -> when(from(SOURCE, token).isNull(), from(EXISTING, c.name()))
                        .otherwise(coalesce(from(SOURCE, c.name()), from(EXISTING, c.name())));
            });
            if (c.updatable()) {
                updates.put(column, excluded(column));
                current.add(field(name(tableName, c.name())));
                proposed.add(excluded(column));
            }
        }
        if (version != null) {
            // the version counts the changes applied to a row (0 for its first), also when a batch folds several
            // changes of a row into one: then it moves by their number, not by one
            Field<Integer> v = field(name(version), Integer.class);
            into.add(v);
            values.add(field(name(SOURCE, FOLDED), Integer.class).minus(DSL.inline(1)));
            updates.put(v, field(name(tableName, version), Integer.class).plus(excluded(v)).plus(DSL.inline(1)));
        }
        var select = card
                ? SQL.select(values).from(source).leftJoin(target.as(name(EXISTING)))
                        .on(from(EXISTING, key.name()).eq(from(SOURCE, key.name())))
                : SQL.select(values).from(source);
        var insert = SQL.insertInto(target, into).select(select);
        // a change that changes nothing (a column the other side does not carry changed, such as a card number masked
        // to what the row already holds) leaves the row alone: no new version, which the side's own writers, checking
        // the version they read, would take for a concurrent update (a refund refused with 409 while the monolith's
        // card numbers were masked)
        String upsert = updates.isEmpty() ? insert.onConflict(keyField).doNothing().getSQL()
                : insert.onConflict(keyField).doUpdate().set(updates)
                        .where(DSL.row(current).isDistinctFrom(DSL.row(proposed))).getSQL();
        Condition byKey = DSL.condition("{0} = any({1})", keyField, array(types, key.name()));
        String delete = SQL.deleteFrom(target).where(byKey).getSQL();
        Field<?> time = updatedAt == null ? DSL.inline((Object) null) : field(name(updatedAt));
        String lock = SQL.select(keyField, time).from(target).where(byKey).forUpdate().getSQL();
        return new TableStatements(upsert, delete, lock);
    }

    private static Field<Object> from(String alias, String column) {
        return field(name(alias, column));
    }

    private static Field<Object> array(Map<String, String> types, String column) {
        String type = types.get(column);
        if (type == null) {
            throw new IllegalStateException("no type known for column " + column);
        }
        return field("cast({0} as {1})", param(column), keyword(type + "[]"));
    }
}

package dev.strangler.support.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.table;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.SqlParameterValue;

class RenderedSqlTests {

    static final DSLContext DB = DSL.using(SQLDialect.POSTGRES);
    static final Table<Record> T = table(name("t"));
    static final Field<Long> ID = field(name("t", "id"), SQLDataType.BIGINT);
    static final Field<String> NOTE = field(name("t", "note"), SQLDataType.VARCHAR(20));
    static final Field<JSONB> BODY = field(name("t", "body"), SQLDataType.JSONB);
    static final Field<OffsetDateTime> AT = field(name("t", "at"), SQLDataType.TIMESTAMPWITHTIMEZONE(6));

    final RenderedSql update = RenderedSql.of(DB, DB.update(T)
            .set(NOTE, param("note", NOTE))
            .set(BODY, param("body", BODY))
            .set(AT, param("at", AT))
            .where(ID.eq(param("id", ID))));

    @Test
    void rendersOnceWithJdbcMarkers() {
        assertThat(update.sql()).startsWith("update \"t\" set").doesNotContain(":").contains("where \"t\".\"id\" = ?");
        assertThat(update.sql().chars().filter(c -> c == '?').count()).isEqualTo(4);
    }

    @Test
    void bindsByNameInTheOrderOfTheMarkersWithTheColumnsTypes() {
        OffsetDateTime at = OffsetDateTime.of(2026, 12, 5, 11, 0, 0, 0, ZoneOffset.UTC);

        // set in another order than the statement's: the markers decide
        Object[] arguments = update.bind().set("id", 7L).set("at", at).set("note", null).set("body", "{}").arguments();

        assertThat(Arrays.stream(arguments).map(a -> ((SqlParameterValue) a).getValue()))
                .containsExactly(null, "{}", at, 7L);
        assertThat(Arrays.stream(arguments).map(a -> ((SqlParameterValue) a).getSqlType()))
                .containsExactly(Types.VARCHAR, SQLDataType.JSONB.getSQLType(), Types.TIMESTAMP_WITH_TIMEZONE,
                        Types.BIGINT);
    }

    @Test
    void namesAParameterAfterEachColumn() {
        RenderedSql insert = RenderedSql.of(DB, DB.insertInto(T).set(RenderedSql.columns(ID, NOTE)));

        Object[] arguments = insert.bind().set("note", "x").set("id", 1L).arguments();

        assertThat(insert.sql()).isEqualTo("insert into \"t\" (\"id\", \"note\") values (?, ?)");
        assertThat(Arrays.stream(arguments).map(a -> ((SqlParameterValue) a).getValue())).containsExactly(1L, "x");
    }

    @Test
    void refusesAMissingOrUnknownValue() {
        assertThatThrownBy(() -> update.bind().set("id", 7L).set("note", "x").set("body", "{}").arguments())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at");
        assertThatThrownBy(() -> update.bind().set("nope", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(":nope");
    }

    @Test
    void refusesAColumnWithAConverter() {
        Field<String> converted = field(name("t", "id"), SQLDataType.BIGINT.asConvertedDataType(
                Converter.ofNullable(Long.class, String.class, String::valueOf, Long::valueOf)));

        assertThatThrownBy(() -> RenderedSql.of(DB, DB.update(T).set(NOTE, param("note", NOTE))
                .where(converted.eq(param("id", converted)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":id has a converter");
    }

    @Test
    void refusesAStatementWithAnUnnamedValue() {
        assertThatThrownBy(() -> RenderedSql.of(DB, DB.update(T).set(NOTE, "inline").where(ID.eq(param("id", ID)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DSL.param");
    }
}

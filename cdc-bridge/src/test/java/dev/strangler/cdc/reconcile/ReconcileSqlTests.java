package dev.strangler.cdc.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.extraction.Extractions;
import dev.strangler.extraction.ReconcileSpec;
import dev.strangler.extraction.TablePair;
import dev.strangler.extraction.TablePair.SideName;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The SQL each side runs, rendered from the repository's descriptors: no database. */
class ReconcileSqlTests {

    private static final Extractions REPOSITORY = Extractions.load(Path.of("..", "extractions"));

    @Test
    void undoesTheLegacyMappingsOfPaymentsInSql() {
        SideSql legacy = SideSql.render(pair("payments"), SideName.LEGACY);

        assertThat(legacy.rowsOfBucket())
                .contains("case \"status\" when 'AUTH' then 'AUTHORIZED' when 'CAPT' then 'CAPTURED'")
                .contains("else \"status\" end")
                .contains("cast((\"amount\" * 100) as bigint)")
                .contains("cast((\"captured_amount\" * 100) as bigint)")
                .contains("right(\"card_number\", 4)")
                .contains("from \"payments\"")
                .doesNotContain("where (\"status\" in");
    }

    @Test
    void leavesOutTheServiceRowsWhoseStatusHasNoLegacyCode() {
        SideSql service = SideSql.render(pair("payments"), SideName.EXTRACTED);

        assertThat(service.rowsById()).contains("\"status\" in ('AUTHORIZED', 'CAPTURED', 'DECLINED', "
                + "'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED') or \"status\" is null")
                .contains("quote_nullable(\"card_last4\")")
                .contains("quote_nullable(cast(\"amount_minor\" as varchar))")
                .contains("quote_nullable(\"currency\")")
                .doesNotContain("PENDING");
    }

    @Test
    void bindsOnlyWhatTheJdbcCodeSets() {
        SideSql legacy = SideSql.render(pair("payments"), SideName.LEGACY);

        assertThat(legacy.chunks()).containsOnlyOnce("?").contains("group by 1");
        assertThat(legacy.rowsOfBucket()).contains("(\"id\" / ?) = ?");
        assertThat(legacy.rowsById()).containsOnlyOnce("?").contains("= any (cast(? as bigint[]))");
    }

    @Test
    void joinsSplitNamesAndComparesTimesAsMicroseconds() {
        TablePair customers = pair("customers");
        SideSql legacy = SideSql.render(customers, SideName.LEGACY);
        SideSql service = SideSql.render(customers, SideName.EXTRACTED);

        assertThat(legacy.rowsById()).contains("lower(trim(\"email\"))")
                .contains("cast(cast((extract(epoch from \"created_at\") * 1000000) as bigint) as varchar)");
        assertThat(service.rowsById())
                .contains("concat_ws(' ', nullif(\"given_name\", ''), nullif(\"family_name\", ''))")
                .contains("cast(cast((extract(epoch from \"created_at\") * 1000000) as bigint) as varchar)")
                .doesNotContain("lower(");
    }

    @Test
    void comparesAComputedKeyWithTheColumnThatStoresIt() {
        TablePair legacyId = comparing(pair("payments"), "legacyId");

        assertThat(SideSql.render(legacyId, SideName.LEGACY).rowsById())
                .contains("'|', cast(\"id\" as varchar), quote_nullable(cast(\"id\" as varchar))");
        assertThat(SideSql.render(legacyId, SideName.EXTRACTED).rowsById())
                .contains("quote_nullable(cast(\"legacy_id\" as varchar))");
    }

    @Test
    void refusesAFieldOneSideComputesFromTheSourceTime() {
        // the descriptor loader refuses this too; a table pair built in code must not slip through either
        TablePair updatedAt = comparing(pair("customers"), "email", "updatedAt");

        assertThatThrownBy(() -> new Reconciler(updatedAt, new PGSimpleDataSource(), new PGSimpleDataSource()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'customers'")
                .hasMessageContaining("'updatedAt'")
                .hasMessageContaining("source time");
    }

    @Test
    void refusesAFieldThePairDoesNotHave() {
        TablePair unknown = comparing(pair("customers"), "nickname");

        assertThatThrownBy(() -> new Reconciler(unknown, new PGSimpleDataSource(), new PGSimpleDataSource()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nickname'");
    }

    /** {@code p} comparing {@code fields}: built in code, past the descriptor loader's own checks. */
    private static TablePair comparing(TablePair p, String... fields) {
        return new TablePair(p.name(), p.record(), p.ownerRoute(), p.conflict(), p.legacy(), p.extracted(),
                p.fields(), new ReconcileSpec(List.of(fields), 0, 100, 0));
    }

    private static TablePair pair(String name) {
        return REPOSITORY.tablePairs().stream().map(Extractions.Owned::part).filter(p -> p.name().equals(name))
                .findFirst().orElseThrow();
    }
}

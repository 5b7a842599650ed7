package dev.strangler.cdc.apply.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.cdc.translate.PaymentsPair;
import dev.strangler.extraction.TablePair.SideName;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The statements jOOQ renders from extractions/payments.yaml: one set-based upsert per batch, quoted names. */
class TableStatementsTests {

    private static Map<String, String> types(TargetColumns columns) {
        Map<String, String> types = new HashMap<>();
        columns.columns().forEach(c -> types.put(c.name(), c.name().equals("id") ? "int8" : "text"));
        return types;
    }

    @Test
    void theServiceSideKeepsItsCardFromTheExistingRowAndCountsVersions() {
        TargetColumns service = new TargetColumns(PaymentsPair.shape(), SideName.EXTRACTED);

        TableStatements sql = TableStatements.render("payments", service.columns(), types(service), "version",
                "updated_at");

        assertThat(sql.upsert()).startsWith("insert into \"payments\"")
                .contains("from unnest(cast(? as int8[]), cast(? as text[])")
                .contains("left outer join \"payments\" as \"p\" on \"p\".\"id\" = \"c\".\"id\"")
                .contains("coalesce(\"c\".\"card_token\", \"p\".\"card_token\")")
                .contains("on conflict (\"id\") do update set")
                .contains("\"version\" = (\"payments\".\"version\" + excluded.\"version\" + 1)")
                .doesNotContain("\"id\" = excluded.\"id\"");
        assertThat(sql.lock()).isEqualTo("select \"id\", \"updated_at\" from \"payments\""
                + " where (\"id\" = any(cast(? as int8[]))) for update");
        assertThat(sql.delete()).isEqualTo("delete from \"payments\" where (\"id\" = any(cast(? as int8[])))");
    }

    @Test
    void theMonolithsInsertOnlyColumnsAreNotInTheUpdate() {
        TargetColumns legacy = new TargetColumns(PaymentsPair.shape(), SideName.LEGACY);

        TableStatements sql = TableStatements.render("payments", legacy.columns(), types(legacy), null, "updated_at");

        assertThat(sql.upsert()).contains("\"status\" = excluded.\"status\"")
                .doesNotContain("\"card_number\" = excluded").doesNotContain("\"created_at\" = excluded")
                .doesNotContain("left outer join").doesNotContain("version");
    }
}

package dev.strangler.playbook.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.strangler.playbook.analysis.AnalysisReport.Mode;
import dev.strangler.playbook.analysis.AnalysisReport.PackageDependency;
import dev.strangler.playbook.analysis.AnalysisReport.TableAccess;
import dev.strangler.playbook.analysis.AnalysisReport.Tangle;
import dev.strangler.playbook.analysis.AnalysisReport.TangleKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second extraction, customers (extractions/customers.yaml), analysed on the real monolith's classes: nothing in
 * the analysis's code knows customers, the descriptor is all it reads. Orders and reports read the customers table
 * directly (JooqOrders#customerExists, the sales reports' joins) and the seeder writes it; the customers package in
 * turn reads orders and payments.
 */
class CustomersAnalysisTests {

    private static final String LEGACY = "dev.strangler.legacy.";

    private static AnalysisReport report;

    @BeforeAll
    static void analyse() {
        report = MonolithAnalysis.analyse(MonolithBuild.classes(), MonolithBuild.scope("customers"),
                MonolithBuild.STORE, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    @Test
    void findsOrdersAndReportsReadingTheCustomersTableDirectly() {
        assertThat(report.tangles()).filteredOn(t -> t.kind() == TangleKind.READS_CAPABILITY_TABLES)
                .extracting(Tangle::className, Tangle::member, Tangle::tables)
                .containsExactlyInAnyOrder(
                        tuple(LEGACY + "orders.internal.JooqOrders", "customerExists", List.of("customers")),
                        tuple(LEGACY + "reports.internal.JooqSalesReport", "between", List.of("customers")),
                        tuple(LEGACY + "reports.internal.PaymentApiSalesReport", "compute", List.of("customers")));
        assertThat(report.tangles()).filteredOn(t -> t.kind() == TangleKind.QUERIES_CAPABILITY_WITH_OTHER_TABLES)
                .extracting(Tangle::className, Tangle::member)
                .containsExactlyInAnyOrder(tuple(LEGACY + "reports.internal.JooqSalesReport", "between"),
                        tuple(LEGACY + "reports.internal.PaymentApiSalesReport", "compute"));
        assertThat(report.tangles()).filteredOn(t -> t.kind() == TangleKind.QUERIES_CAPABILITY_WITH_OTHER_TABLES
                        && t.className().endsWith("JooqSalesReport"))
                .singleElement().satisfies(t -> assertThat(t.tables()).contains("customers", "orders", "payments"));
    }

    @Test
    void findsTheSeederAsTheOnlyWriterOutsideCustomers() {
        assertThat(report.tangles()).filteredOn(t -> t.kind() == TangleKind.WRITES_CAPABILITY_TABLES)
                .extracting(Tangle::className, Tangle::member)
                .containsExactly(tuple(LEGACY + "seed.internal.ShopSeeder", "seed"));
        assertThat(report.tableAccesses().stream()
                .filter(a -> !a.insideCapability() && a.table().equals("customers"))
                .map(TableAccess::className).distinct())
                .containsExactlyInAnyOrder(LEGACY + "orders.internal.JooqOrders",
                        LEGACY + "reports.internal.JooqSalesReport", LEGACY + "reports.internal.PaymentApiSalesReport",
                        LEGACY + "seed.internal.ShopSeeder");
    }

    @Test
    void findsTheCustomersPackageReadingOrdersAndPayments() {
        assertThat(report.otherTablesFromCapability())
                .extracting(TableAccess::className, TableAccess::table, TableAccess::modes)
                .contains(tuple(LEGACY + "customers.internal.SharedTableCustomerCards", "payments", List.of(Mode.READ)),
                        tuple(LEGACY + "customers.internal.SharedTableCustomerCards", "orders", List.of(Mode.READ)));
        assertThat(report.tangles()).filteredOn(t -> t.kind() == TangleKind.CAPABILITY_USES_OTHER_TABLES)
                .extracting(Tangle::className)
                .contains(LEGACY + "customers.internal.SharedTableCustomerCards");
    }

    @Test
    void scopesEverythingToCustomersAsTheDescriptorSays() {
        assertThat(report.extraction()).isEqualTo("customers");
        assertThat(report.packages()).containsExactly(LEGACY + "customers");
        assertThat(report.tables()).containsExactly("customers");
        assertThat(report.relatedTables()).containsExactly("orders");
        assertThat(report.rules()).isNotEmpty();
        assertThat(report.inbound()).extracting(PackageDependency::from, PackageDependency::to)
                .containsExactly(tuple("web", "customers"));
        // the descriptor has no sensitive-data scope: card data is payments' business, not looked for here
        assertThat(report.cardDataSearched()).isFalse();
        assertThat(report.cardData()).isEmpty();
        assertThat(report.tangles()).noneMatch(t -> t.kind() == TangleKind.CARD_NUMBERS_OUTSIDE_CAPABILITY);
    }

    @Test
    void measuresItsOwnFrozenRuleWhichNoStoreRecordsYet() {
        assertThat(report.rule().rule()).isEqualTo("only the customers package touches customer tables");
        assertThat(report.rule().frozen()).isNull();
        assertThat(report.rule().byClass().keySet()).containsExactlyInAnyOrder(LEGACY + "orders.internal.JooqOrders",
                LEGACY + "reports.internal.JooqSalesReport", LEGACY + "reports.internal.PaymentApiSalesReport",
                LEGACY + "seed.internal.ShopSeeder");
        assertThat(report.coupling().capabilityTablesOutside()).isEqualTo(4);
    }

    @Test
    void writesItsReportsBesidePayments(@TempDir Path out) throws IOException {
        AnalysisOutput.write(report, out);

        String md = Files.readString(out.resolve("analysis-customers.md"));
        assertThat(md).startsWith("# Analysis of the monolith: customers")
                .contains("subgraph extract[\"customers: to extract\"]", "## Who reads and writes the tables of customers",
                        "| `orders.internal.JooqOrders` | `customerExists` | `customers` | reads |",
                        "## Burndown: only the customers package touches customer tables",
                        "No freeze store records this rule.")
                .doesNotContain("## Card data", "payment tables");
        assertThat(out.resolve("analysis-customers.json")).exists();
        assertThat(out.resolve("analysis-customers-history.json")).exists();
    }
}

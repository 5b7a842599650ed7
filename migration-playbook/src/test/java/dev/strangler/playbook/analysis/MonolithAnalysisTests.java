package dev.strangler.playbook.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.groups.Tuple.tuple;

import dev.strangler.playbook.analysis.AnalysisReport.CardData;
import dev.strangler.playbook.analysis.AnalysisReport.CardDataKind;
import dev.strangler.playbook.analysis.AnalysisReport.Mode;
import dev.strangler.playbook.analysis.AnalysisReport.PackageDependency;
import dev.strangler.playbook.analysis.AnalysisReport.TableAccess;
import dev.strangler.playbook.analysis.AnalysisReport.TangleKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The payments extraction analysed on the real monolith's classes (extractions/payments.yaml), checked against what
 * its README and sources document.
 */
class MonolithAnalysisTests {

    private static final String LEGACY = "dev.strangler.legacy.";
    private static final AnalysisScope PAYMENTS = MonolithBuild.scope("payments");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private static AnalysisReport report;

    @BeforeAll
    static void analyse() {
        report = MonolithAnalysis.analyse(MonolithBuild.classes(), PAYMENTS, MonolithBuild.STORE, CLOCK);
    }

    /**
     * A tangle as legacy-monolith/README.md documents it ("Tangles"), and the bytecode finding that shows it.
     *
     * @param step the README's step
     * @param className the class, relative to dev.strangler.legacy
     * @param member the member the evidence is in
     * @param kind the finding that must be there
     * @param tables tables the finding must name
     */
    record DocumentedTangle(int step, String className, String member, TangleKind kind, Set<String> tables) {
        @Override
        public String toString() {
            return "step-" + step + " " + className + "#" + member + " " + kind;
        }
    }

    static Stream<DocumentedTangle> documentedTangles() {
        return Stream.of(
                new DocumentedTangle(1, "orders.internal.SharedTableOrderPayments", "latest", TangleKind.READS_CAPABILITY_TABLES,
                        Set.of("payments")),
                new DocumentedTangle(1, "orders.internal.SharedTableOrderPayments", "latest",
                        TangleKind.CARD_NUMBERS_OUTSIDE_CAPABILITY, Set.of("payments")),
                new DocumentedTangle(2, "orders.Orders", "checkout", TangleKind.CAPABILITY_CALL_IN_TRANSACTION, Set.of()),
                new DocumentedTangle(3, "orders.internal.SharedTableOrderPayments", "voidAuthorized",
                        TangleKind.WRITES_CAPABILITY_TABLES, Set.of("payments", "payment_events")),
                new DocumentedTangle(4, "reports.internal.JooqSalesReport", "between",
                        TangleKind.QUERIES_CAPABILITY_WITH_OTHER_TABLES, Set.of("payments", "orders", "customers")),
                new DocumentedTangle(5, "support.internal.JooqSupport", "override",
                        TangleKind.WRITES_CAPABILITY_TABLES, Set.of("payments", "payment_events")),
                new DocumentedTangle(6, "customers.internal.SharedTableCustomerCards", "<clinit>",
                        TangleKind.CARD_NUMBERS_OUTSIDE_CAPABILITY, Set.of("payments")),
                new DocumentedTangle(7, "seed.internal.ShopSeeder", "seed", TangleKind.WRITES_CAPABILITY_TABLES,
                        Set.of("payments", "payment_events")),
                new DocumentedTangle(7, "seed.internal.ShopSeeder", "seed", TangleKind.CARD_NUMBERS_OUTSIDE_CAPABILITY,
                        Set.of("payments")),
                new DocumentedTangle(8, "payments.internal.JooqPayableOrders", "lockOrder",
                        TangleKind.CAPABILITY_USES_OTHER_TABLES, Set.of("orders")),
                new DocumentedTangle(8, "payments.internal.JooqPayableOrders", "markOrderPaid",
                        TangleKind.CAPABILITY_USES_OTHER_TABLES, Set.of("orders")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedTangles")
    void findsEachDocumentedTangle(DocumentedTangle documented) {
        assertThat(report.tangles())
                .filteredOn(t -> t.className().equals(LEGACY + documented.className())
                        && t.member().equals(documented.member()) && t.kind() == documented.kind())
                .singleElement()
                .satisfies(t -> assertThat(t.tables()).containsAll(documented.tables()))
                .satisfies(t -> assertThat(t.evidence()).isNotBlank());
    }

    @Test
    void checksEveryTangleTheReadmeDocuments() throws IOException {
        Pattern row = Pattern.compile("^\\| (\\d+) \\| `([^`#]+)(?:#(\\w+))?` \\|");
        List<DocumentedTangle> catalogue = documentedTangles().toList();
        Set<Integer> steps = new TreeSet<>();
        for (String line : Files.readAllLines(MonolithBuild.MODULE.resolve("README.md"), StandardCharsets.UTF_8)) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                int step = Integer.parseInt(m.group(1));
                steps.add(step);
                assertThat(catalogue).as("README step %d: %s", step, line)
                        .anyMatch(d -> d.step() == step && d.className().equals(m.group(2))
                                && (m.group(3) == null || d.member().equals(m.group(3))));
            }
        }
        assertThat(steps).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void step8WritesTheOrdersTableFromPayments() {
        assertThat(report.otherTablesFromCapability())
                .filteredOn(a -> a.className().equals(LEGACY + "payments.internal.JooqPayableOrders"))
                .extracting(TableAccess::member, TableAccess::table, TableAccess::modes)
                .contains(tuple("markOrderPaid", "orders", List.of(Mode.WRITE)),
                        tuple("lockOrder", "orders", List.of(Mode.READ)));
    }

    @Test
    void step2IsTheOnlyTransactionAroundAPaymentCall() {
        assertThat(report.tangles()).filteredOn(t -> t.kind() == TangleKind.CAPABILITY_CALL_IN_TRANSACTION)
                .singleElement()
                .satisfies(t -> assertThat(t.evidence()).contains("checkoutInOneTransaction",
                        "PaymentProcessing.authorize"));
    }

    @Test
    void namesExactlyTheClassesOutsidePaymentsThatUseThePaymentTables() {
        assertThat(report.tableAccesses().stream()
                .filter(a -> !a.insideCapability() && !a.table().equals("checkout_sagas"))
                .map(TableAccess::className).distinct())
                .containsExactlyInAnyOrder(LEGACY + "customers.internal.SharedTableCustomerCards",
                        LEGACY + "orders.internal.SharedTableOrderPayments", LEGACY + "reports.internal.JooqSalesReport",
                        LEGACY + "seed.internal.ShopSeeder", LEGACY + "support.internal.JooqSupport");
        // the saga is orders' own table; the seeder empties it with the others, in SQL text
        assertThat(report.tableAccesses()).filteredOn(a -> a.table().equals("checkout_sagas"))
                .extracting(TableAccess::className)
                .containsOnly(LEGACY + "orders.internal.JooqOrders", LEGACY + "seed.internal.ShopSeeder");
    }

    @Test
    void readsTheTablesOfSqlTextToo() {
        // db.execute("truncate table checkout_sagas, payment_events, payments, ...")
        assertThat(access("seed.internal.ShopSeeder", "seed", "checkout_sagas"))
                .satisfies(a -> assertThat(a.modes()).containsExactly(Mode.WRITE))
                .satisfies(a -> assertThat(a.verbs()).containsExactly("sql truncate"))
                .satisfies(a -> assertThat(a.lines()).containsExactly(73));
        assertThat(access("seed.internal.ShopSeeder", "seed", "payments").verbs()).contains("insertInto",
                "sql truncate");
    }

    @Test
    void tellsReadsFromWrites() {
        assertThat(access("orders.internal.SharedTableOrderPayments", "latest", "payments").modes()).containsExactly(Mode.READ);
        assertThat(access("orders.internal.SharedTableOrderPayments", "voidAuthorized", "payments").modes())
                .containsExactly(Mode.READ, Mode.WRITE);
        assertThat(access("orders.internal.SharedTableOrderPayments", "voidAuthorized", "payment_events").modes())
                .containsExactly(Mode.WRITE);
        assertThat(access("reports.internal.JooqSalesReport", "between", "payments").modes())
                .containsExactly(Mode.READ);
        assertThat(access("support.internal.JooqSupport", "override", "payments").verbs())
                .contains("select", "update");
        assertThat(access("orders.internal.JooqOrders", "startSaga", "checkout_sagas").modes())
                .containsExactly(Mode.WRITE);
        assertThat(access("orders.internal.JooqOrders", "unsettledSagas", "checkout_sagas").modes())
                .containsExactly(Mode.READ);
        // the seeder hands the table to a helper that inserts whatever it is given
        assertThat(access("seed.internal.ShopSeeder", "seed", "payments").modes()).containsExactly(Mode.WRITE);
        assertThat(access("payments.internal.JooqPayments", "insertAuthorized", "payments").columns())
                .contains("card_number", "amount");
    }

    @Test
    void findsThePackagesThatDependOnPaymentsBothWays() {
        assertThat(report.inbound()).extracting(PackageDependency::from)
                .containsExactlyInAnyOrder("orders", "web", "support",
                        // the untangled twins of tangles 1, 3, 4, 5 and 6 go through the payments API
                        "orders.internal", "customers.internal", "reports.internal", "support.internal");
        assertThat(report.inbound()).filteredOn(d -> d.from().equals("orders"))
                .flatExtracting(PackageDependency::examples)
                .contains("Orders -> PaymentProcessing", "Orders -> CardNumber",
                        "CheckoutRecovery -> PaymentProcessing");
        assertThat(report.outbound()).extracting(PackageDependency::to).containsOnly("(root)");
        assertThat(report.outbound()).flatExtracting(PackageDependency::examples)
                .contains("PspClient -> ShopProblem", "Payment -> Money");
    }

    @Test
    void findsCardDataInColumnsCodeFieldsAndParameters() {
        assertThat(report.cardData()).filteredOn(d -> d.kind() == CardDataKind.COLUMN)
                .extracting(CardData::member).containsExactly("payments.card_number");
        assertThat(report.cardData())
                .filteredOn(d -> !d.insideCapability() && d.kind() == CardDataKind.COLUMN_USE)
                .extracting(CardData::className)
                .containsExactlyInAnyOrder(LEGACY + "customers.internal.SharedTableCustomerCards",
                        LEGACY + "orders.internal.SharedTableOrderPayments");
        assertThat(report.cardData())
                .extracting(CardData::kind, CardData::className, CardData::member)
                .contains(
                        tuple(CardDataKind.PARAMETER, LEGACY + "web.ShopPages", "checkout"),
                        tuple(CardDataKind.FIELD, LEGACY + "orders.CheckoutRequest",
                                "cardNumber"),
                        tuple(CardDataKind.FIELD, LEGACY + "seed.internal.ShopSeeder",
                                "TEST_PANS"),
                        tuple(CardDataKind.PAN_TYPE, LEGACY + "payments.CardNumber",
                                "CardNumber"),
                        tuple(CardDataKind.WHOLE_ROWS,
                                LEGACY + "seed.internal.ShopSeeder", "seed"));
        assertThat(report.cardData()).filteredOn(CardData::masked).extracting(CardData::member)
                .contains("cardLast4", "LAST_CARD_LAST4");
        assertThat(report.tangles()).noneMatch(t -> t.evidence().contains("ast4"));
    }

    @Test
    void countsTheFrozenRuleLikeArchUnitAndMatchesTheFreezeStore() throws IOException {
        Properties rules = new Properties();
        try (var in = Files.newBufferedReader(MonolithBuild.STORE.resolve("stored.rules"))) {
            rules.load(in);
        }
        Path file = MonolithBuild.STORE.resolve(rules.getProperty("only the payments package touches payment tables"));
        long recorded = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
        Set<String> classesInStore = new TreeSet<>(Files.readAllLines(file).stream()
                .filter(l -> !l.isBlank())
                .map(MonolithAnalysisTests::violatingClass).toList());

        assertThat(report.rule().frozen()).isEqualTo((int) recorded);
        assertThat(report.rule().violations()).isEqualTo((int) recorded);
        assertThat(report.rule().byClass().keySet()).containsExactlyElementsOf(classesInStore);
    }

    @Test
    void couplingScoreIsTheSumOfItsParts() {
        var c = report.coupling();
        assertThat(c.score()).isEqualTo(c.inbound() + c.outbound() + c.capabilityTablesOutside()
                + c.otherTablesFromCapability());
        // SharedTableCustomerCards, SharedTableOrderPayments x2, JooqSalesReport, ShopSeeder x2, JooqSupport x2
        // (class, table) pairs
        assertThat(c.capabilityTablesOutside()).isEqualTo(8);
        assertThat(c.otherTablesFromCapability()).isEqualTo(1);
        assertThat(c.inbound()).isEqualTo(report.inbound().stream().mapToInt(PackageDependency::classPairs).sum());
        assertThat(c.byPackage().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(c.score());
    }

    @Test
    void readsThePackagedJarLikeTheClassesDirectory() {
        AnalysisReport fromJar = MonolithAnalysis.analyse(MonolithBuild.jar(), PAYMENTS, MonolithBuild.STORE, CLOCK);

        assertThat(fromJar.classes()).isEqualTo(report.classes());
        assertThat(fromJar.tangles()).isEqualTo(report.tangles());
        assertThat(fromJar.cardData()).isEqualTo(report.cardData());
        assertThat(fromJar.rule().violations()).isEqualTo(report.rule().violations());
        assertThat(fromJar.coupling()).isEqualTo(report.coupling());
    }

    @Test
    void refusesAPlaceWithoutTheMonolithsClasses(@TempDir Path empty) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MonolithAnalysis.analyse(empty.resolve("missing"), PAYMENTS, null, CLOCK))
                .withMessageContaining("build them first");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MonolithAnalysis.analyse(empty, PAYMENTS, null, CLOCK))
                .withMessageContaining("no class of package dev.strangler.legacy");
    }

    private static TableAccess access(String className, String member, String table) {
        return report.tableAccesses().stream()
                .filter(a -> a.className().equals(LEGACY + className) && a.member().equals(member)
                        && a.table().equals(table))
                .findFirst().orElseThrow(() -> new AssertionError("no use of " + table + " by " + className + "#"
                        + member));
    }

    /** {@code Method <a.b.C.m(x)> gets field ...} -> {@code a.b.C}. */
    private static String violatingClass(String storeLine) {
        String member = storeLine.substring(storeLine.indexOf('<') + 1, storeLine.indexOf('('));
        return member.substring(0, member.lastIndexOf('.'));
    }
}

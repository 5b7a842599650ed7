package dev.strangler.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExtractionsTests {

    @TempDir
    Path dir;

    @Test
    void readsTheRepositorysDescriptors() {
        Extractions all = Extractions.load(Descriptors.REPOSITORY);

        assertThat(all.all()).extracting(Extraction::name).containsExactly("customers", "payments");
        Extraction payments = all.get("payments");
        assertThat(payments.extracted().service()).isEqualTo("payment-service");
        assertThat(payments.routes()).extracting(RouteSpec::id).containsExactly("payments-read", "payments-write");
        RouteSpec write = payments.route("payments-write").orElseThrow();
        assertThat(write.shadow().dryRun()).isTrue();
        assertThat(write.shadow().notComparedStatuses()).containsExactly(402);
        assertThat(write.shadow().headers()).as("the default").containsExactly("content-type");
        TablePair pair = payments.table("payments").orElseThrow();
        assertThat(pair.topic(TablePair.SideName.LEGACY)).isEqualTo("strangler.cdc.legacy.payments");
        assertThat(pair.topic(TablePair.SideName.EXTRACTED)).isEqualTo("strangler.cdc.service.payments");
        assertThat(pair.keyField().name()).isEqualTo("paymentId");
        assertThat(pair.extracted().idsFrom()).isEqualTo(1_000_000_000L);
        assertThat(pair.extracted().capture()).isEqualTo(new TableSide.Outbox("outbox", "payment"));
        assertThat(pair.field("amountMinor").orElseThrow().legacy())
                .isEqualTo(new Mapping.Columns(List.of("amount"), new Conversion.MinorUnits(2), null, false));
        assertThat(pair.reconcile().fields()).contains("cardLast4").doesNotContain("cardToken");
        assertThat(payments.playbook().steps()).extracting(PlaybookSpec.Step::id)
                .containsExactly("analyse", "service-healthy", "data-in-sync", "shadow", "canary", "cutover",
                        "decommission");
        Extraction customers = all.get("customers");
        assertThat(customers.table("customers").orElseThrow().record())
                .as("the default record name").isEqualTo("dev.strangler.cdc.customers.CustomersChange");
    }

    /**
     * One broken copy of payments.yaml: {@code from} replaced by {@code to}, refused with {@code message}, at the line
     * holding {@code lineMarker} when it is not null.
     */
    record Refusal(String what, String from, String to, @Nullable String lineMarker, String message) {

        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Refusal> refusals() {
        return Stream.of(
                new Refusal("a field the schema does not know", "    conflict: route-owner", "    conflicts: route-owner",
                        "conflicts:", "data[0].conflicts: is not a known field here"),
                new Refusal("a missing required field", "    path: /api/payments/**\n    methods: [GET, HEAD]",
                        "    methods: [GET, HEAD]", "- id: payments-read", "routes[0].path: is required"),
                new Refusal("a conversion that does not fit the field's type",
                        "{name: currency, type: string, legacy: currency,",
                        "{name: currency, type: string, legacy: {column: currency, convert: minor-units},",
                        "name: currency", "data[0].fields[4].legacy.convert: minor-units gives a long field, but the"
                                + " field is a string"),
                new Refusal("an unknown conversion", "convert: {minor-units: 2}}\n        extracted: amount_minor",
                        "convert: minor-unit}\n        extracted: amount_minor", "convert: minor-unit}",
                        "data[0].fields[5].legacy.convert: does not match the regex pattern"
                                + " ^(lower-case|utc|minor-units)$"),
                new Refusal("tokenize on a field that is not a card", "legacy: psp_reference,",
                        "legacy: {column: psp_reference, transform: tokenize},", "name: pspReference",
                        "data[0].fields[9].legacy.transform: tokenize applies to a card field"),
                new Refusal("reconciling a field that does not exist", "fields: [orderId, amountMinor,",
                        "fields: [orderId, amountMinr,", "fields: [orderId, amountMinr",
                        "data[0].reconcile.fields[1]: names no field of this table pair: 'amountMinr'"),
                new Refusal("reconciling the card token", "pspReference, cardLast4]", "pspReference, cardToken]", null,
                        "data[0].reconcile.fields[7]: 'cardToken' cannot be compared"),
                new Refusal("an owner route that is no route", "owner-route: payments-write",
                        "owner-route: payment-write", "owner-route: payment-write",
                        "data[0].owner-route: names no route of this extraction: 'payment-write'"),
                new Refusal("a key field on another column than the key", "key: true, legacy: id,",
                        "key: true, legacy: order_id,", null,
                        "data[0].fields[0].legacy: the key field is stored in 'order_id' but the table's key is 'id'"),
                new Refusal("a field named like the envelope", "{name: currency,", "{name: sourceLsn,", null,
                        "data[0].fields[4].name: 'sourceLsn' is taken by the change record's envelope"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("refusals")
    void aBrokenDescriptorIsRefusedWithItsFieldAndLine(Refusal refusal) {
        Path file = Descriptors.broken(dir, "payments", refusal.from(), refusal.to());

        assertThatThrownBy(() -> Extractions.read(file))
                .isInstanceOf(InvalidDescriptorException.class)
                .hasMessageContaining(refusal.lineMarker() == null ? refusal.message()
                        : file + ":" + Descriptors.lineOf(file, refusal.lineMarker()) + ": " + refusal.message());
    }

    @Test
    void aNameThatIsNotTheFilesIsRefused() {
        Path file = Descriptors.write(dir, "payment", Descriptors.text("payments"));

        assertThatThrownBy(() -> Extractions.read(file))
                .hasMessageContaining(file + ":" + Descriptors.lineOf(file, "name: payments")
                        + ": name: is 'payments' but the file is payment.yaml");
    }

    @Test
    void brokenYamlIsRefusedWithTheParsersLine() {
        Path file = Descriptors.broken(dir, "payments", "    methods: [GET, HEAD]", "    methods: [GET, HEAD");

        assertThatThrownBy(() -> Extractions.read(file))
                .hasMessageContaining(file + ":")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void twoExtractionsCannotClaimOneRoute() {
        Descriptors.write(dir, "payments", Descriptors.text("payments"));
        Path second = Descriptors.write(dir, "refunds", Descriptors.text("payments")
                .replace("name: payments\n", "name: refunds\n")
                .replace("  - name: payments ", "  - name: refunds ")
                .replace("table: payments", "table: refunds"));

        assertThatThrownBy(() -> Extractions.load(dir))
                .isInstanceOf(InvalidDescriptorException.class)
                .hasMessageContaining(second + ":" + Descriptors.lineOf(second, "- id: payments-read")
                        + ": routes[0].id: route 'payments-read' is already claimed by " + dir.resolve("payments.yaml"));
    }

    @Test
    void twoExtractionsCannotClaimOneTable() {
        Descriptors.write(dir, "payments", Descriptors.text("payments"));
        Path second = Descriptors.write(dir, "refunds", Descriptors.text("payments")
                .replace("name: payments\n", "name: refunds\n")
                .replace("  - name: payments ", "  - name: refunds ")
                .replace("payments-read", "refunds-read").replace("payments-write", "refunds-write")
                .replace("path: /api/payments/**", "path: /api/refunds/**"));

        assertThatThrownBy(() -> Extractions.load(dir))
                .hasMessageContaining(second + ":" + Descriptors.lineOf(second, "table: payments")
                        + ": data[0].legacy.table: table 'payments' of database 'shop' is already claimed by "
                        + dir.resolve("payments.yaml"));
    }

    @Test
    void twoRoutesOfOnePathAndMethodAreRefusedAcrossExtractions() {
        Path first = Descriptors.write(dir, "customers", Descriptors.text("customers")
                .replace("path: /api/customers/**\n    methods: [GET, HEAD]",
                        "path: /api/payments/**\n    methods: [GET]"));
        Path second = Descriptors.write(dir, "payments", Descriptors.text("payments"));

        assertThatThrownBy(() -> Extractions.load(dir))
                .hasMessageContaining(second + ":" + Descriptors.lineOf(second, "path: /api/payments/**")
                        + ": routes[0].path: /api/payments/** [GET, HEAD] is already claimed by route 'customers-read'"
                        + " of " + first);
    }

    @Test
    void oneBrokenFileRefusesTheWholeSet() {
        Descriptors.write(dir, "customers", Descriptors.text("customers"));
        Descriptors.broken(dir, "payments", "type: timestamp", "type: instant");

        assertThatThrownBy(() -> Extractions.load(dir))
                .isInstanceOf(InvalidDescriptorException.class)
                .satisfies(e -> assertThat(((InvalidDescriptorException) e).problems())
                        .allSatisfy(p -> assertThat(p.file().getFileName().toString()).isEqualTo("payments.yaml")));
    }
}

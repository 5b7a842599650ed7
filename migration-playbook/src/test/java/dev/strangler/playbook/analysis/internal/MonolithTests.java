package dev.strangler.playbook.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.strangler.playbook.analysis.AnalysisScope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonolithTests {

    @Test
    void splitsIdentifiersIntoWords() {
        assertThat(Monolith.words("TEST_PANS")).containsExactly("test", "pans");
        assertThat(Monolith.words("cardLast4")).containsExactly("card", "last4");
        assertThat(Monolith.words("lastCardLast4")).containsExactly("last", "card", "last4");
        assertThat(Monolith.words("PaymentEvents")).containsExactly("payment", "events");
    }

    @Test
    void recognisesCardNamesWithoutMatchingInsideWords() {
        assertThat(Monolith.namesCard("cardNumber")).isTrue();
        assertThat(Monolith.namesCard("card")).isTrue();
        assertThat(Monolith.namesCard("TEST_PANS")).isTrue();
        assertThat(Monolith.namesCard("pan")).isTrue();
        assertThat(Monolith.namesCard("company")).isFalse();
        assertThat(Monolith.namesCard("span")).isFalse();
        assertThat(Monolith.namesCard("discarded")).isFalse();
    }

    @Test
    void tellsMaskedCardNamesApart() {
        assertThat(Monolith.namesMaskedCard("cardLast4")).isTrue();
        assertThat(Monolith.namesMaskedCard("LAST_CARD_LAST4")).isTrue();
        assertThat(Monolith.namesMaskedCard("lastCard")).isFalse();
        assertThat(Monolith.namesMaskedCard("cardNumber")).isFalse();
    }

    @Test
    void namesTablesAndPackagesAsSqlAndTheReportDo() {
        Monolith shop = new Monolith(new AnalysisScope("payments", "dev.strangler.legacy",
                List.of("dev.strangler.legacy.payments"), List.of("payments", "payment_events"),
                List.of("checkout_sagas"), Map.of("payments", "payments", "checkout_sagas", "orders"), List.of(), true),
                new ClassFileImporter().importClasses(List.of()));

        assertThat(Monolith.snake("PaymentEvents")).isEqualTo("payment_events");
        assertThat(Monolith.snake("CheckoutSagas")).isEqualTo("checkout_sagas");
        assertThat(shop.relative("dev.strangler.legacy")).isEqualTo("(root)");
        assertThat(shop.relative("dev.strangler.legacy.orders.internal")).isEqualTo("orders.internal");
        assertThat(shop.owner("payment_events")).isEqualTo("payments");
        assertThat(shop.owner("checkout_sagas")).isEqualTo("orders");
        assertThat(shop.owner("shop_settings")).isEqualTo("unknown");
        assertThat(shop.ownedByCapability("payment_events")).isTrue();
        assertThat(shop.ownedByCapability("checkout_sagas")).isFalse();
        assertThat(shop.inCapability("dev.strangler.legacy.payments.internal")).isTrue();
        assertThat(shop.inCapability("dev.strangler.legacy.paymentsx")).isFalse();
        assertThat(shop.inCapabilityInternals("dev.strangler.legacy.payments.internal")).isTrue();
        assertThat(shop.inCapabilityInternals("dev.strangler.legacy.payments")).isFalse();
    }

    @Test
    void wordsTheFrozenRuleAsTheMonolithsArchitectureTestsDo() {
        AnalysisScope customers = AnalysisScope.adHoc("customers", "dev.strangler.legacy",
                List.of("dev.strangler.legacy.customers"), List.of("customers"), false);
        AnalysisScope billing = AnalysisScope.adHoc(null, "com.example", List.of("com.example.billing",
                "com.example.invoicing"), List.of("invoices"), false);

        assertThat(customers.ruleDescription()).isEqualTo("only the customers package touches customer tables");
        assertThat(billing.name()).isEqualTo("billing");
        assertThat(billing.ruleDescription())
                .isEqualTo("only the billing, invoicing packages touch billing tables");
    }
}

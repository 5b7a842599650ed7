package dev.strangler.playbook.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(Monolith.snake("PaymentEvents")).isEqualTo("payment_events");
        assertThat(Monolith.snake("CheckoutSagas")).isEqualTo("checkout_sagas");
        assertThat(Monolith.relative("dev.strangler.legacy")).isEqualTo("(root)");
        assertThat(Monolith.relative("dev.strangler.legacy.orders.internal")).isEqualTo("orders.internal");
        assertThat(Monolith.owner("payment_events")).isEqualTo("payments");
        assertThat(Monolith.owner("checkout_sagas")).isEqualTo("orders");
    }
}

package dev.strangler.customers.shop.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.customers.shop.internal.LastCards.SeenPayment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LastCardsTests {

    @Test
    void picksTheCardOfEachCustomersPaymentWithTheHighestId() {
        Map<Long, Long> customerOfOrder = Map.of(10L, 1L, 11L, 1L, 20L, 2L);

        Map<Long, String> last4 = LastCards.newest(customerOfOrder, List.of(
                new SeenPayment(5, 10, "CAPTURED", "1111"),
                new SeenPayment(9, 11, "VOIDED", "2222"),
                new SeenPayment(7, 10, "REFUNDED", "3333"),
                new SeenPayment(6, 20, "AUTHORIZED", "4444")));

        assertThat(last4).containsExactlyInAnyOrderEntriesOf(Map.of(1L, "2222", 2L, "4444"));
    }

    @Test
    void leavesOutPaymentsTheMonolithDoesNotShow() {
        Map<Long, Long> customerOfOrder = Map.of(10L, 1L);

        Map<Long, String> last4 = LastCards.newest(customerOfOrder, List.of(
                new SeenPayment(5, 10, "DECLINED", "1111"),
                new SeenPayment(1_000_000_001L, 10, "PENDING", "2222"),
                new SeenPayment(1_000_000_002L, 10, "FAILED", "3333"),
                new SeenPayment(1_000_000_003L, 10, "SOMETHING_NEW", "4444")));

        assertThat(last4).containsExactly(Map.entry(1L, "1111"));
    }

    @Test
    void ignoresPaymentsOfOrdersItDidNotAskAboutAndPaymentsWithoutACard() {
        Map<Long, String> last4 = LastCards.newest(Map.of(10L, 1L), List.of(
                new SeenPayment(8, 99, "AUTHORIZED", "9999"),
                new SeenPayment(9, 10, "AUTHORIZED", null)));

        assertThat(last4).isEmpty();
    }
}

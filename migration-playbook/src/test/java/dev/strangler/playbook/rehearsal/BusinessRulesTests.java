package dev.strangler.playbook.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.playbook.rehearsal.BusinessRules.Charge;
import dev.strangler.playbook.rehearsal.ShopLedger.Order;
import dev.strangler.playbook.rehearsal.ShopLedger.Payment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule on a consistent shop (0) and with the one defect it guards planted (1 or more). */
class BusinessRulesTests {

    private static final Order PAID = new Order(1, "PAID", new BigDecimal("160.67"));
    private static final Order UNPAID = new Order(2, "AWPY", new BigDecimal("10.00"));
    private static final Order CANCELLED = new Order(3, "CANC", new BigDecimal("5.00"));
    private static final Map<Long, Order> ORDERS = Map.of(1L, PAID, 2L, UNPAID, 3L, CANCELLED);

    private static List<Payment> consistent() {
        return new ArrayList<>(List.of(
                new Payment(11, 1, "CAPTURED", new BigDecimal("160.67")),
                new Payment(12, 2, "DECLINED", new BigDecimal("10.00")),
                new Payment(13, 3, "VOIDED", new BigDecimal("5.00"))));
    }

    private static BusinessRules.Findings check(List<Payment> monolith, List<Payment> service) {
        return BusinessRules.mismatches(new ShopLedger(ORDERS, monolith, service));
    }

    @Test
    void aConsistentShopHasNoMismatch() {
        assertThat(check(consistent(), consistent()).total()).isZero();
    }

    @Test
    void anOrderPaidInTheServiceButAwaitingPaymentInTheShopIsAMismatch() {
        List<Payment> service = consistent();
        service.add(new Payment(1_000_000_001L, 2, "AUTHORIZED", new BigDecimal("10.00")));

        BusinessRules.Findings findings = check(consistent(), service);

        assertThat(findings.total()).isEqualTo(1);
        assertThat(findings.byRule()).containsKey("service: order awaiting payment although a payment holds its money");
        assertThat(findings.sampleOrders()).containsExactly(2L);
    }

    @Test
    void aPaymentForAnotherAmountThanTheOrdersTotalIsAMismatch() {
        List<Payment> service = consistent();
        service.set(0, new Payment(11, 1, "AUTHORIZED", new BigDecimal("1.00")));

        assertThat(check(consistent(), service).byRule())
                .containsEntry("service: payment amount differs from the order's total", 1L);
    }

    @Test
    void aPaymentForAnOrderThatDoesNotExistIsAMismatch() {
        List<Payment> service = consistent();
        service.add(new Payment(1_000_000_002L, 99_999_999L, "AUTHORIZED", new BigDecimal("1.00")));

        assertThat(check(consistent(), service).byRule())
                .containsEntry("service: payment for an order that does not exist", 1L);
    }

    @Test
    void aPaidOrderWithoutMoneyAndACancelledOrderWithMoneyAreMismatches() {
        List<Payment> monolith = consistent();
        monolith.set(0, new Payment(11, 1, "VOIDED", new BigDecimal("160.67")));
        monolith.set(2, new Payment(13, 3, "AUTHORIZED", new BigDecimal("5.00")));

        assertThat(check(monolith, consistent()).byRule())
                .containsEntry("monolith: order PAID without a payment holding its money", 1L)
                .containsEntry("monolith: cancelled order whose money is still held", 1L);
    }

    @Test
    void chargesAreCheckedAgainstTheOrders() {
        List<Charge> charges = List.of(new Charge("order-1", new BigDecimal("160.67")),
                new Charge("order-1", new BigDecimal("1.00")), new Charge("order-99999999", new BigDecimal("1.00")));

        BusinessRules.ChargeFindings findings = BusinessRules.charges(charges, ORDERS);

        assertThat(findings.withoutOrder()).isEqualTo(1);
        assertThat(findings.notEqualToOrderTotal()).isEqualTo(1);
        assertThat(findings.samples()).containsExactly("order-1 (charged 1.00, total 160.67)",
                "order-99999999 (no such order)");
        assertThat(BusinessRules.charges(charges.subList(0, 1), ORDERS).notEqualToOrderTotal()).isZero();
    }
}

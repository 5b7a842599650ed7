package dev.strangler.playbook.rehearsal;

import dev.strangler.playbook.rehearsal.ShopLedger.Order;
import dev.strangler.playbook.rehearsal.ShopLedger.Payment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What must hold between the shop's orders, both sides' payments and the gateway's charges, whatever route moved
 * where. Pure: the rehearsal reads a {@link ShopLedger} and the gateway's journal, these rules count.
 *
 * <ul>
 *   <li>a PAID order has a payment holding its money, on both sides;</li>
 *   <li>an order awaiting payment has none (a payment made in the service must reach the order);</li>
 *   <li>a cancelled order holds no money (voided or refunded);</li>
 *   <li>a payment is for an order that exists, and for its total;</li>
 *   <li>every charge at the gateway is for an order that exists, and for its total.</li>
 * </ul>
 */
public final class BusinessRules {

    /** How many places of each kind broke a rule, and a few order ids to look at. */
    public record Findings(long total, Map<String, Long> byRule, List<Long> sampleOrders) {

        public Map<String, Object> evidence() {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("total", total);
            e.put("by_rule", byRule);
            e.put("sample_order_ids", sampleOrders);
            return e;
        }
    }

    private BusinessRules() {
    }

    /** Orders whose status disagrees with their payments, and payments that disagree with their order. */
    public static Findings mismatches(ShopLedger ledger) {
        Counter counter = new Counter();
        side("monolith", ledger.orders(), ledger.monolithPayments(), counter);
        side("service", ledger.orders(), ledger.servicePayments(), counter);
        return counter.findings();
    }

    private static void side(String name, Map<Long, Order> orders, List<Payment> payments, Counter counter) {
        Map<Long, List<Payment>> byOrder = new HashMap<>();
        for (Payment p : payments) {
            Order order = orders.get(p.orderId());
            if (order == null) {
                counter.add(name + ": payment for an order that does not exist", p.orderId());
                continue;
            }
            byOrder.computeIfAbsent(p.orderId(), k -> new ArrayList<>()).add(p);
            if (p.holdsMoney() && p.amount().compareTo(order.total()) != 0) {
                counter.add(name + ": payment amount differs from the order's total", order.id());
            }
        }
        for (Order order : orders.values()) {
            List<Payment> its = byOrder.getOrDefault(order.id(), List.of());
            boolean money = its.stream().anyMatch(Payment::holdsMoney);
            switch (order.status()) {
                case "PAID" -> {
                    if (!money) {
                        counter.add(name + ": order PAID without a payment holding its money", order.id());
                    }
                }
                case "AWPY" -> {
                    if (money) {
                        counter.add(name + ": order awaiting payment although a payment holds its money", order.id());
                    }
                }
                case "CANC" -> {
                    if (its.stream().anyMatch(Payment::moneyStillHeld)) {
                        counter.add(name + ": cancelled order whose money is still held", order.id());
                    }
                }
                default -> counter.add(name + ": order with an unknown status", order.id());
            }
        }
    }

    /** One charge the gateway granted: the order it names and the amount. */
    public record Charge(String reference, BigDecimal amount) {
    }

    /** The gateway's charges against the orders: charges without an order, charges for another amount. */
    public record ChargeFindings(long withoutOrder, long notEqualToOrderTotal, List<String> samples) {
    }

    public static ChargeFindings charges(List<Charge> charges, Map<Long, Order> orders) {
        long without = 0;
        long wrong = 0;
        TreeSet<String> samples = new TreeSet<>();
        for (Charge c : charges) {
            Order order = orderOf(c.reference(), orders);
            if (order == null) {
                without++;
                samples.add(c.reference() + " (no such order)");
            } else if (c.amount().compareTo(order.total()) != 0) {
                wrong++;
                samples.add(c.reference() + " (charged " + c.amount().toPlainString() + ", total "
                        + order.total().toPlainString() + ")");
            }
        }
        return new ChargeFindings(without, wrong, samples.stream().limit(10).toList());
    }

    private static Order orderOf(String reference, Map<Long, Order> orders) {
        if (!reference.startsWith("order-")) {
            return null;
        }
        try {
            return orders.get(Long.parseLong(reference.substring("order-".length())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final class Counter {
        private final Map<String, Long> byRule = new TreeMap<>();
        private final TreeSet<Long> samples = new TreeSet<>();
        private long total;

        void add(String rule, long orderId) {
            byRule.merge(rule, 1L, Long::sum);
            total++;
            if (samples.size() < 10) {
                samples.add(orderId);
            }
        }

        Findings findings() {
            return new Findings(total, byRule, List.copyOf(samples));
        }
    }
}

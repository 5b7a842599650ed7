package dev.strangler.playbook.rehearsal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shop's orders and both sides' payments, read at one moment, and what a finance team would check first: does
 * every order's status agree with its payments, and did every charge match an order's total? A migration that loses
 * an order's PAID status, charges a wrong amount or charges an order that does not exist is wrong whatever its
 * requests and reconciliations say; {@link BusinessRules} decides, this class only reads.
 *
 * @param orders          every order of the shop: its status code ({@code AWPY}, {@code PAID}, {@code CANC}) and total
 * @param monolithPayments the monolith's payments table (the bridge keeps the service's payments there too)
 * @param servicePayments  the payment service's payments table, amounts in the same decimal form
 */
public record ShopLedger(Map<Long, Order> orders, List<Payment> monolithPayments, List<Payment> servicePayments) {

    /** An order as the shop stores it. */
    public record Order(long id, String status, BigDecimal total) {
    }

    /**
     * A payment of either side, its status as the service names it ({@code AUTHORIZED}, {@code CAPTURED}, ...).
     */
    public record Payment(long id, long orderId, String status, BigDecimal amount) {

        private static final Set<String> HOLDS_MONEY = Set.of("AUTHORIZED", "CAPTURED", "PARTIALLY_REFUNDED",
                "REFUNDED");
        private static final Set<String> MONEY_NOT_GIVEN_BACK = Set.of("AUTHORIZED", "CAPTURED",
                "PARTIALLY_REFUNDED");

        /** The payment took the customer's money (an authorization counts; a full refund still did take it). */
        public boolean holdsMoney() {
            return HOLDS_MONEY.contains(status);
        }

        /** Money that is still held: a cancelled order must have none. */
        public boolean moneyStillHeld() {
            return MONEY_NOT_GIVEN_BACK.contains(status);
        }
    }

    /** The monolith's status codes, as the service names them (the bridge's mapping). */
    private static final Map<String, String> LEGACY_STATUS = Map.of("AUTH", "AUTHORIZED", "CAPT", "CAPTURED",
            "PRFD", "PARTIALLY_REFUNDED", "RFND", "REFUNDED", "DECL", "DECLINED", "VOID", "VOIDED");

    /** Reads both databases of the lab (JDBC URLs as the lab's superuser). */
    public static ShopLedger read(String shopJdbcUrl, String paymentsJdbcUrl) {
        Map<Long, Order> orders = new HashMap<>();
        List<Payment> monolith = new ArrayList<>();
        List<Payment> service = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(shopJdbcUrl); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select id, status, total from orders")) {
                while (rs.next()) {
                    orders.put(rs.getLong(1), new Order(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3)));
                }
            }
            try (ResultSet rs = s.executeQuery("select id, order_id, status, amount from payments")) {
                while (rs.next()) {
                    String code = rs.getString(3);
                    monolith.add(new Payment(rs.getLong(1), rs.getLong(2), LEGACY_STATUS.getOrDefault(code, code),
                            rs.getBigDecimal(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("cannot read the shop's database: " + e.getMessage());
        }
        try (Connection c = DriverManager.getConnection(paymentsJdbcUrl); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id, order_id, status, amount_minor from payments")) {
            while (rs.next()) {
                service.add(new Payment(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        BigDecimal.valueOf(rs.getLong(4), 2)));
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("cannot read the payment service's database: " + e.getMessage());
        }
        return new ShopLedger(Map.copyOf(orders), List.copyOf(monolith), List.copyOf(service));
    }
}

package dev.strangler.legacy.orders.internal;

import static dev.strangler.legacy.db.Tables.CHECKOUT_SAGAS;
import static dev.strangler.legacy.db.Tables.CUSTOMERS;
import static dev.strangler.legacy.db.Tables.INVENTORY;
import static dev.strangler.legacy.db.Tables.ORDERS;
import static dev.strangler.legacy.db.Tables.ORDER_LINES;
import static dev.strangler.legacy.db.Tables.PRODUCTS;

import dev.strangler.legacy.Money;
import dev.strangler.legacy.db.tables.records.OrderLinesRecord;
import dev.strangler.legacy.orders.OrderStatus;
import dev.strangler.legacy.orders.OrderSummary;
import dev.strangler.legacy.orders.OrderView;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The tables behind orders; the order's payment comes from {@link OrderPayments}. */
@Repository
public class JooqOrders {

    private final DSLContext db;

    JooqOrders(DSLContext db) {
        this.db = db;
    }

    /** A product's name, price and currency at checkout time. */
    public record PricedProduct(long id, String name, BigDecimal price, String currency) {
    }

    public boolean customerExists(long customerId) {
        return db.fetchExists(CUSTOMERS, CUSTOMERS.ID.eq(customerId));
    }

    public Map<Long, PricedProduct> products(Collection<Long> ids) {
        return db.select(PRODUCTS.ID, PRODUCTS.NAME, PRODUCTS.PRICE, PRODUCTS.CURRENCY)
                .from(PRODUCTS).where(PRODUCTS.ID.in(ids))
                .fetchMap(PRODUCTS.ID, r -> new PricedProduct(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Takes {@code quantity} off the product's stock; false (and nothing changed) if there is not enough. */
    public boolean takeStock(long productId, int quantity) {
        return db.update(INVENTORY)
                .set(INVENTORY.STOCK, INVENTORY.STOCK.minus(quantity))
                .set(INVENTORY.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(INVENTORY.PRODUCT_ID.eq(productId).and(INVENTORY.STOCK.ge(quantity)))
                .execute() == 1;
    }

    /** Writes the order (awaiting payment) and its lines; returns the order id. */
    public long insert(long customerId, Map<Long, Integer> quantities, Map<Long, PricedProduct> products,
            Instant now) {
        BigDecimal total = quantities.entrySet().stream()
                .map(e -> products.get(e.getKey()).price().multiply(BigDecimal.valueOf(e.getValue())))
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(Money.SCALE);
        String currency = products.values().iterator().next().currency();
        long orderId = db.insertInto(ORDERS)
                .set(ORDERS.CUSTOMER_ID, customerId)
                .set(ORDERS.STATUS, OrderStatus.AWAITING_PAYMENT.code())
                .set(ORDERS.TOTAL, total)
                .set(ORDERS.CURRENCY, currency)
                .set(ORDERS.CREATED_AT, utc(now))
                .set(ORDERS.UPDATED_AT, utc(now))
                .returning(ORDERS.ID)
                .fetchSingle(ORDERS.ID);
        List<OrderLinesRecord> lines = quantities.entrySet().stream().map(e -> {
            PricedProduct p = products.get(e.getKey());
            OrderLinesRecord line = db.newRecord(ORDER_LINES);
            line.setOrderId(orderId);
            line.setProductId(p.id());
            line.setQuantity(e.getValue());
            line.setUnitPrice(p.price());
            line.setLineTotal(p.price().multiply(BigDecimal.valueOf(e.getValue())).setScale(Money.SCALE));
            return line;
        }).toList();
        db.batchInsert(lines).execute();
        return orderId;
    }

    public Optional<OrderView> find(long orderId) {
        return db.selectFrom(ORDERS).where(ORDERS.ID.eq(orderId)).fetchOptional().map(this::view);
    }

    public Optional<OrderView> lock(long orderId) {
        return db.selectFrom(ORDERS).where(ORDERS.ID.eq(orderId)).forUpdate().fetchOptional().map(this::view);
    }

    /** The order and its lines; its payment is {@link OrderPayments}' to add. */
    private OrderView view(Record order) {
        long orderId = order.get(ORDERS.ID);
        List<OrderView.Line> lines = db.select(ORDER_LINES.PRODUCT_ID, PRODUCTS.NAME, ORDER_LINES.QUANTITY,
                        ORDER_LINES.UNIT_PRICE, ORDER_LINES.LINE_TOTAL)
                .from(ORDER_LINES).join(PRODUCTS).on(PRODUCTS.ID.eq(ORDER_LINES.PRODUCT_ID))
                .where(ORDER_LINES.ORDER_ID.eq(orderId))
                .orderBy(ORDER_LINES.ID)
                .fetch(r -> new OrderView.Line(r.value1(), r.value2(), r.value3(), Money.format(r.value4()),
                        Money.format(r.value5())));
        return new OrderView(orderId, order.get(ORDERS.CUSTOMER_ID),
                OrderStatus.fromCode(order.get(ORDERS.STATUS)).name(), Money.format(order.get(ORDERS.TOTAL)),
                order.get(ORDERS.CURRENCY), order.get(ORDERS.CREATED_AT).toInstant().toString(), lines, null);
    }

    /** The orders of these customers, newest first (by id), without lines: one query on the customer index. */
    public List<OrderSummary> ofCustomers(Collection<Long> customerIds) {
        return db.select(ORDERS.ID, ORDERS.CUSTOMER_ID, ORDERS.STATUS, ORDERS.TOTAL, ORDERS.CURRENCY, ORDERS.CREATED_AT)
                .from(ORDERS).where(ORDERS.CUSTOMER_ID.in(customerIds))
                .orderBy(ORDERS.ID.desc())
                .fetch(r -> new OrderSummary(r.value1(), r.value2(), OrderStatus.fromCode(r.value3()).name(),
                        Money.format(r.value4()), r.value5(), r.value6().toInstant().toString()));
    }

    /** Puts the order's quantities back in stock. */
    public void restock(long orderId) {
        Map<Long, Integer> quantities = db.select(ORDER_LINES.PRODUCT_ID, ORDER_LINES.QUANTITY)
                .from(ORDER_LINES).where(ORDER_LINES.ORDER_ID.eq(orderId))
                .fetch().stream()
                .collect(Collectors.toMap(r -> r.value1(), r -> r.value2(), Integer::sum));
        quantities.forEach((productId, quantity) -> db.update(INVENTORY)
                .set(INVENTORY.STOCK, INVENTORY.STOCK.plus(quantity))
                .set(INVENTORY.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(INVENTORY.PRODUCT_ID.eq(productId))
                .execute());
    }

    public void markCancelled(long orderId, Instant now) {
        db.update(ORDERS).set(ORDERS.STATUS, OrderStatus.CANCELLED.code()).set(ORDERS.UPDATED_AT, utc(now))
                .where(ORDERS.ID.eq(orderId)).execute();
    }

    /** An unsettled checkout saga. */
    public record Saga(long orderId, String idempotencyKey, String state) {
    }

    public void startSaga(long orderId, String idempotencyKey, Instant now) {
        db.insertInto(CHECKOUT_SAGAS)
                .set(CHECKOUT_SAGAS.ORDER_ID, orderId)
                .set(CHECKOUT_SAGAS.IDEMPOTENCY_KEY, idempotencyKey)
                .set(CHECKOUT_SAGAS.STATE, "AUTHORIZING")
                .set(CHECKOUT_SAGAS.CREATED_AT, utc(now))
                .set(CHECKOUT_SAGAS.UPDATED_AT, utc(now))
                .execute();
    }

    /** Moves an unsettled saga to {@code state}; false when it was settled meanwhile (recovery and checkout raced). */
    public boolean settleSaga(long orderId, String state, Instant now) {
        return db.update(CHECKOUT_SAGAS)
                .set(CHECKOUT_SAGAS.STATE, state)
                .set(CHECKOUT_SAGAS.UPDATED_AT, utc(now))
                .where(CHECKOUT_SAGAS.ORDER_ID.eq(orderId).and(CHECKOUT_SAGAS.STATE.in("AUTHORIZING", "UNKNOWN")))
                .execute() == 1;
    }

    public void markSagaUnknown(long orderId, Instant now) {
        db.update(CHECKOUT_SAGAS)
                .set(CHECKOUT_SAGAS.STATE, "UNKNOWN")
                .set(CHECKOUT_SAGAS.UPDATED_AT, utc(now))
                .where(CHECKOUT_SAGAS.ORDER_ID.eq(orderId).and(CHECKOUT_SAGAS.STATE.eq("AUTHORIZING")))
                .execute();
    }

    /** Sagas nobody settled, last touched before {@code before}, oldest first. */
    public List<Saga> unsettledSagas(Instant before, int limit) {
        return db.selectFrom(CHECKOUT_SAGAS)
                .where(CHECKOUT_SAGAS.STATE.in("AUTHORIZING", "UNKNOWN").and(CHECKOUT_SAGAS.UPDATED_AT.lt(utc(before))))
                .orderBy(CHECKOUT_SAGAS.UPDATED_AT)
                .limit(limit)
                .fetch(r -> new Saga(r.getOrderId(), r.getIdempotencyKey(), r.getState()));
    }

    /** Confirms an order awaiting payment; false if it is not awaiting payment any more. */
    public boolean markPaid(long orderId, Instant now) {
        return db.update(ORDERS).set(ORDERS.STATUS, OrderStatus.PAID.code()).set(ORDERS.UPDATED_AT, utc(now))
                .where(ORDERS.ID.eq(orderId).and(ORDERS.STATUS.in(OrderStatus.AWAITING_PAYMENT.code(),
                        OrderStatus.PAID.code())))
                .execute() == 1;
    }

    /**
     * The order becomes PAID because a payment that lives elsewhere now holds its money. Only an order awaiting
     * payment moves: a repeated event changes nothing (not even {@code updated_at}), and a cancelled order stays
     * cancelled. True when the order moved.
     */
    public boolean markPaidByPayment(long orderId, Instant now) {
        return db.update(ORDERS).set(ORDERS.STATUS, OrderStatus.PAID.code()).set(ORDERS.UPDATED_AT, utc(now))
                .where(ORDERS.ID.eq(orderId).and(ORDERS.STATUS.eq(OrderStatus.AWAITING_PAYMENT.code())))
                .execute() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package dev.strangler.legacy.orders;

import dev.strangler.legacy.ShopProblem;
import dev.strangler.legacy.orders.internal.JooqOrders;
import dev.strangler.legacy.orders.internal.OrderPayments;
import dev.strangler.legacy.payments.CardNumber;
import dev.strangler.legacy.payments.PaymentProcessing;
import dev.strangler.legacy.payments.PaymentsMode;
import dev.strangler.legacy.Money;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Checkout, lookup and cancellation of orders: the shop's busiest service, and its most tangled one. */
@Service
public class Orders {

    private static final Logger log = LoggerFactory.getLogger(Orders.class);

    private final JooqOrders orders;
    private final OrderPayments orderPayments;
    private final PaymentProcessing payments;
    private final Clock clock;
    private final PaymentsMode mode;
    private final TransactionTemplate tx;

    Orders(JooqOrders orders, OrderPayments orderPayments, PaymentProcessing payments, Clock clock,
            PaymentsMode mode, TransactionTemplate tx) {
        this.orders = orders;
        this.orderPayments = orderPayments;
        this.payments = payments;
        this.clock = clock;
        this.mode = mode;
        this.tx = tx;
    }

    /**
     * Places an order: checks the customer and products, takes the stock, writes the order and its lines and, when a
     * card is given, authorizes the payment. All or nothing: a decline or a gateway failure rolls everything back.
     */
    // TANGLE(step-2): the payment authorization (and its gateway HTTP call) runs inside the checkout's database
    // transaction, so order, stock and payment commit or roll back together. A remote payment service cannot join
    // this transaction: with shop.payments.mode=remote, callers go through place(), which runs checkoutSaga.
    @Transactional
    public OrderView checkout(CheckoutRequest request) {
        return checkoutInOneTransaction(request, card(request));
    }

    /**
     * What the API and the pages call: {@link #checkout} in one transaction, or, when payments are remote and a
     * card is given, the checkout saga ({@link #checkoutSaga}).
     */
    public OrderView place(CheckoutRequest request) {
        CardNumber card = card(request);
        if (card == null || !mode.remote()) {
            return java.util.Objects.requireNonNull(tx.execute(status -> checkoutInOneTransaction(request, card)));
        }
        return checkoutSaga(request, card);
    }

    private static @Nullable CardNumber card(CheckoutRequest request) {
        return request.cardNumber() == null || request.cardNumber().isBlank()
                ? null : CardNumber.parse(request.cardNumber());
    }

    private OrderView checkoutInOneTransaction(CheckoutRequest request, @Nullable CardNumber card) {
        long orderId = placeOrder(request);
        if (card != null) {
            payments.authorize(orderId, card);
        }
        log.info("Order {} placed for customer {} ({} lines, paid: {})", orderId, request.customerId(),
                request.items().size(), card != null);
        if (card == null) {
            // a new order without a card has no payment: asking the payment side would only tie an order that
            // needs no payment to the payment service being up
            return orders.find(orderId).orElseThrow(() -> ShopProblem.notFound("order"));
        }
        return get(orderId);
    }

    /**
     * The checkout saga: (1) one transaction writes the order, awaiting payment, takes the stock and starts the
     * saga; (2) the payment service authorizes with the key {@code checkout-<orderId>}, the same on every retry;
     * (3) the order is confirmed (PAID), or compensated (stock back, CANCELLED) when the answer is a definitive no.
     * When the answer is lost (timeout, the service died mid-call or failed on its side) the order stays awaiting
     * payment and {@code CheckoutRecovery} settles it from what the payment service recorded, once it is reachable
     * again.
     */
    private OrderView checkoutSaga(CheckoutRequest request, CardNumber card) {
        long orderId = java.util.Objects.requireNonNull(tx.execute(status -> {
            long id = placeOrder(request);
            orders.startSaga(id, sagaKey(id), now());
            return id;
        }));
        dev.strangler.legacy.payments.Payment payment;
        try {
            payment = payments.authorize(orderId, card, sagaKey(orderId));
        } catch (ShopProblem problem) {
            if (outcomeUnknown(problem.getStatusCode().value())) {
                orders.markSagaUnknown(orderId, now());
                log.warn("Order {}: payment outcome unknown; recovery will settle it", orderId);
                problem.getBody().setProperty("orderId", orderId);
                throw problem;
            }
            // a definitive no (decline, refused, service unreachable: nothing was charged)
            compensate(orderId);
            throw problem;
        }
        confirm(orderId);
        log.info("Order {} placed for customer {} ({} lines, paid: true, saga)", orderId, request.customerId(),
                request.items().size());
        OrderView view = get(orderId);
        // the payment lives in the service now; the CDC bridge copies it into this database a moment later, so
        // answer with what the service just returned rather than with no payment at all
        return view.payment() != null ? view : view.withPayment(new OrderView.PaymentSummary(payment.id(),
                payment.status().name(), Money.format(payment.amount()), Money.format(payment.capturedAmount()),
                Money.format(payment.refundedAmount()), payment.cardLast4()));
    }

    /**
     * Whether an authorization's failure leaves its outcome open: 504, the answer was lost; 500 or 503, the payment
     * service failed on its own side (a bug, its database), possibly after the gateway authorized. Recovery then
     * settles the order from what the service recorded, instead of cancelling an order whose card may hold money.
     * Every other answer is a definitive no: a decline, a refusal, a service that nothing reached (502).
     */
    static boolean outcomeUnknown(int status) {
        return status == 504 || status == 500 || status == 503;
    }

    /** The idempotency key of an order's payment step: derived from the order, so every retry reuses it. */
    static String sagaKey(long orderId) {
        return "checkout-" + orderId;
    }

    /** Saga step 3a: the payment went through. */
    public void confirm(long orderId) {
        tx.executeWithoutResult(status -> {
            if (orders.settleSaga(orderId, "CONFIRMED", now())) {
                orders.markPaid(orderId, now());
            }
        });
    }

    /** Saga step 3b: no payment; put the stock back and cancel the order. */
    public void compensate(long orderId) {
        tx.executeWithoutResult(status -> {
            if (orders.settleSaga(orderId, "COMPENSATED", now())) {
                orders.restock(orderId);
                orders.markCancelled(orderId, now());
                log.info("Order {} cancelled: its payment did not go through", orderId);
            }
        });
    }

    private long placeOrder(CheckoutRequest request) {
        if (!orders.customerExists(request.customerId())) {
            throw ShopProblem.unprocessable("unknown-customer", "The customer does not exist.");
        }
        Map<Long, Integer> quantities = new LinkedHashMap<>();
        for (CheckoutRequest.Item item : request.items()) {
            quantities.merge(item.productId(), item.quantity(), Integer::sum);
        }
        Map<Long, JooqOrders.PricedProduct> products = orders.products(quantities.keySet());
        if (products.size() != quantities.size()) {
            throw ShopProblem.unprocessable("unknown-product", "At least one product does not exist.");
        }
        for (Map.Entry<Long, Integer> line : quantities.entrySet()) {
            if (!orders.takeStock(line.getKey(), line.getValue())) {
                throw ShopProblem.conflict("out-of-stock", "Not enough stock for product " + line.getKey() + ".");
            }
        }
        return orders.insert(request.customerId(), quantities, products, now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The order with its lines and payment summary, or a 404 problem. An order is still an order while the payment
     * service is down: it is shown with {@code paymentUnavailable} instead of failing (the shop's promise of failure
     * isolation: what does not need a payment keeps working).
     */
    @Transactional(readOnly = true)
    public OrderView get(long orderId) {
        OrderView order = orders.find(orderId).orElseThrow(() -> ShopProblem.notFound("order"));
        try {
            return order.withPayment(orderPayments.latest(orderId));
        } catch (ShopProblem problem) {
            if (!problem.getStatusCode().is5xxServerError()) {
                throw problem;
            }
            log.warn("Order {} shown without its payment: {}", orderId, problem.slug());
            return order.withPaymentUnavailable();
        }
    }

    /** Bounds one lookup of customers' orders (a page of customers is at most 100); callers ask again for more. */
    public static final int MAX_CUSTOMERS_PER_LOOKUP = 100;

    /**
     * The orders of these customers, newest first, without lines or payments. A customer without orders (or an id
     * nobody has) adds nothing. 400 {@code invalid-parameter} when an id is missing or not positive, 400
     * {@code too-many-customers} past {@link #MAX_CUSTOMERS_PER_LOOKUP} ids.
     */
    @Transactional(readOnly = true)
    public java.util.List<OrderSummary> ofCustomers(java.util.List<@Nullable Long> customerIds) {
        if (customerIds.isEmpty() || customerIds.stream().anyMatch(id -> id == null || id < 1)) {
            // "?customerId=" names nobody: answering [] would tell a caller that customer has no orders
            throw ShopProblem.badRequest("invalid-parameter", "Parameter 'customerId' must name customer ids.");
        }
        if (customerIds.size() > MAX_CUSTOMERS_PER_LOOKUP) {
            throw ShopProblem.badRequest("too-many-customers",
                    "At most " + MAX_CUSTOMERS_PER_LOOKUP + " customers per lookup; ask again for the rest.");
        }
        return orders.ofCustomers(new java.util.LinkedHashSet<>(customerIds));
    }

    /**
     * Cancels an order that was not captured yet: puts the stock back and voids an authorized payment. A captured
     * order must be refunded instead (409).
     */
    @Transactional
    public OrderView cancel(long orderId) {
        OrderView order = orders.lock(orderId).orElseThrow(() -> ShopProblem.notFound("order"));
        if (OrderStatus.CANCELLED.name().equals(order.status())) {
            throw ShopProblem.conflict("order-cancelled", "The order is already cancelled.");
        }
        if (!orderPayments.voidAuthorized(orderId, clock.instant())) {
            throw ShopProblem.conflict("order-captured",
                    "The order's payment is already captured; refund it instead of cancelling.");
        }
        orders.restock(orderId);
        orders.markCancelled(orderId, clock.instant());
        log.info("Order {} cancelled", orderId);
        return get(orderId);
    }
}

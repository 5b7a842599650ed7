package dev.strangler.legacy.orders;

import dev.strangler.legacy.ShopProblem;
import dev.strangler.legacy.orders.internal.JooqOrders;
import dev.strangler.legacy.payments.CardNumber;
import dev.strangler.legacy.payments.PaymentProcessing;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Checkout, lookup and cancellation of orders: the shop's busiest service, and its most tangled one. */
@Service
public class Orders {

    private static final Logger log = LoggerFactory.getLogger(Orders.class);

    private final JooqOrders orders;
    private final PaymentProcessing payments;
    private final Clock clock;

    Orders(JooqOrders orders, PaymentProcessing payments, Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.clock = clock;
    }

    /**
     * Places an order: checks the customer and products, takes the stock, writes the order and its lines and, when a
     * card is given, authorizes the payment. All or nothing: a decline or a gateway failure rolls everything back.
     */
    // TANGLE(step-2): the payment authorization (and its gateway HTTP call) runs inside the checkout's database
    // transaction, so order, stock and payment commit or roll back together. A remote payment service cannot join
    // this transaction: extracting payments means a saga or an "awaiting payment" order first.
    @Transactional
    public OrderView checkout(CheckoutRequest request) {
        CardNumber card = request.cardNumber() == null || request.cardNumber().isBlank()
                ? null : CardNumber.parse(request.cardNumber());
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
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long orderId = orders.insert(request.customerId(), quantities, products, now);
        if (card != null) {
            payments.authorize(orderId, card);
        }
        log.info("Order {} placed for customer {} ({} lines, paid: {})", orderId, request.customerId(),
                quantities.size(), card != null);
        return get(orderId);
    }

    /** The order with its lines and payment summary, or a 404 problem. */
    @Transactional(readOnly = true)
    public OrderView get(long orderId) {
        return orders.find(orderId).orElseThrow(() -> ShopProblem.notFound("order"));
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
        if (!orders.voidAuthorizedPayment(orderId, clock.instant())) {
            throw ShopProblem.conflict("order-captured",
                    "The order's payment is already captured; refund it instead of cancelling.");
        }
        orders.restock(orderId);
        orders.markCancelled(orderId, clock.instant());
        log.info("Order {} cancelled", orderId);
        return get(orderId);
    }
}

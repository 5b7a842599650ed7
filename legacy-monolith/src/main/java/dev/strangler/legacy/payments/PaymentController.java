package dev.strangler.legacy.payments;

import dev.strangler.legacy.ShopProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The payment API: the contract the extracted payment service takes over route by route. */
@RestController
@RequestMapping(path = "/api/payments", produces = MediaType.APPLICATION_JSON_VALUE)
class PaymentController {

    private static final Logger log = LoggerFactory.getLogger(PaymentController.class);

    private final PaymentProcessing payments;

    PaymentController(PaymentProcessing payments) {
        this.payments = payments;
    }

    /**
     * Body of {@code POST /api/payments}. Holds a PAN, so {@link #toString()} masks it. {@code amount} and
     * {@code currency} are optional and only checked: the order's total is what is charged.
     */
    record AuthorizePaymentRequest(@NotNull @Positive Long orderId, @NotBlank String cardNumber,
            @Nullable @Positive @Digits(integer = 10, fraction = 2) BigDecimal amount,
            @Nullable @Pattern(regexp = "[A-Z]{3}") String currency) {

        @Nullable StatedAmount stated() {
            return amount == null ? null : new StatedAmount(amount, currency);
        }

        @Override
        public String toString() {
            return "AuthorizePaymentRequest[orderId=" + orderId + ", cardNumber=****, amount=" + amount + "]";
        }
    }

    /** Body of {@code POST /api/payments/{id}/capture}; no amount means the full authorized amount. */
    record CaptureRequest(@Nullable @Positive @Digits(integer = 10, fraction = 2) BigDecimal amount) {
    }

    /** Body of {@code POST /api/payments/{id}/refund}. */
    record RefundRequest(@NotNull @Positive @Digits(integer = 10, fraction = 2) BigDecimal amount) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    PaymentResponse authorize(@Valid @RequestBody AuthorizePaymentRequest request) {
        CardNumber card = CardNumber.parse(request.cardNumber());
        Payment payment = payments.authorize(request.orderId(), card, request.stated());
        log.info("Payment {} authorized for order {}", payment.id(), payment.orderId());
        return PaymentResponse.from(payment);
    }

    @GetMapping("/{id}")
    PaymentResponse get(@PathVariable long id) {
        return PaymentResponse.from(payments.get(id));
    }

    /** Bounds one lookup of orders' payments, as the payment service bounds its own; callers ask again for more. */
    static final int MAX_ORDERS_PER_LOOKUP = 500;

    /**
     * The payments of these orders ({@code ?orderId=1&orderId=2}, at most {@value #MAX_ORDERS_PER_LOOKUP}), newest
     * first: the payment service's lookup, path for path, so that a caller of the shop (the extracted customer
     * service, for a customer's last card) gets its answer whichever side the proxy routes payments to.
     */
    @GetMapping(params = "orderId")
    List<PaymentResponse> ofOrders(@RequestParam List<@Nullable Long> orderId) {
        if (orderId.isEmpty() || orderId.contains(null)) {
            // "?orderId=" names no order: answering [] would tell a caller that order has no payment
            throw ShopProblem.badRequest("invalid-parameter", "Parameter 'orderId' must name an order id.");
        }
        if (orderId.size() > MAX_ORDERS_PER_LOOKUP) {
            throw ShopProblem.badRequest("too-many-orders",
                    "At most " + MAX_ORDERS_PER_LOOKUP + " orders per lookup; ask again for the rest.");
        }
        return payments.paymentsOfOrders(new LinkedHashSet<>(orderId)).stream().map(PaymentResponse::from).toList();
    }

    @PostMapping(path = "/{id}/capture")
    PaymentResponse capture(@PathVariable long id, @Valid @RequestBody(required = false) @Nullable CaptureRequest request) {
        BigDecimal amount = request == null ? null : request.amount();
        Payment payment = payments.capture(id, amount);
        log.info("Payment {} captured", id);
        return PaymentResponse.from(payment);
    }

    @PostMapping(path = "/{id}/refund", consumes = MediaType.APPLICATION_JSON_VALUE)
    PaymentResponse refund(@PathVariable long id, @Valid @RequestBody RefundRequest request) {
        Payment payment = payments.refund(id, request.amount());
        log.info("Payment {} refunded, status {}", id, payment.status());
        return PaymentResponse.from(payment);
    }
}

package dev.strangler.payments.payment;

import dev.strangler.payments.ServiceProblem;
import dev.strangler.payments.idempotency.Idempotency;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The monolith's payment API, path for path. Every POST honours {@code Idempotency-Key} and
 * {@code X-Strangler-Shadow: dry-run}.
 */
@RestController
@RequestMapping(path = "/api/payments", produces = MediaType.APPLICATION_JSON_VALUE)
class PaymentController {

    static final String SHADOW = "X-Strangler-Shadow";

    private final PaymentService payments;

    PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    /**
     * Body of {@code POST /api/payments}. Holds a PAN, so {@link #toString()} masks it. {@code amount} and
     * {@code currency} are this service's additions, checked, never trusted: the order's total is always what is
     * charged, and a stated amount that differs from it is a 422 {@code amount-mismatch}.
     */
    record AuthorizePaymentRequest(
            @NotNull @Positive Long orderId,
            @NotBlank String cardNumber,
            @Nullable @Positive @Digits(integer = 10, fraction = 2) BigDecimal amount,
            @Nullable @Pattern(regexp = "[A-Z]{3}") String currency) {

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
    ResponseEntity<String> authorize(@Valid @RequestBody AuthorizePaymentRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
            @RequestHeader(name = SHADOW, required = false) @Nullable String shadow, HttpServletRequest http) {
        Idempotency.Reply reply = payments.authorize(new AuthorizePayment(request.orderId(), request.cardNumber(),
                request.amount(), request.currency()), mode(key, shadow, http));
        return respond(reply);
    }

    @GetMapping("/{id}")
    PaymentResponse get(@PathVariable long id) {
        return payments.get(id);
    }

    /**
     * Not in the monolith: what became of an order's payment (the checkout saga's recovery), or of several orders'
     * ({@code ?orderId=1&orderId=2}, at most 500: the decommissioned monolith's order views and reports).
     */
    @GetMapping(params = "orderId")
    List<PaymentResponse> forOrder(@RequestParam List<@Nullable Long> orderId) {
        if (orderId.isEmpty() || orderId.contains(null)) {
            // "?orderId=" names no order: answering [] would tell a caller that order has no payment
            throw ServiceProblem.badRequest("invalid-parameter", "Parameter 'orderId' must name an order id.");
        }
        return orderId.size() == 1 ? payments.forOrder(orderId.getFirst()) : payments.forOrders(orderId);
    }

    @PostMapping(path = "/{id}/capture")
    ResponseEntity<String> capture(@PathVariable long id,
            @Valid @RequestBody(required = false) @Nullable CaptureRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
            @RequestHeader(name = SHADOW, required = false) @Nullable String shadow, HttpServletRequest http) {
        BigDecimal amount = request == null ? null : request.amount();
        return respond(payments.capture(id, amount, mode(key, shadow, http)));
    }

    @PostMapping(path = "/{id}/refund", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> refund(@PathVariable long id, @Valid @RequestBody RefundRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
            @RequestHeader(name = SHADOW, required = false) @Nullable String shadow, HttpServletRequest http) {
        return respond(payments.refund(id, request.amount(), mode(key, shadow, http)));
    }

    /** Not in the monolith, whose order cancellation voided in its tables and never told the gateway (TANGLE 3). */
    @PostMapping(path = "/{id}/void")
    ResponseEntity<String> voidPayment(@PathVariable long id,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
            @RequestHeader(name = SHADOW, required = false) @Nullable String shadow, HttpServletRequest http) {
        return respond(payments.voidPayment(id, mode(key, shadow, http)));
    }

    private static PaymentService.Mode mode(@Nullable String key, @Nullable String shadow, HttpServletRequest http) {
        boolean dryRun = false;
        if (shadow != null) {
            if (!"dry-run".equalsIgnoreCase(shadow.trim())) {
                throw ServiceProblem.badRequest("invalid-shadow-mode", "X-Strangler-Shadow accepts only 'dry-run'.");
            }
            dryRun = true;
        }
        return new PaymentService.Mode(key, dryRun, http.getRequestURI());
    }

    private static ResponseEntity<String> respond(Idempotency.Reply reply) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(reply.status())
                .contentType(MediaType.parseMediaType(reply.contentType()));
        return builder.body(reply.body());
    }
}

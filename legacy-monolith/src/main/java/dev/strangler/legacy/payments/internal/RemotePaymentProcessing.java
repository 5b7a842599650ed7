package dev.strangler.legacy.payments.internal;

import dev.strangler.legacy.Money;
import dev.strangler.legacy.ShopProblem;
import dev.strangler.legacy.payments.CardNumber;
import dev.strangler.legacy.payments.Payment;
import dev.strangler.legacy.payments.PaymentProcessing;
import dev.strangler.legacy.payments.PaymentStatus;
import dev.strangler.legacy.payments.PaymentsProperties;
import dev.strangler.legacy.payments.StatedAmount;
import dev.strangler.support.http.OutgoingHttp;
import dev.strangler.support.settings.MissingSetting;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Payments done by the extracted payment service, over its HTTP API (the same contract as the monolith's own
 * endpoints). Every call carries an {@code Idempotency-Key}; a call that could not reach the service is retried with
 * the same key, so a retry never charges twice. The service's problems are passed on unchanged (same status, same
 * type); a service that cannot be reached is a 502 {@code payment-service-unavailable}, one that went silent mid-call
 * a 504 {@code payment-service-timeout} (the outcome is unknown: the checkout saga's recovery finds it out). Every
 * attempt is a client span of the checkout's trace, so the service continues the same trace.
 */
@Service
class RemotePaymentProcessing implements PaymentProcessing {

    private static final Logger log = LoggerFactory.getLogger(RemotePaymentProcessing.class);

    private final PaymentsProperties properties;
    private final JooqPayableOrders orders;
    /** The monolith's own payment rows; the decommissioned monolith has none (and no such class). */
    private final @Nullable LegacyPaymentRows legacyRows;
    private final ObjectMapper json;
    private final Clock clock;
    private final OutgoingHttp http;

    RemotePaymentProcessing(PaymentsProperties properties, JooqPayableOrders orders,
            ObjectProvider<LegacyPaymentRows> legacyRows, ObjectMapper json, Clock clock, RestClient.Builder restClients) {
        this.properties = properties;
        this.orders = orders;
        this.legacyRows = legacyRows.getIfAvailable();
        this.json = json;
        this.clock = clock;
        this.http = new OutgoingHttp(restClients, properties.remoteConnectTimeout(), properties.remoteReadTimeout());
        log.info("Payments run remotely at {}", properties.remoteBaseUrl());
    }

    @Override
    public Payment authorize(long orderId, CardNumber card, @Nullable StatedAmount stated) {
        return authorize(orderId, card, stated, UUID.randomUUID().toString());
    }

    @Override
    public Payment authorize(long orderId, CardNumber card, String idempotencyKey) {
        return authorize(orderId, card, null, idempotencyKey);
    }

    private Payment authorize(long orderId, CardNumber card, @Nullable StatedAmount stated, String idempotencyKey) {
        // TANGLE(step-8): the order's total and status still come from the shared orders table; the service is
        // told the amount so that it needs no orders table of its own.
        JooqPayableOrders.PayableOrder order = orders.findOrder(orderId).orElseThrow(JooqPayableOrders::unknownOrder);
        if ("CANC".equals(order.status())) {
            throw ShopProblem.conflict("order-not-payable", "The order is cancelled and cannot be paid.");
        }
        if ("PAID".equals(order.status()) || (legacyRows != null && legacyRows.hasLivePayment(orderId))) {
            throw ShopProblem.conflict("order-already-paid", "The order is already paid.");
        }
        StatedAmount.requireTotal(stated, order.total(), order.currency());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", orderId);
        body.put("cardNumber", card.digits());
        body.put("amount", Money.format(order.total()));
        body.put("currency", order.currency());
        Payment payment = toPayment(call("POST", "/api/payments", body, idempotencyKey, 201));
        orders.markOrderPaid(orderId, clock.instant());
        return payment;
    }

    @Override
    public Payment get(long paymentId) {
        return toPayment(call("GET", "/api/payments/" + paymentId, null, null, 200));
    }

    @Override
    public Payment capture(long paymentId, @Nullable BigDecimal amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (amount != null) {
            body.put("amount", Money.format(Money.normalize(amount)));
        }
        return toPayment(call("POST", "/api/payments/" + paymentId + "/capture", body,
                UUID.randomUUID().toString(), 200));
    }

    @Override
    public Payment refund(long paymentId, BigDecimal amount) {
        return toPayment(call("POST", "/api/payments/" + paymentId + "/refund",
                Map.of("amount", Money.format(Money.normalize(amount))), UUID.randomUUID().toString(), 200));
    }

    @Override
    public List<PaymentState> paymentsOf(long orderId) {
        List<PaymentState> states = new ArrayList<>(legacyRows == null ? List.of() : legacyRows.ofOrder(orderId));
        for (JsonNode p : call("GET", "/api/payments?orderId=" + orderId, null, null, 200)) {
            states.add(new PaymentState(p.get("id").asLong(), p.get("status").asString()));
        }
        return states;
    }

    @Override
    public Payment voidPayment(long paymentId) {
        return toPayment(call("POST", "/api/payments/" + paymentId + "/void", Map.of(), UUID.randomUUID().toString(),
                200));
    }

    /** Asks in batches: the service answers for at most {@value #ORDERS_PER_LOOKUP} orders at a time. */
    @Override
    public List<Payment> paymentsOfOrders(java.util.Collection<Long> orderIds) {
        List<Long> ids = List.copyOf(new java.util.LinkedHashSet<>(orderIds));
        List<Payment> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += ORDERS_PER_LOOKUP) {
            StringBuilder query = new StringBuilder("/api/payments?");
            for (Long id : ids.subList(from, Math.min(ids.size(), from + ORDERS_PER_LOOKUP))) {
                query.append(query.charAt(query.length() - 1) == '?' ? "" : "&").append("orderId=").append(id);
            }
            for (JsonNode p : call("GET", query.toString(), null, null, 200)) {
                if (KNOWN_STATUSES.contains(p.path("status").asString(""))) {
                    found.add(toPayment(p)); // PENDING and FAILED hold no money and have no place on a page
                }
            }
        }
        found.sort(java.util.Comparator.comparingLong(Payment::id).reversed());
        return found;
    }

    static final int ORDERS_PER_LOOKUP = 500;

    private static final java.util.Set<String> KNOWN_STATUSES = java.util.Arrays.stream(PaymentStatus.values())
            .map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private JsonNode call(String method, String path, @Nullable Map<String, Object> body,
            @Nullable String idempotencyKey, int expected) {
        @Nullable String requestBody = body == null ? null : json.writeValueAsString(body);
        Map<String, String> headers = new LinkedHashMap<>();
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        String correlation = MDC.get("correlationId");
        if (correlation != null) {
            // the caller's correlation id, so the service's log lines of this checkout carry it too
            headers.put("X-Correlation-Id", correlation);
        }
        boolean mayHaveArrived = false;
        for (int attempt = 1; ; attempt++) {
            try {
                OutgoingHttp.Reply response = http.send(HttpMethod.valueOf(method), resolve(path), headers,
                        requestBody);
                if (response.status() == expected) {
                    return json.readTree(response.body());
                }
                throw passOn(response);
            } catch (ConnectException | HttpConnectTimeoutException e) {
                // nothing reached the service
            } catch (HttpTimeoutException e) {
                log.warn("Payment service did not answer {} {} within {}", method, pathOnly(path),
                        properties.remoteReadTimeout());
                throw unknownOutcome();
            } catch (IOException e) {
                // the connection broke: the request may have been processed; retrying with the same key is safe
                mayHaveArrived = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unknownOutcome();
            }
            if (attempt >= properties.remoteAttempts() || (mayHaveArrived && idempotencyKey == null)) {
                log.warn("Payment service unreachable for {} {} after {} attempts", method, pathOnly(path), attempt);
                throw mayHaveArrived ? unknownOutcome() : unavailable();
            }
            LockSupport.parkNanos(200_000_000L * attempt);
        }
    }

    /** The service's own problem, unchanged, so that callers see the same contract in both modes. */
    private ShopProblem passOn(OutgoingHttp.Reply response) {
        HttpStatus status = HttpStatus.resolve(response.status());
        try {
            JsonNode problem = json.readTree(response.body());
            String type = problem.path("type").asString("");
            String slug = type.startsWith("/problems/") ? type.substring("/problems/".length()) : "payment-service-error";
            return new ShopProblem(status == null ? HttpStatus.BAD_GATEWAY : status, slug,
                    problem.path("title").asString("Payment service error"),
                    problem.path("detail").asString("The payment service refused the request."));
        } catch (RuntimeException e) {
            log.warn("Payment service answered {} without a problem body", response.status());
            return new ShopProblem(HttpStatus.BAD_GATEWAY, "payment-service-error", "Payment service error",
                    "The payment service failed. Try again later.");
        }
    }

    private static ShopProblem unavailable() {
        return new ShopProblem(HttpStatus.BAD_GATEWAY, "payment-service-unavailable", "Payment service unavailable",
                "The payment service could not be reached. Nothing was charged; try again later.");
    }

    private static ShopProblem unknownOutcome() {
        return new ShopProblem(HttpStatus.GATEWAY_TIMEOUT, "payment-service-timeout", "Payment service timeout",
                "The payment service did not answer in time; the outcome is being checked.");
    }

    private static String pathOnly(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private URI resolve(String path) {
        if (properties.remoteBaseUrl() == null) {
            throw new MissingSetting("shop.payments.remote-base-url", "is not set: the payment service's base URL");
        }
        String base = properties.remoteBaseUrl().toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }

    private static Payment toPayment(JsonNode p) {
        String pspReference = p.path("pspReference").isNull() ? null : p.path("pspReference").asString();
        return new Payment(p.get("id").asLong(), p.get("orderId").asLong(), status(p.get("status").asString()),
                new BigDecimal(p.get("amount").asString()), p.get("currency").asString(), p.get("cardLast4").asString(),
                new BigDecimal(p.get("capturedAmount").asString()), new BigDecimal(p.get("refundedAmount").asString()),
                pspReference, Instant.parse(p.get("createdAt").asString()), Instant.parse(p.get("updatedAt").asString()));
    }

    private static PaymentStatus status(String name) {
        try {
            return PaymentStatus.valueOf(name);
        } catch (IllegalArgumentException e) {
            // PENDING and FAILED exist only in the service; the monolith's API never returns them
            throw new ShopProblem(HttpStatus.GATEWAY_TIMEOUT, "payment-service-timeout", "Payment service timeout",
                    "The payment is not settled yet; the outcome is being checked.");
        }
    }
}

package dev.strangler.payments.payment.internal;

import dev.strangler.payments.ServiceProblem;
import dev.strangler.payments.payment.OrderTotals;
import dev.strangler.payments.payment.OrdersProperties;
import dev.strangler.payments.payment.domain.Money;
import dev.strangler.support.http.OutgoingHttp;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Asks the monolith's public order API for a total. This keeps the contract's {@code {orderId, cardNumber}} body
 * working for callers the proxy routes here; the monolith's own {@code remote} payment mode sends the amount and
 * never needs this call. The lookup is a client span of the request's trace.
 */
@Component
class MonolithOrderTotals implements OrderTotals {

    private static final Logger log = LoggerFactory.getLogger(MonolithOrderTotals.class);

    private final OrdersProperties properties;
    private final ObjectMapper json;
    private final OutgoingHttp http;

    MonolithOrderTotals(OrdersProperties properties, ObjectMapper json, RestClient.Builder restClients) {
        this.properties = properties;
        this.json = json;
        this.http = new OutgoingHttp(restClients, properties.timeout(), properties.timeout());
    }

    @Override
    public Money totalOf(long orderId) {
        String base = properties.baseUrl();
        if (base == null || base.isBlank()) {
            throw ServiceProblem.unprocessable("amount-required",
                    "This service has no order lookup configured; send 'amount' and 'currency'.");
        }
        URI uri = URI.create(base.replaceAll("/$", "") + "/api/orders/" + orderId);
        OutgoingHttp.Reply response;
        try {
            response = http.send(HttpMethod.GET, uri, Map.of(), null);
        } catch (IOException e) {
            log.warn("Order lookup failed: {}", e.getClass().getSimpleName());
            throw orderLookupFailed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw orderLookupFailed();
        }
        if (response.status() == 404) {
            throw ServiceProblem.unprocessable("unknown-order", "The order does not exist.");
        }
        if (response.status() != 200) {
            log.warn("Order lookup answered {}", response.status());
            throw orderLookupFailed();
        }
        JsonNode order = json.readTree(response.body());
        if ("CANCELLED".equals(order.path("status").asString())) {
            throw ServiceProblem.conflict("order-not-payable", "The order is cancelled and cannot be paid.");
        }
        return Money.of(new java.math.BigDecimal(order.path("total").asString()), order.path("currency").asString());
    }

    private static ServiceProblem orderLookupFailed() {
        return new ServiceProblem(HttpStatus.BAD_GATEWAY, "order-lookup-failed", "Order lookup failed",
                "The order's total could not be read from the shop; send 'amount' or try again later.");
    }
}

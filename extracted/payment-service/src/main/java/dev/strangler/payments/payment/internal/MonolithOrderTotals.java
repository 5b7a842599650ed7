package dev.strangler.payments.payment.internal;

import dev.strangler.payments.ServiceProblem;
import dev.strangler.payments.payment.OrderTotals;
import dev.strangler.payments.payment.OrdersProperties;
import dev.strangler.payments.payment.domain.Money;
import dev.strangler.support.http.OutgoingHttp;
import java.io.IOException;
import java.math.BigDecimal;
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
 * Asks the shop's public order API for an order's total and status, on every authorization: the contract's
 * {@code {orderId, cardNumber}} body carries no amount, and an amount a caller does send (the monolith's
 * {@code remote} mode does) is only checked against this one. The lookup is a client span of the request's trace.
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
            throw new ServiceProblem(HttpStatus.NOT_FOUND, "unknown-order", "Unknown order", "The order does not exist.");
        }
        if (response.status() != 200) {
            log.warn("Order lookup answered {}", response.status());
            throw orderLookupFailed();
        }
        JsonNode order = json.readTree(response.body());
        switch (order.path("status").asString("")) {
            case "CANCELLED" -> throw ServiceProblem.conflict("order-not-payable",
                    "The order is cancelled and cannot be paid.");
            case "PAID" -> throw ServiceProblem.conflict("order-already-paid", "The order is already paid.");
            default -> { }
        }
        return Money.of(new BigDecimal(order.path("total").asString()), order.path("currency").asString());
    }

    private static ServiceProblem orderLookupFailed() {
        return new ServiceProblem(HttpStatus.BAD_GATEWAY, "order-lookup-failed", "Order lookup failed",
                "The order's total could not be read from the shop; send 'amount' or try again later.");
    }
}

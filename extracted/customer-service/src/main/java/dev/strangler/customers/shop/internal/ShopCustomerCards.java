package dev.strangler.customers.shop.internal;

import dev.strangler.customers.shop.CustomerCards;
import dev.strangler.customers.shop.ShopProperties;
import dev.strangler.customers.shop.ShopUnavailable;
import dev.strangler.support.http.OutgoingHttp;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.MDC;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Asks the shop, through its public API, for the customers' orders ({@code GET /api/orders?customerId=}) and then for
 * those orders' payments ({@code GET /api/payments?orderId=}, the lookup both the monolith and the payment service
 * serve), in as few calls as the lookups' bounds allow. Each call is a client span of the request's trace and
 * carries the caller's correlation id. The answers hold last four digits, never a card number.
 */
@Component
class ShopCustomerCards implements CustomerCards {

    /** The monolith's bound on one orders lookup (a page of customers is at most this). */
    static final int CUSTOMERS_PER_LOOKUP = 100;
    /** The bound of the payments lookup, in the monolith and the payment service alike. */
    static final int ORDERS_PER_LOOKUP = 500;

    private final URI base;
    private final ObjectMapper json;
    private final OutgoingHttp http;

    ShopCustomerCards(ShopProperties properties, ObjectMapper json, RestClient.Builder restClients) {
        this.base = URI.create(properties.baseUrl().replaceAll("/+$", "") + "/");
        this.json = json;
        this.http = new OutgoingHttp(restClients, properties.connectTimeout(), properties.readTimeout());
    }

    @Override
    public Map<Long, String> lastCardLast4(Collection<Long> customerIds) {
        Map<Long, Long> customerOfOrder = new HashMap<>();
        lookUp("api/orders", "customerId", customerIds, CUSTOMERS_PER_LOOKUP,
                order -> customerOfOrder.put(id(order, "id"), id(order, "customerId")));
        if (customerOfOrder.isEmpty()) {
            return Map.of(); // nobody here ever ordered: no payment to ask about
        }
        List<LastCards.SeenPayment> payments = new ArrayList<>();
        lookUp("api/payments", "orderId", customerOfOrder.keySet(), ORDERS_PER_LOOKUP,
                payment -> payments.add(new LastCards.SeenPayment(id(payment, "id"), id(payment, "orderId"),
                        payment.path("status").asString(""),
                        payment.path("cardLast4").isString() ? payment.path("cardLast4").asString() : null)));
        return LastCards.newest(customerOfOrder, payments);
    }

    /** {@code GET path?name=a&name=b...} in chunks of {@code perCall} ids, every element of every answer to {@code each}. */
    private void lookUp(String path, String name, Collection<Long> ids, int perCall, Consumer<JsonNode> each) {
        List<Long> distinct = List.copyOf(new LinkedHashSet<>(ids));
        for (int from = 0; from < distinct.size(); from += perCall) {
            StringBuilder query = new StringBuilder(path).append('?');
            for (Long id : distinct.subList(from, Math.min(distinct.size(), from + perCall))) {
                query.append(query.charAt(query.length() - 1) == '?' ? "" : "&").append(name).append('=').append(id);
            }
            JsonNode answer = get(base.resolve(query.toString()), path);
            if (!answer.isArray()) {
                throw new ShopUnavailable("GET /" + path + " answered something other than a list");
            }
            answer.forEach(each);
        }
    }

    private static long id(JsonNode element, String field) {
        JsonNode value = element.path(field);
        if (!value.isIntegralNumber()) {
            throw new ShopUnavailable("a lookup's answer has an element without '" + field + "'");
        }
        return value.longValue();
    }

    private JsonNode get(URI uri, String path) {
        Map<String, String> headers = new HashMap<>();
        String correlation = MDC.get("correlationId");
        if (correlation != null) {
            headers.put("X-Correlation-Id", correlation); // the shop's log lines of this read carry it too
        }
        OutgoingHttp.Reply reply;
        try {
            reply = http.send(HttpMethod.GET, uri, headers, null);
        } catch (IOException e) {
            throw new ShopUnavailable("GET /" + path + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopUnavailable("GET /" + path + " was interrupted");
        }
        if (reply.status() != 200) {
            throw new ShopUnavailable("GET /" + path + " answered " + reply.status());
        }
        try {
            return json.readTree(reply.body());
        } catch (JacksonException e) {
            throw new ShopUnavailable("GET /" + path + " answered something other than JSON");
        }
    }
}

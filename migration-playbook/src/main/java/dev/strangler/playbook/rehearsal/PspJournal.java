package dev.strangler.playbook.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fake payment gateway's journal (WireMock's {@code /__admin/requests}), read for charges: every authorization it
 * granted (201) since a moment, grouped by the order it was for ({@code "reference": "order-N"}).
 *
 * <p>A charge counts once per {@code Idempotency-Key}: a real gateway answers a repeated key with the first
 * authorization instead of charging again, and both the monolith and the service send one (the fake records each
 * call, so without this a legitimate retry would look like a second charge). An order authorized under two different
 * keys was charged twice.
 */
public final class PspJournal {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the journal shows since the moment asked for. */
    public record Charges(long authorizationsGranted, long ordersCharged, long duplicateCharges,
                          Map<String, Integer> duplicatesByOrder, List<BusinessRules.Charge> charges) {
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public PspJournal(URI base) {
        this.base = base;
    }

    public Charges chargesSince(Instant since) {
        JsonNode journal = read();
        Map<String, Set<String>> keysByOrder = new HashMap<>();
        Map<String, BusinessRules.Charge> byKey = new LinkedHashMap<>();
        long granted = 0;
        int anonymous = 0;
        for (JsonNode event : journal.path("requests")) {
            JsonNode request = event.path("request");
            if (!"POST".equals(request.path("method").asText()) || !"/v1/authorizations".equals(request.path("url").asText())
                    || event.path("response").path("status").asInt() != 201) {
                continue;
            }
            Instant at = Instant.ofEpochMilli(request.path("loggedDate").asLong());
            if (at.isBefore(since)) {
                continue;
            }
            granted++;
            String body = request.path("body").asText("");
            String order = reference(body);
            String key = header(request.path("headers"), "Idempotency-Key");
            String charge = key == null ? "no-key-" + anonymous++ : key;
            keysByOrder.computeIfAbsent(order, o -> new HashSet<>()).add(charge);
            byKey.putIfAbsent(order + "|" + charge, new BusinessRules.Charge(order, amount(body)));
        }
        Map<String, Integer> duplicates = new HashMap<>();
        long duplicateCharges = 0;
        for (Map.Entry<String, Set<String>> e : keysByOrder.entrySet()) {
            if (e.getValue().size() > 1) {
                duplicates.put(e.getKey(), e.getValue().size());
                duplicateCharges += e.getValue().size() - 1;
            }
        }
        return new Charges(granted, keysByOrder.size(), duplicateCharges, duplicates, List.copyOf(byKey.values()));
    }

    private JsonNode read() {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/__admin/requests")).timeout(Duration.ofMinutes(1))
                .header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalArgumentException("the payment gateway's journal answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("the payment gateway at " + base + " is not reachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted");
        }
    }

    /** The {@code reference} of an authorization body, without keeping anything else of it (it holds a card). */
    static String reference(String body) {
        try {
            return JSON.readTree(body).path("reference").asText("unknown");
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /** The {@code amount} of an authorization body ({@code "12.50"}); -1 when it cannot be read, never a match. */
    static java.math.BigDecimal amount(String body) {
        try {
            return new java.math.BigDecimal(JSON.readTree(body).path("amount").asText("-1"));
        } catch (IOException | NumberFormatException e) {
            return java.math.BigDecimal.ONE.negate();
        }
    }

    private static @org.jspecify.annotations.Nullable String header(JsonNode headers, String name) {
        var names = headers.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (n.equalsIgnoreCase(name)) {
                JsonNode v = headers.path(n);
                return v.isArray() ? v.path(0).asText() : v.asText();
            }
        }
        return null;
    }
}

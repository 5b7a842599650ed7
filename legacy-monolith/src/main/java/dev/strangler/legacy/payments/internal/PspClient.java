package dev.strangler.legacy.payments.internal;

import dev.strangler.legacy.Money;
import dev.strangler.legacy.ShopProblem;
import dev.strangler.legacy.payments.CardNumber;
import dev.strangler.legacy.payments.PspProperties;
import dev.strangler.support.http.OutgoingHttp;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The payment gateway over HTTP ({@code /v1/authorizations}). Every failure becomes a problem the caller can act on:
 * 402 decline, 502 gateway error, 504 gateway too slow. Request bodies are never logged: they hold the PAN. Each
 * call is a client span of the checkout's trace.
 */
@Component
public class PspClient {

    private static final Logger log = LoggerFactory.getLogger(PspClient.class);

    private final PspProperties properties;
    private final ObjectMapper json;
    private final OutgoingHttp http;

    PspClient(PspProperties properties, ObjectMapper json, RestClient.Builder restClients) {
        this.properties = properties;
        this.json = json;
        this.http = new OutgoingHttp(restClients, properties.connectTimeout(), properties.readTimeout());
    }

    /** Authorizes {@code amount} on {@code card}; returns the gateway's authorization id. */
    public String authorize(long orderId, BigDecimal amount, String currency, CardNumber card) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("amount", Money.format(amount));
        body.put("currency", currency);
        body.put("card_number", card.digits());
        body.put("reference", "order-" + orderId);
        OutgoingHttp.Reply response = post("/v1/authorizations", body, UUID.randomUUID().toString());
        if (response.status() == 402) {
            log.info("Gateway declined the card for order {}", orderId);
            throw ShopProblem.cardDeclined();
        }
        if (response.status() != 201) {
            log.warn("Gateway answered {} to the authorization of order {}", response.status(), orderId);
            throw ShopProblem.pspUnavailable();
        }
        JsonNode id = json.readTree(response.body()).get("id");
        if (id == null || !id.isString()) {
            log.warn("Gateway answered without an authorization id for order {}", orderId);
            throw ShopProblem.pspUnavailable();
        }
        return id.asString();
    }

    /** Captures {@code amount} of authorization {@code pspReference}. */
    public void capture(String pspReference, BigDecimal amount) {
        expect(200, post("/v1/authorizations/" + pspReference + "/capture",
                Map.of("amount", Money.format(amount)), UUID.randomUUID().toString()), "capture");
    }

    /** Releases authorization {@code pspReference}, nothing of which was captured. */
    public void voidAuthorization(String pspReference) {
        expect(200, post("/v1/authorizations/" + pspReference + "/void", Map.of(), UUID.randomUUID().toString()),
                "void");
    }

    /** Refunds {@code amount} of authorization {@code pspReference}. */
    public void refund(String pspReference, BigDecimal amount) {
        expect(201, post("/v1/authorizations/" + pspReference + "/refunds",
                Map.of("amount", Money.format(amount)), UUID.randomUUID().toString()), "refund");
    }

    private static void expect(int status, OutgoingHttp.Reply response, String what) {
        if (response.status() != status) {
            log.warn("Gateway answered {} to a {}", response.status(), what);
            throw ShopProblem.pspUnavailable();
        }
    }

    private OutgoingHttp.Reply post(String path, Map<String, String> body, String idempotencyKey) {
        try {
            return http.send(HttpMethod.POST, resolve(path), Map.of("Idempotency-Key", idempotencyKey),
                    json.writeValueAsString(body));
        } catch (HttpConnectTimeoutException e) {
            log.warn("Gateway connection timed out ({})", path.startsWith("/v1/authorizations/") ? "follow-up" : "authorize");
            throw ShopProblem.pspUnavailable();
        } catch (HttpTimeoutException e) {
            log.warn("Gateway did not answer within {}", properties.readTimeout());
            throw ShopProblem.pspTimeout();
        } catch (IOException e) {
            log.warn("Gateway unreachable: {}", e.getClass().getSimpleName());
            throw ShopProblem.pspUnavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ShopProblem.pspUnavailable();
        }
    }

    private URI resolve(String path) {
        String base = properties.baseUrl().toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }
}

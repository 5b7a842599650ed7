package dev.strangler.payments.psp;

import dev.strangler.payments.payment.domain.Money;
import dev.strangler.payments.psp.internal.PspCircuit;
import dev.strangler.payments.vault.CardNumber;
import dev.strangler.payments.vault.Vault;
import dev.strangler.support.http.OutgoingHttp;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The gateway over HTTP ({@code /v1/authorizations}). Every call carries an {@code Idempotency-Key} derived from
 * our payment, so a retried or reconciled call is the same call to a gateway that honours the header. We retry on
 * our own only when the connection could not be opened, because then nothing was sent. Request bodies are never
 * logged: the authorization body holds the PAN. Each call is a client span of the request's trace (the span's
 * tags are method, status and host: never the body).
 */
@Component
public class PspClient {

    private static final Logger log = LoggerFactory.getLogger(PspClient.class);

    private final PspProperties properties;
    private final Vault vault;
    private final ObjectMapper json;
    private final CircuitBreaker circuit;
    private final OutgoingHttp http;

    PspClient(PspProperties properties, Vault vault, ObjectMapper json, PspCircuit circuit,
            RestClient.Builder restClients) {
        this.properties = properties;
        this.vault = vault;
        this.json = json;
        this.circuit = circuit.breaker();
        this.http = new OutgoingHttp(restClients, properties.connectTimeout(), properties.readTimeout());
    }

    /** Authorizes {@code amount} on the card behind {@code cardToken} (read back from the vault). */
    public PspResult authorize(String cardToken, Money amount, String reference, String idempotencyKey) {
        CardNumber card = vault.reveal(cardToken).orElse(null);
        if (card == null) {
            log.error("No vault entry for the token of {}", reference);
            return new PspResult.Failed("card not in vault");
        }
        return authorize(card, amount, reference, idempotencyKey);
    }

    /**
     * Authorizes {@code amount} on the card a caller has just given and the vault has just tokenized: the PAN is
     * still in hand, so there is no vault read (and no decryption) on the request path.
     */
    public PspResult authorizeCardInHand(String rawCardNumber, Money amount, String reference,
            String idempotencyKey) {
        CardNumber card = CardNumber.parseOrNull(rawCardNumber);
        if (card == null) {
            return new PspResult.Failed("not a card number");
        }
        return authorize(card, amount, reference, idempotencyKey);
    }

    private PspResult authorize(CardNumber card, Money amount, String reference, String idempotencyKey) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("amount", amount.format());
        body.put("currency", amount.currency());
        body.put("card_number", card.digits());
        body.put("reference", reference);
        return call("/v1/authorizations", body, idempotencyKey, 201);
    }

    /** Captures {@code amount} of authorization {@code pspReference}. */
    public PspResult capture(String pspReference, Money amount, String idempotencyKey) {
        return call("/v1/authorizations/" + pspReference + "/capture", Map.of("amount", amount.format()),
                idempotencyKey, 200);
    }

    /** Releases authorization {@code pspReference}, nothing of which was captured. */
    public PspResult voidAuthorization(String pspReference, String idempotencyKey) {
        return call("/v1/authorizations/" + pspReference + "/void", Map.of(), idempotencyKey, 200);
    }

    /** Refunds {@code amount} of authorization {@code pspReference}. */
    public PspResult refund(String pspReference, Money amount, String idempotencyKey) {
        return call("/v1/authorizations/" + pspReference + "/refunds", Map.of("amount", amount.format()),
                idempotencyKey, 201);
    }

    private PspResult call(String path, Map<String, String> body, String idempotencyKey, int expected) {
        if (!circuit.tryAcquirePermission()) {
            log.warn("Gateway circuit is open; failing fast");
            return new PspResult.Failed("circuit open");
        }
        long start = System.nanoTime();
        PspResult result = send(path, body, idempotencyKey, expected);
        long took = System.nanoTime() - start;
        switch (result) {
            case PspResult.Failed f -> circuit.onError(took, TimeUnit.NANOSECONDS, new IOException(f.why()));
            case PspResult.TimedOut t -> circuit.onError(took, TimeUnit.NANOSECONDS, new HttpTimeoutException("timeout"));
            default -> circuit.onSuccess(took, TimeUnit.NANOSECONDS);
        }
        return result;
    }

    private PspResult send(String path, Map<String, String> body, String idempotencyKey, int expected) {
        String requestBody = json.writeValueAsString(body);
        for (int attempt = 0; ; attempt++) {
            try {
                OutgoingHttp.Reply response = http.send(HttpMethod.POST, resolve(path),
                        Map.of("Idempotency-Key", idempotencyKey), requestBody);
                return interpret(response, expected, path);
            } catch (HttpConnectTimeoutException | ConnectException e) {
                // nothing reached the gateway: the one failure that is always safe to retry
                if (attempt >= properties.connectRetries()) {
                    log.warn("Gateway unreachable after {} attempts", attempt + 1);
                    return new PspResult.Failed("unreachable");
                }
            } catch (HttpTimeoutException e) {
                log.warn("Gateway did not answer within {}", properties.readTimeout());
                return new PspResult.TimedOut();
            } catch (IOException e) {
                // the request may have been sent: the outcome is unknown, like a timeout
                log.warn("Gateway connection broke: {}", e.getClass().getSimpleName());
                return new PspResult.TimedOut();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new PspResult.TimedOut();
            }
        }
    }

    private PspResult interpret(OutgoingHttp.Reply response, int expected, String path) {
        int status = response.status();
        if (status == expected) {
            JsonNode id = json.readTree(response.body()).get("id");
            return new PspResult.Approved(id == null || id.isNull() ? "" : id.asString());
        }
        if (status == 402) {
            JsonNode code = json.readTree(response.body()).get("decline_code");
            return new PspResult.Declined(code == null ? "declined" : code.asString());
        }
        if (status == 504 || status == 408) {
            return new PspResult.TimedOut();
        }
        log.warn("Gateway answered {} to {}", status, path.startsWith("/v1/authorizations/") ? "a follow-up" : "an authorization");
        return new PspResult.Failed("HTTP " + status);
    }

    private URI resolve(String path) {
        String base = properties.baseUrl().toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }
}

package dev.strangler.cdc.capture.internal;

import dev.strangler.cdc.BridgeProperties;
import dev.strangler.cdc.capture.CardTokenizer;
import dev.strangler.cdc.translate.CardNumber;
import dev.strangler.cdc.translate.CardToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The vault's {@code POST /internal/vault/tokens} (in the service that owns the cards: {@code bridge.vault.base-url}), batched (up to 1,000 cards a call) and cached. The
 * vault's token is a deterministic function of the card number, so a cache is safe; it is keyed by an HMAC of the
 * card number under a random per-process key, so the cache holds no card number and its keys mean nothing outside
 * this process.
 */
public final class VaultTokenizer implements CardTokenizer {

    private static final int BATCH = 1000;
    private static final int CACHE_SIZE = 100_000;

    private final HttpClient http;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final BridgeProperties.Vault vault;
    private final Mac mac;
    private final Map<String, CardToken> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CardToken> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public VaultTokenizer(BridgeProperties.Vault vault) {
        this.vault = vault;
        this.http = HttpClient.newBuilder().connectTimeout(vault.timeout()).build();
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public synchronized Map<CardNumber, CardToken> tokenize(Collection<CardNumber> cards) {
        Map<CardNumber, CardToken> result = new HashMap<>();
        List<CardNumber> missing = new ArrayList<>();
        for (CardNumber card : cards) {
            if (result.containsKey(card)) {
                continue;
            }
            CardToken cached = cache.get(cacheKey(card));
            if (cached != null) {
                result.put(card, cached);
            } else if (!missing.contains(card)) {
                missing.add(card);
            }
        }
        for (int from = 0; from < missing.size(); from += BATCH) {
            List<CardNumber> batch = missing.subList(from, Math.min(missing.size(), from + BATCH));
            List<CardToken> tokens = call(batch);
            for (int i = 0; i < batch.size(); i++) {
                result.put(batch.get(i), tokens.get(i));
                cache.put(cacheKey(batch.get(i)), tokens.get(i));
            }
        }
        return result;
    }

    private List<CardToken> call(List<CardNumber> batch) {
        ObjectNode body = json.createObjectNode();
        ArrayNode numbers = body.putArray("cardNumbers");
        batch.forEach(c -> numbers.add(c.digits()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(vault.baseUrl() + "/internal/vault/tokens"))
                .timeout(vault.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + vault.internalToken())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new VaultUnavailable("vault at " + vault.baseUrl() + " unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultUnavailable("interrupted while calling the vault");
        }
        if (response.statusCode() != 200) {
            // the problem body names indexes and reasons, never the card numbers: safe to keep
            throw new VaultUnavailable("vault answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        JsonNode tokens = json.readTree(response.body()).path("tokens");
        if (!tokens.isArray() || tokens.size() != batch.size()) {
            throw new VaultUnavailable("vault answered " + tokens.size() + " tokens for " + batch.size() + " cards");
        }
        List<CardToken> out = new ArrayList<>(batch.size());
        for (JsonNode t : tokens) {
            out.add(new CardToken(t.path("token").asString(), t.path("last4").asString(), t.path("brand").asString()));
        }
        return out;
    }

    private String cacheKey(CardNumber card) {
        return Base64.getEncoder().encodeToString(mac.doFinal(card.digits().getBytes(StandardCharsets.US_ASCII)));
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    /** The vault could not tokenize a batch; the capture retries it. */
    public static final class VaultUnavailable extends RuntimeException {
        VaultUnavailable(String message) {
            super(message);
        }
    }
}

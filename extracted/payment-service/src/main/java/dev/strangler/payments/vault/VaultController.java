package dev.strangler.payments.vault;

import dev.strangler.payments.ServiceProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/vault/tokens}: batch tokenization for the CDC bridge, which must turn the monolith's raw
 * card numbers into tokens before anything reaches Kafka. Bearer-token protected; one database statement per batch.
 */
@RestController
class VaultController {

    static final int MAX_BATCH = 1000;

    private final Vault vault;
    private final byte[] expected;

    VaultController(Vault vault, VaultProperties properties) {
        this.vault = vault;
        this.expected = ("Bearer " + properties.internalToken()).getBytes(StandardCharsets.UTF_8);
    }

    /** The batch. Holds PANs, so {@link #toString()} shows only the count. */
    record TokenizeRequest(@Nullable List<@Nullable String> cardNumbers) {
        @Override
        public String toString() {
            return "TokenizeRequest[" + (cardNumbers == null ? 0 : cardNumbers.size()) + " card numbers]";
        }
    }

    record TokenizeResponse(List<CardToken> tokens) {
    }

    @PostMapping(path = "/internal/vault/tokens", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    TokenizeResponse tokenize(@RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
            @RequestBody TokenizeRequest request) {
        authenticate(authorization);
        List<@Nullable String> cards = request.cardNumbers();
        if (cards == null || cards.isEmpty() || cards.size() > MAX_BATCH) {
            throw ServiceProblem.badRequest("invalid-request", "'cardNumbers' must hold 1-" + MAX_BATCH + " entries.");
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        for (int i = 0; i < cards.size(); i++) {
            String raw = cards.get(i);
            if (raw == null || vault.describe(raw) == null) {
                errors.add(Map.of("index", i, "message", "not a valid card number"));
            }
        }
        if (!errors.isEmpty()) {
            // all or nothing: a batch with a bad entry stores no card at all
            throw ServiceProblem.badRequest("invalid-card-number",
                    "Some entries are not valid card numbers; see 'errors'.").with("errors", errors);
        }
        List<CardToken> tokens = new ArrayList<>();
        for (CardToken token : vault.tokenizeAll(cards.stream().map(java.util.Objects::requireNonNull).toList())) {
            tokens.add(java.util.Objects.requireNonNull(token));
        }
        return new TokenizeResponse(tokens);
    }

    private void authenticate(@Nullable String authorization) {
        byte[] given = authorization == null ? new byte[0] : authorization.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expected)) {
            throw ServiceProblem.unauthorized();
        }
    }
}

package dev.strangler.payments;

import static dev.strangler.payments.Cards.APPROVED;
import static dev.strangler.payments.Cards.DECLINED;
import static dev.strangler.payments.Cards.MASTERCARD;
import static dev.strangler.payments.Cards.authorize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.payments.vault.CardNumber;
import dev.strangler.payments.vault.VaultProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Runs every flow with known test PANs, then looks for them in the logs and in every table (the vault's
 * ciphertext aside, read as hex, which cannot contain a digit run of the PAN by construction of the check).
 */
@ExtendWith(OutputCaptureExtension.class)
class NoCardNumberLeaksIT extends ServiceTest {

    private static final Pattern DIGIT_RUN = Pattern.compile("(?<!\\d)\\d{13,19}(?!\\d)");
    /**
     * The tracer's ids at the head of every line ({@code [traceId,spanId,...]}): random hex, and one in a few
     * thousand is a Luhn-valid run of digits. The tracer made them, so no PAN can be inside.
     */
    private static final Pattern TRACE_IDS = Pattern.compile("(?<=\\[)[0-9a-f]{32},[0-9a-f]{16}(?=,)");

    @Test
    void noFlowLeavesACardNumberInTheLogsOrTheTables(CapturedOutput output) {
        String key = UUID.randomUUID().toString();
        Api.Reply created = api.post("/api/payments", authorize(monolith().newOrder(), MASTERCARD),
                Map.of("Idempotency-Key", key, "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        api.post("/api/payments", authorize(monolith().newOrder(), MASTERCARD), Map.of("Idempotency-Key", key));
        api.post("/api/payments/" + created.id() + "/capture", null);
        api.post("/api/payments/" + created.id() + "/refund", "{\"amount\":\"0.10\"}");
        api.post("/api/payments", authorize(monolith().newOrder(), DECLINED));
        api.post("/api/payments", authorize(monolith().newOrder(), "4242424242424241"));
        api.post("/api/payments", "{\"orderId\":\"x\",\"cardNumber\":\"" + APPROVED + "\"}");
        api.post("/api/payments", authorize(monolith().newOrder(), APPROVED), Map.of("X-Strangler-Shadow", "dry-run"));
        api.post("/internal/vault/tokens", "{\"cardNumbers\":[\"" + APPROVED + "\",\"" + MASTERCARD + "\"]}",
                Map.of("Authorization", "Bearer " + VaultProperties.LAB_INTERNAL_TOKEN));

        assertThat(created.status()).isEqualTo(201);
        assertThat(output.getAll()).contains("0af7651916cd43dd8448eb211c80319c");
        assertThat(luhnValidRuns(TRACE_IDS.matcher(output.getAll()).replaceAll("ids"))).isEmpty();
        for (String table : List.of("payments", "idempotency_keys", "outbox")) {
            String rows = db.fetch("select * from " + table).formatCSV();
            assertThat(rows).as(table).doesNotContain(APPROVED).doesNotContain(MASTERCARD).doesNotContain(DECLINED);
            assertThat(luhnValidRuns(rows)).as(table).isEmpty();
        }
        String vault = db.fetch("select token, key_id, encode(ciphertext, 'hex') from vault_cards").formatCSV();
        assertThat(vault).doesNotContain(APPROVED).doesNotContain(MASTERCARD);
    }

    private static List<String> luhnValidRuns(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = DIGIT_RUN.matcher(text);
        while (m.find()) {
            if (CardNumber.isValid(m.group())) {
                found.add(m.group());
            }
        }
        return found;
    }
}

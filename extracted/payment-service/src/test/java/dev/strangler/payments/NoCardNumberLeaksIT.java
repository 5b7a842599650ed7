package dev.strangler.payments;

import static dev.strangler.payments.Cards.APPROVED;
import static dev.strangler.payments.Cards.DECLINED;
import static dev.strangler.payments.Cards.MASTERCARD;
import static dev.strangler.payments.Cards.authorize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.pan.CardNumberScanner;
import dev.strangler.payments.vault.VaultProperties;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
        assertThat(luhnValidRuns(output.getAll())).isEmpty();
        for (String table : List.of("payments", "idempotency_keys", "outbox")) {
            String rows = db.fetch("select * from " + table).formatCSV();
            assertThat(rows).as(table).doesNotContain(APPROVED).doesNotContain(MASTERCARD).doesNotContain(DECLINED);
            assertThat(luhnValidRuns(rows)).as(table).isEmpty();
        }
        String vault = db.fetch("select token, key_id, encode(ciphertext, 'hex') from vault_cards").formatCSV();
        assertThat(vault).doesNotContain(APPROVED).doesNotContain(MASTERCARD);
    }

    /** What the lab's PCI evidence would count as card numbers (trace and span ids are told apart). */
    private static List<String> luhnValidRuns(String text) {
        return CardNumberScanner.find(text).stream().map(CardNumberScanner.Match::masked).toList();
    }
}

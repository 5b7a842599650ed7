package dev.strangler.playbook.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.psp.TestCard;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fake gateway's journal read as charges: one per Idempotency-Key, with the order it names and its amount. */
class PspJournalIT {

    @Test
    void readsEachGrantedChargeOnceWithItsOrderAndAmount() throws Exception {
        Instant since = Instant.now();
        String key = UUID.randomUUID().toString();
        long order = 700_000_000L + System.nanoTime() % 1_000_000;
        authorize(order, "160.67", key);
        authorize(order, "160.67", key); // a retry of the same charge
        authorize(order, "1.00", UUID.randomUUID().toString());

        PspJournal.Charges charges = new PspJournal(URI.create(TestLab.psp().baseUrl())).chargesSince(since);

        assertThat(charges.charges()).filteredOn(c -> c.reference().equals("order-" + order))
                .extracting(c -> c.amount().toPlainString()).containsExactlyInAnyOrder("160.67", "1.00");
        assertThat(charges.duplicatesByOrder()).containsEntry("order-" + order, 2);
        assertThat(BusinessRules.charges(charges.charges(), java.util.Map.of(order,
                new ShopLedger.Order(order, "PAID", new BigDecimal("160.67")))).notEqualToOrderTotal()).isEqualTo(1);
    }

    private static void authorize(long order, String amount, String key) throws Exception {
        String body = "{\"amount\":\"" + amount + "\",\"currency\":\"EUR\",\"card_number\":\""
                + TestCard.VISA_APPROVED.number() + "\",\"reference\":\"order-" + order + "\"}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(TestLab.psp().baseUrl() + "/v1/authorizations"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}

package dev.strangler.lab.psp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.lab.junit.LabExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LabExtension.class)
class FakePspIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void authorizesCapturesAndRefundsATestCard(FakePsp psp) throws Exception {
        String reference = "order-" + UUID.randomUUID();
        HttpResponse<String> auth = post(psp, "/v1/authorizations", authorization(TestCard.VISA_APPROVED, reference), Duration.ofSeconds(5));
        assertThat(auth.statusCode()).isEqualTo(201);
        assertThat(auth.body()).contains("\"status\":\"AUTHORIZED\"", "\"amount\":\"12.50\"", "\"reference\":\"" + reference + "\"");
        String id = auth.body().replaceAll(".*\"id\":\"(auth_[^\"]+)\".*", "$1");
        assertThat(id).startsWith("auth_");

        HttpResponse<String> capture = post(psp, "/v1/authorizations/" + id + "/capture", "{\"amount\":\"12.50\"}", Duration.ofSeconds(5));
        assertThat(capture.statusCode()).isEqualTo(200);
        assertThat(capture.body()).contains("\"status\":\"CAPTURED\"", id);

        HttpResponse<String> refund = post(psp, "/v1/authorizations/" + id + "/refunds", "{\"amount\":\"2.50\"}", Duration.ofSeconds(5));
        assertThat(refund.statusCode()).isEqualTo(201);
        assertThat(refund.body()).contains("\"status\":\"REFUNDED\"", "\"amount\":\"2.50\"");

        assertThat(psp.authorizationRequests()).anyMatch(r -> r.getBodyAsString().contains(reference));
    }

    @Test
    void voidsAnAuthorization(FakePsp psp) throws Exception {
        HttpResponse<String> auth = post(psp, "/v1/authorizations", authorization(TestCard.VISA_APPROVED, "o-void"), Duration.ofSeconds(5));
        String id = auth.body().replaceAll(".*\"id\":\"(auth_[^\"]+)\".*", "$1");

        HttpResponse<String> voided = post(psp, "/v1/authorizations/" + id + "/void", "{}", Duration.ofSeconds(5));
        assertThat(voided.statusCode()).isEqualTo(200);
        assertThat(voided.body()).contains("\"status\":\"VOIDED\"", id);
    }

    @Test
    void declinesTheDocumentedDecliningCards(FakePsp psp) throws Exception {
        HttpResponse<String> declined = post(psp, "/v1/authorizations", authorization(TestCard.DECLINED, "o1"), Duration.ofSeconds(5));
        assertThat(declined.statusCode()).isEqualTo(402);
        assertThat(declined.body()).contains("card_declined");

        HttpResponse<String> poor = post(psp, "/v1/authorizations", authorization(TestCard.INSUFFICIENT_FUNDS, "o2"), Duration.ofSeconds(5));
        assertThat(poor.statusCode()).isEqualTo(402);
        assertThat(poor.body()).contains("insufficient_funds");
    }

    @Test
    void failsWith503ForTheGatewayErrorCard(FakePsp psp) throws Exception {
        assertThat(post(psp, "/v1/authorizations", authorization(TestCard.GATEWAY_ERROR, "o3"), Duration.ofSeconds(5)).statusCode())
                .isEqualTo(503);
    }

    @Test
    void timesOutForTheTimeoutCard() {
        try (FakePsp slow = FakePsp.start(new FakePspSettings(0, 0, 0, 3_000))) {
            assertThatThrownBy(() -> post(slow, "/v1/authorizations", authorization(TestCard.TIMEOUT, "o4"), Duration.ofMillis(500)))
                    .isInstanceOf(HttpTimeoutException.class);
        }
    }

    @Test
    void rejectsAnAuthorizationWithoutCardNumber(FakePsp psp) throws Exception {
        HttpResponse<String> bad = post(psp, "/v1/authorizations", "{\"amount\":\"1.00\",\"currency\":\"EUR\"}", Duration.ofSeconds(5));
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void everyTestCardIsLuhnValidAndTheyAreDistinct() {
        for (TestCard card : TestCard.values()) {
            assertThat(TestCard.luhnValid(card.number())).as(card.name()).isTrue();
        }
        assertThat(java.util.Arrays.stream(TestCard.values()).map(TestCard::number).distinct()).hasSize(TestCard.values().length);
        assertThat(TestCard.luhnValid("4242424242424241")).isFalse();
    }

    private static String authorization(TestCard card, String reference) {
        return "{\"amount\":\"12.50\",\"currency\":\"EUR\",\"card_number\":\"" + card.number() + "\",\"reference\":\"" + reference + "\"}";
    }

    private static HttpResponse<String> post(FakePsp psp, String path, String body, Duration timeout) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(psp.baseUrl() + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

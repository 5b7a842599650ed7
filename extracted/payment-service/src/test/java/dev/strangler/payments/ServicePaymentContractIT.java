package dev.strangler.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract against this service, on a random port. */
class ServicePaymentContractIT extends ServiceTest implements PaymentContract {

    @Override
    public Api payments() {
        return api;
    }

    @Test
    void anEmptyOrderIdIsABadRequestNotAnEmptyList() {
        Api.Reply reply = api.get("/api/payments?orderId=");

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text("type")).isEqualTo("/problems/invalid-parameter");
    }
}

package dev.strangler.customers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.customers.customer.Customer;
import dev.strangler.lab.process.Ports;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Failure isolation: with nothing listening where the shop should be, every customer is still answered, with the
 * monolith's {@code paymentsUnavailable} sentence instead of a last card, and registration does not ask the shop.
 */
class ShopDownIT extends RunningService {

    @DynamicPropertySource
    static void noShop(DynamicPropertyRegistry registry) {
        int nobody = Ports.freePort();
        lab(registry, () -> "http://127.0.0.1:" + nobody);
    }

    private long registered() {
        Api.Reply reply = api.post("/api/customers", "{\"email\":\"down-" + UUID.randomUUID()
                + "@example.test\",\"name\":\"Still Here\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().has("paymentsUnavailable")).isFalse();
        return reply.id();
    }

    @Test
    void aCustomerIsStillAnsweredWithoutTheLastCard() {
        long id = registered();

        Api.Reply reply = api.get("/api/customers/" + id);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().propertyNames())
                .containsExactly("id", "email", "name", "createdAt", "lastCardLast4", "paymentsUnavailable");
        assertThat(reply.json().get("lastCardLast4").isNull()).isTrue();
        assertThat(reply.text("paymentsUnavailable")).isEqualTo(Customer.PAYMENTS_UNAVAILABLE)
                .isEqualTo("Payments unavailable: the payment service cannot be reached right now, so the last card"
                        + " is not shown.");
        assertThat(reply.text("name")).isEqualTo("Still Here");
    }

    @Test
    void everyCustomerOfAPageIsStillAnswered() {
        registered();
        registered();

        Api.Reply page = api.get("/api/customers?size=100");

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().get("items")).hasSizeGreaterThanOrEqualTo(2).allSatisfy(c -> {
            assertThat(c.get("paymentsUnavailable").asString()).isEqualTo(Customer.PAYMENTS_UNAVAILABLE);
            assertThat(c.get("lastCardLast4").isNull()).isTrue();
        });
    }

    @Test
    void staysReadyAndStill404sAnUnknownCustomer() {
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.get("/api/customers/999999999999").status()).isEqualTo(404);
    }
}

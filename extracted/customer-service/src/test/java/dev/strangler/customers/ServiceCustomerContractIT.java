package dev.strangler.customers;

import static dev.strangler.customers.db.Tables.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract against this service, on a random port, asking the real monolith for orders and payments. A payment
 * needs the monolith to know the customer: the test copies the row over first, as the CDC bridge will.
 */
class ServiceCustomerContractIT extends ServiceTest implements CustomerContract {

    @Override
    public Api customers() {
        return api;
    }

    @Override
    public void pay(long customerId, String cardNumber) {
        copyIntoMonolith(customerId);
        monolith().paidOrder(customerId, cardNumber);
    }

    private static String body(String email, String name) {
        return "{\"email\":\"" + email + "\",\"name\":\"" + name + "\"}";
    }

    @Test
    void aNameWhosePartsDoNotFitTheTableIsABadRequest() {
        // deliberate difference: the monolith takes any name up to 200 characters, the table holds 100 per part
        String email = "long-" + UUID.randomUUID() + "@example.test";

        Api.Reply oneWord = api.post("/api/customers", body(email, "n".repeat(101)));
        Api.Reply longFamily = api.post("/api/customers", body(email, "Ada " + "n".repeat(101)));
        Api.Reply fits = api.post("/api/customers", body(email, "g".repeat(100) + " " + "f".repeat(99)));

        for (Api.Reply reply : new Api.Reply[] {oneWord, longFamily}) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.text("type")).isEqualTo("/problems/invalid-request");
            assertThat(reply.json().get("errors")).singleElement()
                    .satisfies(e -> assertThat(e.get("field").asString()).isEqualTo("name"));
            assertThat(reply.body()).doesNotContain("nnnnnnnnnn");
        }
        assertThat(fits.status()).as(fits.body()).isEqualTo(201);
    }

    @Test
    void aDryRunAnswersAsTheRegistrationWouldAndKeepsNothing() {
        String email = "dry-" + UUID.randomUUID() + "@example.test";
        Map<String, String> dryRun = Map.of("X-Strangler-Shadow", "dry-run");
        long before = db.fetchCount(CUSTOMERS);

        Api.Reply dry = api.post("/api/customers", body(email, "Dry Run"), dryRun);

        assertThat(dry.status()).as(dry.body()).isEqualTo(201);
        assertThat(dry.text("email")).isEqualTo(email);
        assertThat(dry.text("name")).isEqualTo("Dry Run");
        assertThat(dry.header("Location")).endsWith("/api/customers/" + dry.id());
        assertThat(api.get("/api/customers/" + dry.id()).status()).isEqualTo(404);
        assertThat(db.fetchCount(CUSTOMERS)).isEqualTo(before);
        // the email is still free; once taken, a dry run answers what the real request would
        assertThat(api.post("/api/customers", body(email, "Dry Run")).status()).isEqualTo(201);
        Api.Reply taken = api.post("/api/customers", body(email, "Dry Run"), dryRun);
        assertThat(taken.status()).as(taken.body()).isEqualTo(409);
        assertThat(taken.text("type")).isEqualTo("/problems/email-taken");
        Api.Reply badMode = api.post("/api/customers", body(email, "Dry Run"), Map.of("X-Strangler-Shadow", "yes"));
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.text("type")).isEqualTo("/problems/invalid-shadow-mode");
    }
}

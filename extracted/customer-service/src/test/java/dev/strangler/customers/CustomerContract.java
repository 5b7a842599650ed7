package dev.strangler.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The customer API contract, run against every implementation: the monolith ({@code MonolithCustomerContractIT})
 * and this service ({@code ServiceCustomerContractIT}). Requests are byte for byte what a caller of the monolith
 * sends; the last cards come from payments taken by the real monolith in both variants. An interface with default
 * methods rather than an abstract class, so the service's variant can still extend the base class that shares one
 * Spring context.
 */
public interface CustomerContract {

    String VISA = "4242424242424242";
    String MASTERCARD = "5555555555554444";

    /** The implementation under test. */
    Api customers();

    /** Makes the shop take a payment by {@code customerId} with {@code cardNumber}: a checkout paid by card. */
    void pay(long customerId, String cardNumber);

    private static String uniqueEmail() {
        return "c-" + UUID.randomUUID() + "@example.test";
    }

    private Api.Reply register(String email, String name) {
        Api.Reply reply = customers().post("/api/customers", "{\"email\":\"" + email + "\",\"name\":\"" + name + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply;
    }

    private static void assertProblem(Api.Reply reply, int status, String type) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text("type")).isEqualTo("/problems/" + type);
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
    }

    private long totalItems() {
        return customers().get("/api/customers?size=1").json().get("totalItems").asLong();
    }

    @Test
    default void registersACustomerWithItsLocationAndNoLastCard() {
        String email = uniqueEmail();

        Api.Reply reply = register(email, "Ada Lovelace");

        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.header("Location")).endsWith("/api/customers/" + reply.id());
        assertThat(reply.json().propertyNames())
                .containsExactly("id", "email", "name", "createdAt", "lastCardLast4");
        assertThat(reply.json().get("id").isIntegralNumber()).isTrue();
        assertThat(reply.text("email")).isEqualTo(email);
        assertThat(reply.text("name")).isEqualTo("Ada Lovelace");
        assertThat(Instant.parse(reply.text("createdAt"))).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(reply.text("createdAt")).endsWith("Z");
        assertThat(reply.json().get("lastCardLast4").isNull()).isTrue();
    }

    @Test
    default void readsACustomerBackExactlyAsRegistered() {
        Api.Reply created = register(uniqueEmail(), "Grace Brewster Murray Hopper");

        Api.Reply reply = customers().get("/api/customers/" + created.id());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json()).isEqualTo(created.json());
    }

    @Test
    default void keepsTheEmailInLowerCaseAndTheNameTrimmedWithItsInnerSpaces() {
        String email = uniqueEmail();

        Api.Reply reply = register(email.toUpperCase(java.util.Locale.ROOT), "  Jean Claude  Van Damme ");

        assertThat(reply.text("email")).isEqualTo(email);
        assertThat(reply.text("name")).isEqualTo("Jean Claude  Van Damme");
        assertThat(customers().get("/api/customers/" + reply.id()).text("name")).isEqualTo("Jean Claude  Van Damme");
    }

    @Test
    default void keepsANameOfOneWord() {
        Api.Reply created = register(uniqueEmail(), "Cher");

        assertThat(created.text("name")).isEqualTo("Cher");
        assertThat(customers().get("/api/customers/" + created.id()).text("name")).isEqualTo("Cher");
    }

    @Test
    default void refusesASecondCustomerWithTheSameEmailInAnyCase() {
        String email = uniqueEmail();
        register(email, "First Owner");
        long before = totalItems();

        Api.Reply reply = customers().post("/api/customers", "{\"email\":\"" + email.toUpperCase(java.util.Locale.ROOT)
                + "\",\"name\":\"Second Owner\"}");

        assertProblem(reply, 409, "email-taken");
        assertThat(reply.text("detail")).isEqualTo("A customer with that email address already exists.");
        assertThat(totalItems()).isEqualTo(before);
    }

    @Test
    default void showsTheCardOfTheNewestPayment() {
        long id = register(uniqueEmail(), "Paying Customer").id();

        pay(id, VISA);
        pay(id, MASTERCARD);
        Api.Reply reply = customers().get("/api/customers/" + id);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text("lastCardLast4")).isEqualTo("4444");
        assertThat(reply.json().has("paymentsUnavailable")).isFalse();
        assertThat(reply.body()).doesNotContain(MASTERCARD, VISA);
        assertThat(listed(id)).isEqualTo(reply.json()); // the list shows it the same
    }

    /** The customer as the list shows it, page by page until found. */
    private JsonNode listed(long id) {
        for (int page = 0; ; page++) {
            Api.Reply reply = customers().get("/api/customers?size=100&page=" + page);
            assertThat(reply.json().get("items")).as("customer " + id + " is listed").isNotEmpty();
            for (JsonNode customer : reply.json().get("items")) {
                if (customer.get("id").asLong() == id) {
                    return customer;
                }
            }
        }
    }

    @Test
    default void listsCustomersByIdInPagesOfTheAskedSize() {
        register(uniqueEmail(), "Listed One");
        register(uniqueEmail(), "Listed Two");
        register(uniqueEmail(), "Listed Three");

        Api.Reply first = customers().get("/api/customers?page=0&size=2");
        Api.Reply byDefault = customers().get("/api/customers");

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/json");
        assertThat(first.json().propertyNames()).containsExactly("items", "page", "size", "totalItems", "totalPages");
        assertThat(first.json().get("items")).hasSize(2);
        assertThat(first.json().get("page").asInt()).isZero();
        assertThat(first.json().get("size").asInt()).isEqualTo(2);
        long total = first.json().get("totalItems").asLong();
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(first.json().get("totalPages").asLong()).isEqualTo((total + 1) / 2);
        assertThat(byDefault.json().get("size").asInt()).isEqualTo(20);
        assertThat(byDefault.json().get("page").asInt()).isZero();
        assertThat(ids(byDefault.json().get("items"))).isSorted().hasSize((int) Math.min(20, total));
        Api.Reply second = customers().get("/api/customers?page=1&size=2");
        assertThat(ids(second.json().get("items")).getFirst()).isGreaterThan(ids(first.json().get("items")).getLast());
    }

    private static java.util.List<Long> ids(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(c -> c.get("id").asLong()).toList();
    }

    @Test
    default void aPagePastTheEndIsEmpty() {
        Api.Reply reply = customers().get("/api/customers?page=100000&size=100");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("items")).isEmpty();
        assertThat(reply.json().get("page").asInt()).isEqualTo(100_000);
        assertThat(reply.json().get("totalItems").asLong()).isEqualTo(totalItems());
    }

    @Test
    default void anUnknownCustomerIs404() {
        Api.Reply reply = customers().get("/api/customers/999999999999");

        assertProblem(reply, 404, "not-found");
        assertThat(reply.text("detail")).isEqualTo("No such customer.");
    }

    @Test
    default void badInputIsA4xxProblemThatQuotesNothingAndStoresNothing() {
        long before = totalItems();
        String email = uniqueEmail();
        String json = "application/json";

        assertProblem(customers().get("/api/customers?page=-1"), 400, "invalid-request");
        assertProblem(customers().get("/api/customers?page=100001"), 400, "invalid-request");
        assertProblem(customers().get("/api/customers?size=0"), 400, "invalid-request");
        assertProblem(customers().get("/api/customers?size=101"), 400, "invalid-request");
        assertProblem(customers().get("/api/customers?page=x"), 400, "invalid-parameter");
        assertProblem(customers().get("/api/customers?size=abc"), 400, "invalid-parameter");
        assertProblem(customers().get("/api/customers/abc"), 400, "invalid-parameter");
        assertProblem(customers().get("/api/customers/1x"), 400, "invalid-parameter");
        assertProblem(customers().post("/api/customers", "{\"email\":"), 400, "malformed-request");
        assertProblem(customers().post("/api/customers", "[]"), 400, "malformed-request");
        assertProblem(customers().send("POST", "/api/customers", json, "", Map.of()), 400, "malformed-request");
        assertProblem(customers().post("/api/customers", "{\"email\":\"" + email + "\"}"), 400, "invalid-request");
        assertProblem(customers().post("/api/customers", "{\"email\":\"" + email + "\",\"name\":\"  \"}"), 400,
                "invalid-request");
        assertProblem(customers().post("/api/customers", "{\"email\":\"not-an-email\",\"name\":\"A\"}"), 400,
                "invalid-request");
        assertProblem(customers().post("/api/customers", "{\"email\":\"" + "x".repeat(190) + email + "\",\"name\":\"A\"}"),
                400, "invalid-request");
        assertProblem(customers().post("/api/customers", "{\"email\":\"" + email + "\",\"name\":\"" + "n".repeat(201)
                + "\"}"), 400, "invalid-request");
        assertProblem(customers().send("POST", "/api/customers", "text/csv", "a,b", Map.of()), 415,
                "unsupported-media-type");
        assertProblem(customers().send("DELETE", "/api/customers/1", null, null, Map.of()), 405,
                "method-not-allowed");
        assertProblem(customers().send("PUT", "/api/customers", json, "{}", Map.of()), 405, "method-not-allowed");

        Api.Reply invalid = customers().post("/api/customers", "{\"email\":\"not-an-email\"}");
        assertThat(invalid.json().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactlyInAnyOrder("email", "name");
        assertThat(invalid.text("detail")).doesNotContain("not-an-email");
        assertThat(totalItems()).isEqualTo(before);
    }

    @Test
    default void whatTheContainerRejectsIsAProblemToo() {
        // Tomcat refuses this before Spring sees it; its own answer would be an HTML page
        assertProblem(customers().get("/api/..%2F..%2Fetc/passwd"), 400, "malformed-request");
    }
}

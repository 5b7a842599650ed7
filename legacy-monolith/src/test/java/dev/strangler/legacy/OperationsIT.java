package dev.strangler.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperationsIT extends LabShopTest {

    @Test
    void healthIsUpWithTheDatabase() {
        Api.Reply health = api.get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(health.json().get("components").get("db").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetrics() {
        api.get("/api/products");

        Api.Reply metrics = api.browser("GET", "/actuator/prometheus", null);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds");
    }

    @Test
    void servesTheOpenApiDocument() {
        Api.Reply spec = api.browser("GET", "/openapi.yaml", null);

        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.body()).contains("openapi: 3.", "/api/payments/{id}/capture", "card-declined");
    }

    @Test
    void listsProductsAndCustomersInPages() {
        fixtures.product("1.00", 1);
        fixtures.customer();

        Api.Reply products = api.get("/api/products?page=0&size=2");
        Api.Reply customers = api.get("/api/customers?size=1");

        assertThat(products.status()).isEqualTo(200);
        assertThat(products.json().get("items").size()).isBetween(1, 2);
        assertThat(products.json().get("size").asInt()).isEqualTo(2);
        assertThat(products.json().get("totalItems").asLong()).isPositive();
        assertThat(customers.json().get("items")).hasSize(1);
    }

    @Test
    void registersACustomerOnceByEmail() {
        String body = "{\"email\":\"Dup-" + System.nanoTime() + "@Example.test\",\"name\":\"Dup\"}";

        Api.Reply first = api.post("/api/customers", body);
        String before = checksum();
        Api.Reply second = api.post("/api/customers", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.text("email")).isEqualTo(first.text("email").toLowerCase(java.util.Locale.ROOT));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("type")).isEqualTo("/problems/email-taken");
        assertThat(checksum()).isEqualTo(before);
    }
}

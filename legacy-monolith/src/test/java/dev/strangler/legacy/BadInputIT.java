package dev.strangler.legacy;

import static dev.strangler.legacy.Fixtures.APPROVED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint answers bad input with a 4xx problem+json that quotes nothing back and changes nothing. */
class BadInputIT extends LabShopTest {

    private static final String JSON = "application/json";
    private static final String BAD_PAN = "4242424242424241";

    private long customer;
    private long product;
    private long payment;

    @BeforeEach
    void data() {
        customer = fixtures.customer();
        product = fixtures.product("10.00", 5);
        payment = fixtures.authorizedPayment("10.00");
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                // method, path, content type, body, expected status, expected type
                bad("POST", "/api/orders", JSON, "{not json", 400, "malformed-request"),
                bad("POST", "/api/orders", JSON, "", 400, "malformed-request"),
                bad("POST", "/api/orders", JSON, "[]", 400, "malformed-request"),
                bad("POST", "/api/orders", JSON, "{\"customerId\":\"abc\",\"items\":[]}", 400, "malformed-request"),
                bad("POST", "/api/orders", JSON, "{\"customerId\":$C,\"items\":[{\"productId\":$P,\"quantity\":-1}]}", 400, "invalid-request"),
                bad("POST", "/api/orders", JSON, "{\"customerId\":$C,\"items\":[{\"productId\":$P,\"quantity\":0}]}", 400, "invalid-request"),
                bad("POST", "/api/orders", JSON, "{\"customerId\":$C,\"items\":[{\"productId\":$P,\"quantity\":1.5}]}", 400, "malformed-request"),
                bad("POST", "/api/orders", JSON, "{\"customerId\":$C,\"items\":[]}", 400, "invalid-request"),
                bad("POST", "/api/orders", JSON, "{\"items\":[{\"productId\":$P,\"quantity\":1}]}", 400, "invalid-request"),
                bad("POST", "/api/orders", JSON, "{\"customerId\":$C,\"items\":[null]}", 400, "invalid-request"),
                bad("POST", "/api/orders", JSON, "{\"customerId\":$C,\"items\":[{\"productId\":99999999,\"quantity\":1}]}", 422, "unknown-product"),
                bad("POST", "/api/orders", JSON, "{\"customerId\":99999999,\"items\":[{\"productId\":$P,\"quantity\":1}]}", 422, "unknown-customer"),
                bad("POST", "/api/orders", JSON, "{\"customerId\":$C,\"items\":[{\"productId\":$P,\"quantity\":1}],\"cardNumber\":\"" + BAD_PAN + "\"}", 400, "invalid-card-number"),
                bad("POST", "/api/orders", JSON, "{\"customerId\":$C,\"items\":[{\"productId\":$P,\"quantity\":1}],\"cardNumber\":\"abcd\"}", 400, "invalid-card-number"),
                bad("POST", "/api/orders", "text/plain", "hello", 415, "unsupported-media-type"),
                bad("PUT", "/api/orders", JSON, "{}", 405, "method-not-allowed"),
                bad("GET", "/api/orders/abc", null, null, 400, "invalid-parameter"),
                bad("POST", "/api/orders/abc/cancel", null, null, 400, "invalid-parameter"),
                bad("POST", "/api/orders/99999999/cancel", null, null, 404, "not-found"),
                bad("POST", "/api/payments", JSON, "{\"orderId\":1}", 400, "invalid-request"),
                bad("POST", "/api/payments", JSON, "{\"orderId\":\"x\",\"cardNumber\":\"" + APPROVED + "\"}", 400, "malformed-request"),
                bad("POST", "/api/payments", JSON, "{\"orderId\":-5,\"cardNumber\":\"" + APPROVED + "\"}", 400, "invalid-request"),
                bad("POST", "/api/payments", JSON, "{\"orderId\":1,\"cardNumber\":\"" + BAD_PAN + "\"}", 400, "invalid-card-number"),
                bad("POST", "/api/payments", "application/xml", "<x/>", 415, "unsupported-media-type"),
                bad("GET", "/api/payments/abc", null, null, 400, "invalid-parameter"),
                bad("DELETE", "/api/payments/$Y", null, null, 405, "method-not-allowed"),
                bad("POST", "/api/payments/$Y/capture", JSON, "{\"amount\":-1}", 400, "invalid-request"),
                bad("POST", "/api/payments/$Y/capture", JSON, "{\"amount\":\"1.001\"}", 400, "invalid-request"),
                bad("POST", "/api/payments/$Y/capture", JSON, "{\"amount\":\"ten\"}", 400, "malformed-request"),
                bad("POST", "/api/payments/$Y/refund", JSON, "{}", 400, "invalid-request"),
                bad("POST", "/api/payments/$Y/refund", JSON, "{\"amount\":0}", 400, "invalid-request"),
                bad("POST", "/api/payments/$Y/refund", JSON, "{\"amount\":\"5.00\"}", 409, "illegal-transition"),
                bad("POST", "/api/payments/abc/refund", JSON, "{\"amount\":\"5.00\"}", 400, "invalid-parameter"),
                bad("GET", "/api/products?page=-1", null, null, 400, "invalid-request"),
                bad("GET", "/api/products?size=1000", null, null, 400, "invalid-request"),
                bad("GET", "/api/products?size=abc", null, null, 400, "invalid-parameter"),
                bad("GET", "/api/products/abc", null, null, 400, "invalid-parameter"),
                bad("GET", "/api/products/99999999", null, null, 404, "not-found"),
                bad("POST", "/api/products", JSON, "{}", 405, "method-not-allowed"),
                bad("GET", "/api/customers?page=x", null, null, 400, "invalid-parameter"),
                bad("GET", "/api/customers/99999999", null, null, 404, "not-found"),
                bad("GET", "/api/customers/1x", null, null, 400, "invalid-parameter"),
                bad("POST", "/api/customers", JSON, "{\"email\":\"not-an-email\",\"name\":\"A\"}", 400, "invalid-request"),
                bad("POST", "/api/customers", JSON, "{\"email\":\"a@example.test\"}", 400, "invalid-request"),
                bad("POST", "/api/customers", JSON, "{\"email\":", 400, "malformed-request"),
                bad("POST", "/api/customers", "text/csv", "a,b", 415, "unsupported-media-type"),
                bad("GET", "/api/reports/sales?from=2025-01-01", null, null, 400, "invalid-parameter"),
                bad("GET", "/api/reports/sales?from=yesterday&to=2025-01-01", null, null, 400, "invalid-parameter"),
                bad("GET", "/api/reports/sales?from=2025-02-01&to=2025-01-01", null, null, 400, "invalid-date-range"),
                bad("POST", "/api/reports/sales", JSON, "{}", 405, "method-not-allowed"),
                bad("POST", "/api/support/payments/$Y/status", JSON, "{\"status\":\"PAID_IN_FULL\"}", 400, "invalid-status"),
                bad("POST", "/api/support/payments/$Y/status", JSON, "{}", 400, "invalid-request"),
                bad("POST", "/api/support/payments/99999999/status", JSON, "{\"status\":\"CAPTURED\"}", 404, "not-found"),
                bad("POST", "/api/support/payments/zz/status", JSON, "{\"status\":\"CAPTURED\"}", 400, "invalid-parameter"),
                bad("POST", "/internal/seed", JSON, "{\"orders\":-1}", 400, "invalid-request"),
                bad("POST", "/internal/seed", JSON, "{\"orders\":\"many\"}", 400, "malformed-request"),
                bad("POST", "/internal/seed", JSON, "{}", 400, "invalid-request"),
                bad("GET", "/internal/seed", null, null, 405, "method-not-allowed"),
                bad("GET", "/api/nothing-here", null, null, 404, "not-found"),
                bad("GET", "/no/such/page.json", null, null, 404, "not-found"),
                // refused by Tomcat before Spring sees it: its own answer was an HTML page
                bad("GET", "/api/..%2F..%2Fetc/passwd", null, null, 400, "malformed-request"),
                bad("GET", "/api/orders/1%00", null, null, 400, "malformed-request"));
    }

    private static Arguments bad(String method, String path, String contentType, String body, int status, String type) {
        return Arguments.of(method, path, contentType, body, status, type);
    }

    @ParameterizedTest(name = "{0} {1} {3} -> {4}")
    @MethodSource("badRequests")
    void answersProblemAndChangesNothing(String method, String path, String contentType, String body, int status,
            String type) {
        String realPath = path.replace("$Y", String.valueOf(payment));
        String realBody = body == null ? null
                : body.replace("$C", String.valueOf(customer)).replace("$P", String.valueOf(product));
        String before = checksum();

        Api.Reply reply = api.send(method, realPath, contentType, realBody);

        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text("type")).isEqualTo("/problems/" + type);
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        assertThat(reply.text("detail")).isNotBlank()
                .doesNotContain(BAD_PAN, APPROVED, "abc", "not-an-email", "many", "yesterday", "PAID_IN_FULL");
        assertThat(checksum()).isEqualTo(before);
    }
}

package dev.strangler.legacy;

import static dev.strangler.legacy.Fixtures.APPROVED;
import static dev.strangler.legacy.Fixtures.checkout;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A checkout continues the caller's trace: the gateway call is a client span of the same trace (its own span id,
 * the trace id in its {@code traceparent}), and the checkout's log lines name the trace and the correlation id.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingIT extends LabShopTest {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");

    @Test
    void aCheckoutContinuesTheCallersTraceToTheGateway(CapturedOutput output) {
        String traceId = "6e0c63257de34c92bf9efcd03927272e";
        String callerSpan = "00f067aa0ba902b7";
        long customer = fixtures.customer();
        long product = fixtures.product("7.00", 5);

        Api.Reply reply = api.post("/api/orders", checkout(customer, product, 1, APPROVED),
                Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01", "X-Correlation-Id", "order-99"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.header("X-Correlation-Id")).isEqualTo("order-99");
        Matcher answered = TRACEPARENT.matcher(reply.header("traceparent"));
        assertThat(answered.matches()).as(reply.header("traceparent")).isTrue();
        assertThat(answered.group(1)).isEqualTo(traceId);
        assertThat(answered.group(2)).as("the shop's server span").isNotEqualTo(callerSpan);
        assertThat(gatewayCallsOf(traceId)).singleElement().satisfies(call -> {
            Matcher sent = TRACEPARENT.matcher(call.getHeader("traceparent"));
            assertThat(sent.matches()).isTrue();
            assertThat(sent.group(2)).as("the gateway call is a span of its own")
                    .isNotEqualTo(callerSpan).isNotEqualTo(answered.group(2));
        });
        // the correlation pattern: [traceId,spanId,correlationId]
        assertThat(output.getAll().lines().filter(line -> line.contains("Order " + reply.id() + " placed")))
                .singleElement().asString().containsPattern("\\[" + traceId + ",[0-9a-f]{16},order-99\\]");
    }

    @Test
    void aCheckoutWithoutTraceparentStartsATraceThatReachesTheGateway() {
        Api.Reply reply = api.post("/api/orders", checkout(fixtures.customer(), fixtures.product("3.00", 5), 1,
                APPROVED));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        Matcher answered = TRACEPARENT.matcher(reply.header("traceparent"));
        assertThat(answered.matches()).as(reply.header("traceparent")).isTrue();
        assertThat(reply.header("X-Correlation-Id")).isEqualTo(answered.group(1));
        assertThat(gatewayCallsOf(answered.group(1))).hasSize(1);
    }

    private static List<LoggedRequest> gatewayCallsOf(String traceId) {
        return psp().authorizationRequests().stream()
                .filter(r -> r.containsHeader("traceparent") && r.getHeader("traceparent").contains(traceId))
                .toList();
    }
}

package dev.strangler.payments;

import static dev.strangler.payments.Cards.APPROVED;
import static dev.strangler.payments.Cards.authorize;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * One trace through the service: the caller's {@code traceparent} is continued by the server span, the gateway
 * call is a client span of the same trace (a new span id, the trace id carried in its {@code traceparent}), the
 * outbox rows name the trace, and so does every log line of the request. Without a {@code traceparent} the same
 * holds for a trace the service starts.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingIT extends ServiceTest {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");

    @Test
    void continuesTheCallersTraceToTheGatewayTheOutboxAndTheLogs(CapturedOutput output) {
        String traceId = "5af7183fb1d4cf5f3a1d2c4b6e8f9a0b";
        String callerSpan = "b7ad6b7169203331";

        Api.Reply reply = api.post("/api/payments", authorize(monolith().newOrder(), APPROVED),
                Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.header("traceparent")).matches(TRACEPARENT).contains(traceId).doesNotContain(callerSpan);
        assertThat(reply.header("X-Correlation-Id")).as("no caller id: the trace id").isEqualTo(traceId);
        assertThat(gatewayCallsOf(traceId)).singleElement().satisfies(call -> {
            Matcher sent = TRACEPARENT.matcher(call.getHeader("traceparent"));
            assertThat(sent.matches()).isTrue();
            assertThat(sent.group(2)).as("the gateway call is a span of its own")
                    .isNotEqualTo(callerSpan).isNotEqualTo(spanIdOf(reply.header("traceparent")));
        });
        assertThat(outboxTraceIds(reply.id())).hasSize(2).containsOnly(traceId);
        assertThat(requestLogLine(output, reply.id())).containsPattern(correlation(traceId, traceId));
    }

    @Test
    void startsATraceWhenTheCallerSendsNone(CapturedOutput output) {
        Api.Reply reply = api.post("/api/payments", authorize(monolith().newOrder(), APPROVED),
                Map.of("X-Correlation-Id", "checkout-4711"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        Matcher answered = TRACEPARENT.matcher(reply.header("traceparent"));
        assertThat(answered.matches()).isTrue();
        String traceId = answered.group(1);
        assertThat(reply.header("X-Correlation-Id")).isEqualTo("checkout-4711");
        assertThat(gatewayCallsOf(traceId)).hasSize(1);
        assertThat(outboxTraceIds(reply.id())).hasSize(2).containsOnly(traceId);
        assertThat(requestLogLine(output, reply.id())).containsPattern(correlation(traceId, "checkout-4711"));
    }

    @Test
    void theShopsRemoteCheckoutIsOneTraceThroughTheServiceToTheGateway(CapturedOutput output) throws SQLException {
        String traceId = "7c1e9a3b5d2f4e6a8b0c1d2e3f4a5b6c";
        // on the shared shop's database: the service asks the shared shop for the order's total, so the order this
        // shop places must be one that shop knows
        try (Monolith shop = Monolith.startOn("monolith-remote-trace", monolith().databaseUrl(), List.of(
                "--shop.payments.mode=remote", "--shop.payments.remote-base-url=" + api.baseUrl()))) {
            Api.Reply order = shop.api().post("/api/orders",
                    "{\"customerId\":1,\"items\":[{\"productId\":3,\"quantity\":1}],\"cardNumber\":\""
                            + APPROVED + "\"}",
                    Map.of("traceparent", "00-" + traceId + "-a1b2c3d4e5f60718-01", "X-Correlation-Id", "cart-31"));

            assertThat(order.status()).as(order.body()).isEqualTo(201);
            long payment = order.json().get("payment").get("id").asLong();
            assertThat(outboxTraceIds(payment)).as("the service continued the shop's trace")
                    .hasSize(2).containsOnly(traceId);
            assertThat(gatewayCallsOf(traceId)).hasSize(1);
            assertThat(requestLogLine(output, payment)).as("the shop passed its caller's correlation id on")
                    .containsPattern(correlation(traceId, "cart-31"));
        }
    }

    private List<LoggedRequest> gatewayCallsOf(String traceId) {
        return psp().authorizationRequests().stream()
                .filter(r -> r.containsHeader("traceparent") && r.getHeader("traceparent").contains(traceId))
                .toList();
    }

    private List<String> outboxTraceIds(long paymentId) {
        // the outbox holds the writing span's traceparent: 00-<trace id>-<span id>-01
        return db.fetch("select split_part(trace_id, '-', 2) from outbox where aggregate_id = ? order by id",
                String.valueOf(paymentId)).getValues(0, String.class);
    }

    /** The one line the service logs per API request, found by the trace id the outbox recorded for it. */
    private String requestLogLine(CapturedOutput output, long paymentId) {
        String traceId = outboxTraceIds(paymentId).getFirst();
        return output.getAll().lines()
                .filter(line -> line.contains("POST /api/payments -> 201") && line.contains(traceId))
                .findFirst().orElseThrow(() -> new AssertionError("no request log line with trace " + traceId));
    }

    /** {@code logging.pattern.correlation}: {@code [traceId,spanId,correlationId]}. */
    private static String correlation(String traceId, String correlationId) {
        return "\\[" + traceId + ",[0-9a-f]{16}," + Pattern.quote(correlationId) + "\\]";
    }

    private static String spanIdOf(String traceparent) {
        Matcher m = TRACEPARENT.matcher(traceparent);
        assertThat(m.matches()).isTrue();
        return m.group(2);
    }
}

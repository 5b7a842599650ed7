package dev.strangler.proxy.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.proxy.route.Route;
import dev.strangler.proxy.route.ShadowRules;
import dev.strangler.proxy.route.Stage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ShadowMirrorTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ShadowMirror mirror = new ShadowMirror(JsonMapper.builder().build(), Executors.newSingleThreadExecutor(),
            Clock.systemUTC(), meters);
    private final Route route = new Route("payments-read", "/api/payments/**", List.of("GET"),
            URI.create("http://127.0.0.1:8081"), URI.create("http://127.0.0.1:8082"), Stage.SHADOW, 0, "test", 1,
            null, new ShadowRules(false, List.of(), 0, false, List.of("content-type"), 20, List.of(402)), null, null);

    private static ShadowAnswer answer(int status, String body) {
        return new ShadowAnswer(status, Map.of("content-type", "application/json"), body.getBytes(StandardCharsets.UTF_8), null);
    }

    private void compare(ShadowAnswer extracted) {
        mirror.compareNow(route, "GET", "/api/payments/1", "cid", answer(200, "{\"status\":\"CAPTURED\"}"), extracted);
    }

    @Test
    void aFailedMirrorIsCountedApartAndLeavesTheDiffRateToCorrectness() {
        compare(answer(200, "{\"status\":\"CAPTURED\"}"));
        compare(answer(200, "{\"status\":\"AUTHORIZED\"}"));
        compare(ShadowAnswer.failed("ConnectException: Connection refused"));
        compare(ShadowAnswer.failed("TimeoutException: The timeout period of 2000ms has been exceeded"));

        ShadowStats stats = mirror.stats(route);
        assertThat(stats.compared()).isEqualTo(2);
        assertThat(stats.differing()).isEqualTo(1);
        assertThat(stats.diffRate()).isEqualTo(0.5);
        assertThat(stats.failed()).isEqualTo(2);
        assertThat(stats.failureRate()).isEqualTo(0.5);
        assertThat(stats.samples()).singleElement().satisfies(s -> assertThat(s.differences()).containsExactly("$.status"));
        assertThat(meters.counter("proxy.shadow.comparisons", "route", route.id(), "outcome", "failed").count()).isEqualTo(2);
        assertThat(meters.counter("proxy.shadow.comparisons", "route", route.id(), "outcome", "different").count()).isEqualTo(1);
    }

    @Test
    void aDeclineOnlyTheGatewayCouldGiveIsNotComparedWithADryRun() {
        ShadowAnswer declined = answer(402, "{\"type\":\"/problems/card-declined\"}");
        ShadowAnswer wouldAuthorize = answer(201, "{\"status\":\"AUTHORIZED\"}");

        mirror.compareNow(route, "POST", "/api/payments", "cid", declined, wouldAuthorize);
        mirror.compareNow(route, "POST", "/api/payments", "cid", answer(201, "{\"status\":\"AUTHORIZED\"}"),
                answer(409, "{\"type\":\"/problems/order-already-paid\"}"));

        ShadowStats stats = mirror.stats(route);
        assertThat(stats.compared()).as("the 201/409 pair is compared, the 402 is not").isEqualTo(1);
        assertThat(stats.differing()).isEqualTo(1);
        assertThat(stats.skipped()).isEqualTo(1);
        assertThat(meters.counter("proxy.shadow.comparisons", "route", route.id(), "outcome", "not-comparable").count())
                .isEqualTo(1);
    }

    @Test
    void aRouteWithoutTheRuleComparesEveryStatus() {
        Route strict = route.withStage(Stage.SHADOW, 0, "test");
        Route withoutRule = new Route(strict.id(), strict.path(), strict.methods(), strict.legacy(), strict.extracted(),
                Stage.SHADOW, 0, "test", 1, null, ShadowRules.DEFAULT, null, null);

        mirror.compareNow(withoutRule, "POST", "/api/payments", "cid",
                answer(402, "{\"type\":\"/problems/card-declined\"}"), answer(201, "{\"status\":\"AUTHORIZED\"}"));

        assertThat(mirror.stats(withoutRule).compared()).isEqualTo(1);
        assertThat(mirror.stats(withoutRule).differing()).isEqualTo(1);
    }

    @Test
    void onlyFailedMirrorsGiveNoDiffRateButAFullFailureRate() {
        compare(ShadowAnswer.failed("ConnectException: Connection refused"));

        ShadowStats stats = mirror.stats(route);
        assertThat(stats.compared()).isZero();
        assertThat(stats.differing()).isZero();
        assertThat(stats.diffRate()).isZero();
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.failureRate()).isEqualTo(1.0);
        assertThat(stats.samples()).isEmpty();
    }
}

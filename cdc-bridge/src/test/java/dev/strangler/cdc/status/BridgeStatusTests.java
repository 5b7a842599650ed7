package dev.strangler.cdc.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.strangler.cdc.apply.ApplierStats;
import dev.strangler.cdc.apply.ChangeApplier;
import dev.strangler.cdc.apply.PairOwner;
import dev.strangler.cdc.apply.RouteOwnership;
import dev.strangler.cdc.apply.WriteOwner;
import dev.strangler.cdc.capture.CaptureEngine;
import dev.strangler.cdc.capture.CaptureStats;
import dev.strangler.cdc.publish.BrokerAdmin;
import dev.strangler.cdc.publish.DeadLetterCount;
import dev.strangler.cdc.reconcile.Reconciliations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The document {@code GET /cdc/status} answers, as Jackson writes it, for a bridge whose parts are stand-ins. */
class BridgeStatusTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aCaptureWithoutAnErrorAndARouteNotSeenYetAreJsonNullsNotTheWordNull() {
        JsonNode json = statusDocument(CaptureEngine.State.RUNNING, null, null);

        JsonNode lastError = json.path("pairs").path("payments").path("directions").path("legacy-to-service").path("capture").path("lastError");
        assertThat(lastError.isNull()).as("lastError: " + lastError).isTrue();
        JsonNode routeStage = json.path("pairs").path("payments").path("writeOwner").path("routeStage");
        assertThat(routeStage.isNull()).as("routeStage: " + routeStage).isTrue();
        assertThat(json.path("pairs").path("payments").path("writeOwner").path("owner").asString()).isEqualTo("LEGACY");
    }

    @Test
    void aFailedCaptureShowsItsError() {
        JsonNode json = statusDocument(CaptureEngine.State.FAILED, "connection refused (PSQLException)", "SHADOW");

        assertThat(json.path("pairs").path("payments").path("directions").path("legacy-to-service").path("capture").path("lastError").asString())
                .isEqualTo("connection refused (PSQLException)");
        assertThat(json.path("pairs").path("payments").path("writeOwner").path("routeStage").asString()).isEqualTo("SHADOW");
        assertThat(json.path("healthy").asBoolean()).isFalse();
    }

    @Test
    void deadLettersOnTheTopicDegradeTheBridgeAndAreNamed() {
        BridgeStatus status = bridge(CaptureEngine.State.RUNNING, null, "LEGACY", 7);
        JsonNode json = JSON.readTree(JSON.writeValueAsString(status.document()));

        assertThat(status.report().condition()).isEqualTo(BridgeStatus.Condition.DEGRADED);
        assertThat(json.path("status").asString()).isEqualTo("DEGRADED");
        assertThat(json.path("healthy").asBoolean()).isFalse();
        assertThat(json.path("problems").get(0).asString()).startsWith("7 dead letters on strangler.cdc.dead-letters");
        assertThat(json.path("deadLetters").path("count").asLong()).isEqualTo(7);
    }

    @Test
    void anOutageOutranksDeadLetters() {
        BridgeStatus status = bridge(CaptureEngine.State.FAILED, "connection refused (PSQLException)", "LEGACY", 7);

        assertThat(status.report().condition()).isEqualTo(BridgeStatus.Condition.DOWN);
        assertThat(status.document().get("problems").toString()).contains("capture is down", "7 dead letters");
    }

    @Test
    void kafkaIsAnOutageFromTheSecondFailedProbeInARowUntilItAnswers() {
        KafkaReachability kafka = new KafkaReachability(mock(BrokerAdmin.class));
        BridgeStatus status = bridge(CaptureEngine.State.RUNNING, null, "LEGACY", 0, kafka);

        kafka.failed("TimeoutException: Timed out waiting for a node assignment");
        assertThat(status.report().condition()).as("one failed probe").isEqualTo(BridgeStatus.Condition.UP);
        kafka.failed("TimeoutException: Timed out waiting for a node assignment");
        BridgeStatus.Report down = status.report();
        assertThat(down.condition()).isEqualTo(BridgeStatus.Condition.DOWN);
        JsonNode json = JSON.readTree(JSON.writeValueAsString(down.document()));
        assertThat(json.path("problems").get(0).asString()).startsWith("kafka unreachable since ")
                .contains("2 failed probes in a row", "TimeoutException");
        assertThat(json.path("kafka").path("reachable").asBoolean()).isFalse();
        assertThat(json.path("kafka").path("failingSince").asString()).isNotBlank();

        kafka.answered();
        assertThat(status.report().condition()).isEqualTo(BridgeStatus.Condition.UP);
    }

    private static JsonNode statusDocument(CaptureEngine.State state, @Nullable String lastError,
            @Nullable String routeStage) {
        return JSON.readTree(JSON.writeValueAsString(bridge(state, lastError, routeStage, 0).document()));
    }

    private static BridgeStatus bridge(CaptureEngine.State state, @Nullable String lastError,
            @Nullable String routeStage, long deadLetterCount) {
        return bridge(state, lastError, routeStage, deadLetterCount, new KafkaReachability(mock(BrokerAdmin.class)));
    }

    private static BridgeStatus bridge(CaptureEngine.State state, @Nullable String lastError,
            @Nullable String routeStage, long deadLetterCount, KafkaReachability kafka) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CaptureEngine capture = mock(CaptureEngine.class);
        when(capture.state()).thenReturn(state);
        when(capture.lastError()).thenReturn(lastError);
        ChangeApplier applier = mock(ChangeApplier.class);
        when(applier.topic()).thenReturn("strangler.cdc.legacy.payments");
        when(applier.stats()).thenReturn(new ApplierStats("legacy-to-service", "payments", meters));
        SlotMonitor slot = mock(SlotMonitor.class);
        when(slot.slot()).thenReturn("strangler_legacy");
        when(slot.last()).thenReturn(new SlotMonitor.Reading(true, true, 0, 0, 0, 0));
        DeadLetterCount deadLetters = mock(DeadLetterCount.class);
        when(deadLetters.topic()).thenReturn("strangler.cdc.dead-letters");
        when(deadLetters.count()).thenReturn(deadLetterCount);
        RouteOwnership routes = mock(RouteOwnership.class);
        when(routes.stage("payments-write")).thenReturn(routeStage);
        PairOwner owner = new PairOwner(() -> WriteOwner.LEGACY, "payments-write", routes);
        return new BridgeStatus(List.of(new Direction("payments", "legacy-to-service", capture,
                new CaptureStats("legacy-to-service", "payments", meters, false), applier, slot)), deadLetters,
                kafka, Map.of("payments", owner), mock(Reconciliations.class), Duration.ofSeconds(30),
                DataSize.ofMegabytes(512));
    }
}

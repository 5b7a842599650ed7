package dev.strangler.proxy.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.proxy.route.Route;
import dev.strangler.proxy.route.RouteStore;
import dev.strangler.proxy.route.RouteTableDocument;
import dev.strangler.proxy.route.SloPolicy;
import dev.strangler.proxy.route.Stage;
import dev.strangler.proxy.route.internal.RouteFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class SloWatchTests {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock();
    final List<CanaryRolledBack> events = new ArrayList<>();
    RouteStore store;
    SloWatch watch;

    @BeforeEach
    void setUp() {
        Route route = new Route("pay", "/api/payments/**", List.of(), URI.create("http://127.0.0.1:1"),
                URI.create("http://127.0.0.1:2"), Stage.CANARY, 50, "test", 1, null, null,
                new SloPolicy(10, 10, 0.05, 500, 2.0), null);
        store = new RouteStore(new RouteFile(dir.resolve("routes.json"), JsonMapper.builder().build()), "test", clock,
                new RouteTableDocument(1, "test", List.of(route)));
        watch = new SloWatch(store, clock, events::add);
    }

    @Test
    void waitsForTheMinimumSampleBeforeAnyVerdict() {
        for (int i = 0; i < 9; i++) {
            watch.record("pay", Side.EXTRACTED, 1_000, true);
        }
        assertThat(watch.check()).isEmpty();
        watch.record("pay", Side.EXTRACTED, 1_000, true);
        assertThat(watch.check()).containsExactly("pay");
        assertThat(store.current().route("pay").orElseThrow().stage()).isEqualTo(Stage.ROLLED_BACK);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.reason()).contains("error rate 100.0%"));
    }

    @Test
    void toleratesAnErrorRateUnderTheThreshold() {
        for (int i = 0; i < 100; i++) {
            watch.record("pay", Side.EXTRACTED, 1_000, i < 5);
        }
        assertThat(watch.check()).isEmpty();
        assertThat(watch.figures(store.current().route("pay").orElseThrow()).extracted().errorRate()).isEqualTo(0.05);
    }

    @Test
    void rollsBackWhenExtractedP99IsTooFarAboveLegacysInTheSameWindow() {
        for (int i = 0; i < 50; i++) {
            watch.record("pay", Side.LEGACY, 20_000, false);   // 20 ms
            watch.record("pay", Side.EXTRACTED, 90_000, false); // 90 ms: under the absolute 500 ms, over 2 x legacy
        }
        assertThat(watch.check()).containsExactly("pay");
        assertThat(store.current().route("pay").orElseThrow().reason()).contains("x legacy p99");
    }

    @Test
    void forgetsFiguresOlderThanTheWindow() {
        for (int i = 0; i < 20; i++) {
            watch.record("pay", Side.EXTRACTED, 1_000, true);
        }
        clock.now = clock.now.plusSeconds(11);
        for (int i = 0; i < 20; i++) {
            watch.record("pay", Side.EXTRACTED, 1_000, false);
        }
        assertThat(watch.check()).isEmpty();
    }

    @Test
    void aStageChangeStartsFromACleanWindow() {
        for (int i = 0; i < 20; i++) {
            watch.record("pay", Side.EXTRACTED, 1_000, true);
        }
        store.changeStage("pay", Stage.EXTRACTED, 0, null, "test", "cut over");
        assertThat(watch.check()).isEmpty();
    }
}

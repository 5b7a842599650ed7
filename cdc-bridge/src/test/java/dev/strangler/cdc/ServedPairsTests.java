package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Which table pairs a bridge serves, from the repository's descriptors and the databases it is given. */
class ServedPairsTests {

    private static final BridgeProperties.Database DB = new BridgeProperties.Database("127.0.0.1", 5432, "x",
            "postgres", "", "prefer", "");

    private static BridgeProperties properties(List<String> pairs, List<String> databases) {
        Map<String, BridgeProperties.Database> dbs = new java.util.LinkedHashMap<>();
        databases.forEach(d -> dbs.put(d, DB));
        return new BridgeProperties(Path.of("target"), Path.of("..", "extractions"), pairs, dbs,
                new BridgeProperties.Topics("dlq", "routes", 1),
                new BridgeProperties.Vault("http://127.0.0.1:8082", "t", Duration.ofSeconds(1)), true, true, "AUTO",
                new BridgeProperties.Health(Duration.ofSeconds(30), DataSize.ofMegabytes(256)),
                new BridgeProperties.Reconcile(Duration.ZERO),
                new BridgeProperties.PollIntervals(Duration.ofMillis(5), Duration.ofMillis(50)));
    }

    private static List<String> served(ServedPairs pairs) {
        return pairs.all().stream().map(s -> s.pair().name()).toList();
    }

    @Test
    void servesEveryPairWhoseTwoDatabasesItIsGiven() {
        assertThat(served(ServedPairs.of(properties(List.of(), List.of("shop", "payments"))))).containsExactly(
                "payments");
        assertThat(served(ServedPairs.of(properties(List.of(), List.of("shop", "payments", "customers")))))
                .containsExactlyInAnyOrder("payments", "customers");
        assertThat(ServedPairs.of(properties(List.of(), List.of("shop", "payments", "customers"))).databases())
                .containsExactlyInAnyOrder("shop", "payments", "customers");
    }

    @Test
    void servesOnlyThePairsItIsToldTo() {
        assertThat(served(ServedPairs.of(properties(List.of("customers"), List.of("shop", "payments",
                "customers"))))).containsExactly("customers");
    }

    @Test
    void refusesAPairItCannotServeOrThatNoDescriptorDescribes() {
        assertThatThrownBy(() -> ServedPairs.of(properties(List.of("customers"), List.of("shop", "payments"))))
                .hasMessageContaining("table pair 'customers'").hasMessageContaining("bridge.databases.customers");
        assertThatThrownBy(() -> ServedPairs.of(properties(List.of("refunds"), List.of("shop", "payments"))))
                .hasMessageContaining("bridge.pairs names [refunds]");
        assertThatThrownBy(() -> ServedPairs.of(properties(List.of(), List.of("shop"))))
                .hasMessageContaining("no table pair to serve").hasMessageContaining("payments");
    }
}

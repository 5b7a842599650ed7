package dev.strangler.proxy.route.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.extraction.Extractions;
import dev.strangler.extraction.InvalidDescriptorException;
import dev.strangler.proxy.ProxyProperties;
import dev.strangler.proxy.route.Route;
import dev.strangler.proxy.route.RouteTableDocument;
import dev.strangler.proxy.route.Stage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ExtractionRoutesTests {

    private static final Path REPOSITORY = Path.of("..", "extractions").toAbsolutePath().normalize();

    private static ProxyProperties properties(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("proxy", ProxyProperties.class);
    }

    private static Route route(RouteTableDocument table, String id) {
        return table.routes().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyRouteOfEveryExtractionStartsOnTheMonolithBeforeTheCatchAll() {
        RouteTableDocument table = ExtractionRoutes.defaultTable(Extractions.load(REPOSITORY), properties(Map.of(
                "proxy.legacy-upstream", "http://monolith:8081",
                "proxy.upstreams.payment-service", "http://payments:9000")));

        assertThat(table.routes()).extracting(Route::id)
                .containsExactly("customers-read", "customers-write", "payments-read", "payments-write", "legacy");
        assertThat(table.routes()).allSatisfy(r -> {
            assertThat(r.stage()).isEqualTo(Stage.LEGACY);
            assertThat(r.legacy()).isEqualTo(URI.create("http://monolith:8081"));
        });
        Route write = route(table, "payments-write");
        assertThat(write.extracted()).as("proxy.upstreams wins").isEqualTo(URI.create("http://payments:9000"));
        assertThat(write.methods()).containsExactly("POST", "PUT", "PATCH", "DELETE");
        assertThat(write.shadow().dryRun()).isTrue();
        assertThat(write.shadow().notComparedStatuses()).containsExactly(402);
        assertThat(write.timeouts().legacyConnectRetryMillis()).isEqualTo(30_000);
        assertThat(route(table, "customers-read").extracted())
                .as("the descriptor's url otherwise").isEqualTo(URI.create("http://127.0.0.1:8084"));
        Route catchAll = route(table, "legacy");
        assertThat(catchAll.path()).isEqualTo("/**");
        assertThat(catchAll.extracted()).isNull();
    }

    @Test
    void aBrokenDescriptorStopsTheProxyBeforeItServes(@TempDir Path dir) throws IOException {
        String payments = Files.readString(REPOSITORY.resolve("payments.yaml"));
        Files.writeString(dir.resolve("payments.yaml"), payments.replace("methods: [GET, HEAD]", "methods: [GIT]"));

        assertThatThrownBy(() -> new RouteConfiguration().extractions(properties(Map.of(
                "proxy.extractions", dir.toString()))))
                .isInstanceOf(InvalidDescriptorException.class)
                .hasMessageContaining(dir.resolve("payments.yaml") + ":")
                .hasMessageContaining("routes[0].methods[0]");
    }

    @Test
    void aMissingDirectoryIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> new RouteConfiguration().extractions(properties(Map.of(
                "proxy.extractions", dir.resolve("nowhere").toString()))))
                .isInstanceOf(InvalidDescriptorException.class)
                .hasMessageContaining(dir.resolve("nowhere") + ": no such directory");
    }

    @Test
    void noExtractionsLeaveOnlyTheCatchAll(@TempDir Path dir) {
        RouteTableDocument table = ExtractionRoutes.defaultTable(Extractions.load(dir), properties(Map.of()));

        assertThat(table.routes()).extracting(Route::id).isEqualTo(List.of("legacy"));
    }
}

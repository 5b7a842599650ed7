package dev.strangler.proxy.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteValidationTests {

    static Route route(String id, String path, Stage stage, int percent) {
        return new Route(id, path, List.of("GET"), URI.create("http://127.0.0.1:8081"),
                URI.create("http://127.0.0.1:8082"), stage, percent, "test", 1, null, null, null, null);
    }

    @Test
    void acceptsAWellFormedCanary() {
        assertThat(RouteValidation.problems(route("payments-read", "/api/payments/**", Stage.CANARY, 10))).isEmpty();
    }

    @Test
    void refusesBadPatternsIdsPercentagesAndUpstreams() {
        assertThat(RouteValidation.problems(route("Bad Id", "/x", Stage.LEGACY, 0))).anyMatch(p -> p.startsWith("id"));
        assertThat(RouteValidation.problems(route("a", "/api/**/x/**", Stage.LEGACY, 0))).anyMatch(p -> p.startsWith("path"));
        assertThat(RouteValidation.problems(route("a", "/x", Stage.CANARY, 101))).anyMatch(p -> p.startsWith("percent"));
        assertThat(RouteValidation.problems(route("a", "/x", Stage.SHADOW, 5))).anyMatch(p -> p.contains("only for stage CANARY"));
        Route noExtracted = route("a", "/x", Stage.EXTRACTED, 0).withUpstreams(URI.create("http://127.0.0.1:1"), null);
        assertThat(RouteValidation.problems(noExtracted)).anyMatch(p -> p.startsWith("extracted"));
        Route withPath = route("a", "/x", Stage.LEGACY, 0).withUpstreams(URI.create("http://127.0.0.1:1/base"), null);
        assertThat(RouteValidation.problems(withPath)).anyMatch(p -> p.startsWith("legacy"));
    }

    @Test
    void refusesDuplicateIdsInATable() {
        Route r = route("a", "/x", Stage.LEGACY, 0);
        assertThat(RouteValidation.problems(List.of(r, r))).anyMatch(p -> p.contains("duplicate"));
    }

    @Test
    void moreSpecificPatternsWinAndMethodRoutesBeatCatchAlls() {
        Route reads = route("reads", "/api/payments/**", Stage.LEGACY, 0);
        Route all = new Route("all", "/**", List.of(), URI.create("http://127.0.0.1:8081"), null, Stage.LEGACY, 0, null, 1, null, null, null, null);
        RouteTable table = new RouteTable(new RouteTableDocument(1, "t", List.of(all, reads)));
        assertThat(table.match("GET", "/api/payments/7").id()).isEqualTo("reads");
        assertThat(table.match("GET", "/api/payments").id()).isEqualTo("reads");
        assertThat(table.match("POST", "/api/payments/7").id()).isEqualTo("all");
        assertThat(table.match("GET", "/api/orders/1").id()).isEqualTo("all");
    }
}

package dev.strangler.proxy.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.proxy.route.ShadowRules;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonComparisonTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<String> diff(ShadowRules rules, String a, String b) {
        JsonNode x = JSON.readTree(a);
        JsonNode y = JSON.readTree(b);
        return new JsonComparison(rules).differences(x, y);
    }

    private static ShadowRules rules(List<String> ignore, double tolerance, boolean anyOrder) {
        return new ShadowRules(false, ignore, tolerance, anyOrder, List.of(), 10, List.of());
    }

    @Test
    void findsAChangedValueByItsPath() {
        assertThat(diff(ShadowRules.DEFAULT, "{\"status\":\"CAPTURED\",\"amount\":10}", "{\"status\":\"AUTHORIZED\",\"amount\":10}"))
                .containsExactly("$.status");
    }

    @Test
    void findsMissingFieldsAndArrayLengthChanges() {
        assertThat(diff(ShadowRules.DEFAULT, "{\"a\":1,\"items\":[1,2]}", "{\"items\":[1]}"))
                .containsExactlyInAnyOrder("$.a", "$.items[1]");
    }

    @Test
    void ignoresNoisePathsIncludingWildcardsAndAnyDepth() {
        ShadowRules rules = rules(List.of("$.id", "$.items[*].id", "$..createdAt"), 0, false);
        assertThat(diff(rules,
                "{\"id\":1,\"createdAt\":\"t1\",\"items\":[{\"id\":5,\"sku\":\"x\",\"meta\":{\"createdAt\":\"t\"}}]}",
                "{\"id\":2,\"createdAt\":\"t2\",\"items\":[{\"id\":9,\"sku\":\"x\",\"meta\":{\"createdAt\":\"u\"}}]}"))
                .isEmpty();
        assertThat(diff(rules, "{\"items\":[{\"id\":5,\"sku\":\"x\"}]}", "{\"items\":[{\"id\":9,\"sku\":\"y\"}]}"))
                .containsExactly("$.items[0].sku");
    }

    @Test
    void comparesNumbersWithTheRouteTolerance() {
        ShadowRules rules = rules(List.of(), 0.001, false);
        assertThat(diff(rules, "{\"amount\":12.5}", "{\"amount\":12.50}")).isEmpty();
        assertThat(diff(rules, "{\"amount\":12.5}", "{\"amount\":12.51}")).containsExactly("$.amount");
    }

    @Test
    void ignoresArrayOrderOnlyWhenTheRouteSaysSo() {
        String a = "[{\"k\":1},{\"k\":2}]";
        String b = "[{\"k\":2},{\"k\":1}]";
        assertThat(diff(rules(List.of(), 0, true), a, b)).isEmpty();
        assertThat(diff(rules(List.of(), 0, false), a, b)).isNotEmpty();
        assertThat(diff(rules(List.of(), 0, true), a, "[{\"k\":2},{\"k\":3}]")).isNotEmpty();
    }

    @Test
    void redactsCardNumbersAndTokensInSamples() {
        String redacted = Redaction.redact("{\"cardNumber\":\"4242424242424242\",\"cardToken\":\"tok_abc\",\"orderId\":1234567890123}");
        assertThat(redacted).doesNotContain("4242424242424242").contains("****4242")
                .doesNotContain("tok_abc").contains("1234567890123");
        assertThat(Redaction.maskQuery("card=4242424242424242&page=2")).isEqualTo("card=***&page=***");
    }
}

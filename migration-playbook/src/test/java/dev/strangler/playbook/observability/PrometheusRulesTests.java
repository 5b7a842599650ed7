package dev.strangler.playbook.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped Prometheus alert rules and scrape configuration: well formed, every alert labelled and explained, and
 * every metric an expression uses one that a component really registers (Micrometer's Prometheus naming applied to
 * the meter names in the sources), so a renamed meter cannot leave an alert that never fires. When Debian's
 * {@code promtool} is installed, it checks both files too.
 */
class PrometheusRulesTests {

    private static final Path DIR = Path.of("..", "observability", "prometheus");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern METRIC = Pattern.compile("\\b((?:proxy|strangler|payments)_[a-z0-9_]+)\\b");
    private static final Pattern METER = Pattern.compile(
            "(Counter|Timer|Gauge)\\.builder\\(\"([a-z0-9.]+)\"|\\.(counter|timer)\\(\"([a-z0-9.]+)\"");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\"([a-z]+)\"\\)");

    @Test
    void everyAlertHasAnExpressionASeverityAndASummary() throws IOException {
        List<JsonNode> rules = rules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(7);
        Set<String> names = new TreeSet<>();
        for (JsonNode rule : rules) {
            String alert = rule.path("alert").asText();
            assertThat(alert).as("alert name").matches("[A-Z][A-Za-z0-9]+");
            assertThat(names.add(alert)).as("unique: " + alert).isTrue();
            assertThat(rule.path("expr").asText()).as(alert).isNotBlank();
            assertThat(rule.path("labels").path("severity").asText()).as(alert).isIn("page", "ticket");
            assertThat(rule.path("annotations").path("summary").asText()).as(alert).isNotBlank();
        }
        // the migration's questions each have an alert
        assertThat(names).contains("CanaryRolledBack", "CdcLagHigh", "CdcReconciliationMismatches",
                "CdcDeadLetters", "CdcSlotRetainsWal");
    }

    @Test
    void everyMetricTheRulesUseIsOneAComponentExposes() throws IOException {
        Set<String> exposed = exposedMetrics();
        assertThat(exposed).contains("proxy_rollbacks_total", "strangler_cdc_applied_total",
                "strangler_cdc_slot_retained_wal_bytes");
        Set<String> used = new TreeSet<>();
        for (JsonNode rule : rules()) {
            Matcher m = METRIC.matcher(rule.path("expr").asText());
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(exposed).as("metrics the components register").containsAll(used);
    }

    @Test
    void theScrapeConfigurationScrapesEveryServiceAndLoadsTheRules() throws IOException {
        JsonNode config = YAML.readTree(DIR.resolve("prometheus.yml").toFile());
        assertThat(config.path("rule_files").get(0).asText()).isEqualTo("strangler-rules.yml");
        List<String> jobs = new ArrayList<>();
        config.path("scrape_configs").forEach(job -> {
            jobs.add(job.path("job_name").asText());
            assertThat(job.path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
        });
        assertThat(jobs).containsExactlyInAnyOrder("strangler-proxy", "legacy-monolith", "payment-service",
                "cdc-bridge");
    }

    @Test
    void promtoolAcceptsBothFilesWhereItIsInstalled() throws Exception {
        Path promtool = dev.strangler.lab.process.DetachedProcesses.onPath("promtool").orElse(null);
        if (promtool == null) {
            // Debian's prometheus package brings promtool; without it the tests above are the check
            assertThat(Files.isRegularFile(DIR.resolve("strangler-rules.yml"))).isTrue();
            return;
        }
        for (List<String> check : List.of(List.of("check", "rules", "strangler-rules.yml"),
                List.of("check", "config", "prometheus.yml"))) {
            List<String> command = new ArrayList<>(List.of(promtool.toString()));
            command.addAll(check);
            Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.exitValue()).as(output).isZero();
        }
    }

    private static List<JsonNode> rules() throws IOException {
        JsonNode root = YAML.readTree(DIR.resolve("strangler-rules.yml").toFile());
        List<JsonNode> rules = new ArrayList<>();
        root.path("groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    /** Prometheus names of every meter registered in the components' main sources. */
    private static Set<String> exposedMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String module : List.of("strangler-proxy", "cdc-bridge", "extracted/payment-service", "legacy-monolith")) {
            try (Stream<Path> files = Files.walk(Path.of("..", module, "src", "main", "java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    Matcher m = METER.matcher(source);
                    while (m.find()) {
                        String type = (m.group(1) != null ? m.group(1) : m.group(3)).toLowerCase();
                        String base = (m.group(2) != null ? m.group(2) : m.group(4)).replace('.', '_');
                        int end = source.indexOf(".register(", m.end());
                        Matcher unit = BASE_UNIT.matcher(source.substring(m.end(), end < 0 ? m.end() : end));
                        String suffix = unit.find() ? "_" + unit.group(1) : "";
                        switch (type) {
                            case "counter" -> names.add(base + suffix + "_total");
                            case "timer" -> names.addAll(List.of(base + "_seconds_count", base + "_seconds_sum",
                                    base + "_seconds_max", base + "_seconds_bucket"));
                            default -> names.add(base + suffix);
                        }
                    }
                }
            }
        }
        return names;
    }
}

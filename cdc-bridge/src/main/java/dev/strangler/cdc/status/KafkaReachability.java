package dev.strangler.cdc.status;

import dev.strangler.cdc.publish.BrokerAdmin;
import dev.strangler.cdc.publish.BrokerAdmin.BrokerUnavailable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Whether the Kafka broker answers, asked every couple of seconds with a short timeout (a cluster description: one
 * round trip). While the broker is gone the appliers receive nothing, so their lag says 0, and the capture's and the
 * slot's ages need the lag threshold's time to tell; this tells within seconds. One failed probe can be a hiccup:
 * Kafka counts as unreachable from the second failure in a row.
 */
@Component
public final class KafkaReachability {

    /** Failed probes in a row that make Kafka unreachable. */
    static final int FAILURES = 2;

    /** The probes since the last answer: how many failed, since when, the last error. One value, read whole. */
    private record Failures(int count, @Nullable Instant since, @Nullable String lastError) {
        static final Failures NONE = new Failures(0, null, null);
    }

    private final BrokerAdmin kafka;
    private volatile Failures failures = Failures.NONE;

    KafkaReachability(BrokerAdmin kafka) {
        this.kafka = kafka;
    }

    @Scheduled(fixedDelayString = "${bridge.health.kafka-probe:2s}")
    void probe() {
        try {
            kafka.ask(admin -> admin.describeCluster(new DescribeClusterOptions()
                    .timeoutMs((int) BrokerAdmin.TIMEOUT.toMillis())).clusterId());
            answered();
        } catch (BrokerUnavailable e) {
            failed(e.getMessage());
        }
    }

    void answered() {
        failures = Failures.NONE;
    }

    void failed(String error) {
        Failures before = failures;
        failures = new Failures(before.count() + 1, before.since() == null ? Instant.now() : before.since(), error);
    }

    public boolean reachable() {
        return failures.count() < FAILURES;
    }

    /** The outage in words, or null while Kafka answers. */
    public @Nullable String problem() {
        Failures now = failures;
        return now.count() < FAILURES ? null : "kafka unreachable since " + now.since() + " (" + now.count()
                + " failed probes in a row): " + now.lastError();
    }

    /** For {@code /cdc/status}: {@code reachable}, and since when the probes fail, how many, with what error. */
    public Map<String, @Nullable Object> document() {
        Failures now = failures;
        Map<String, @Nullable Object> doc = new LinkedHashMap<>();
        doc.put("reachable", now.count() < FAILURES);
        doc.put("failingSince", now.since() == null ? null : now.since().toString());
        doc.put("failedProbes", now.count());
        doc.put("lastError", now.lastError());
        return doc;
    }
}

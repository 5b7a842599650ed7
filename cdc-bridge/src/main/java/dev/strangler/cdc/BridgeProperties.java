package dev.strangler.cdc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The bridge's configuration ({@code bridge.*}); every default is the lab's.
 *
 * @param dataDirectory where Debezium keeps its offsets (one file per capture); must survive restarts
 * @param extractions   the directory of extraction descriptors ({@code <name>.yaml}): their table pairs are what the
 *                      bridge keeps in step
 * @param pairs         the table pairs this bridge serves, by name; empty: every pair whose two databases are in
 *                      {@code databases}
 * @param databases     the databases by the logical names the descriptors use ({@code legacy.database},
 *                      {@code extracted.database})
 * @param forward       whether legacy -> new runs
 * @param reverse       whether new -> legacy runs
 * @param conflictOwner which side wins a conflicting write: {@code AUTO} follows the proxy's route table (the side
 *                      that serves each pair's owner route), or {@code LEGACY}, {@code SERVICE}, {@code NONE} (latest
 *                      source timestamp wins) for every pair
 * @param pollInterval  how long each capture's Debezium queue waits for a fuller batch
 */
@ConfigurationProperties("bridge")
public record BridgeProperties(
        @DefaultValue(".lab/data/cdc-bridge") Path dataDirectory,
        @DefaultValue("extractions") Path extractions,
        @DefaultValue List<String> pairs,
        @DefaultValue Map<String, Database> databases,
        @DefaultValue Kafka kafka,
        @DefaultValue Topics topics,
        @DefaultValue Vault vault,
        @DefaultValue("true") boolean forward,
        @DefaultValue("true") boolean reverse,
        @DefaultValue("AUTO") String conflictOwner,
        @DefaultValue Health health,
        @DefaultValue Reconcile reconcile,
        @DefaultValue PollIntervals pollInterval) {

    /**
     * How long each capture's Debezium queue waits for a fuller batch before it hands over what it has: a change
     * waits up to this long in the queue. Debezium's queue waits in whole milliseconds and spins through the last one
     * of every interval, so an idle capture burns about 1 ms of CPU per interval (a 5 ms interval keeps ~17 % of a
     * core busy per capture in an idle lab). Legacy -> new carries the migration's lag, so it polls every 5 ms (at
     * 10 ms the benchmark's lag p50 went from 13 to 17 ms); the outbox (new -> legacy, the monolith's reports after
     * cut-over, idle before) waits 50 ms, and its engine no longer takes CPU from the forward direction.
     */
    public record PollIntervals(@DefaultValue("5ms") Duration legacy, @DefaultValue("50ms") Duration service) {

        public PollIntervals {
            if (legacy.toMillis() < 1 || service.toMillis() < 1) {
                throw new IllegalArgumentException("bridge.poll-interval.legacy and .service must be at least 1ms");
            }
        }
    }

    /**
     * A PostgreSQL database; the user needs the REPLICATION attribute (Debezium opens a replication slot).
     */
    public record Database(@DefaultValue("127.0.0.1") String host, @DefaultValue("0") int port,
                           @DefaultValue("") String database, @DefaultValue("postgres") String user,
                           @DefaultValue("") String password) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    public record Kafka(@DefaultValue("127.0.0.1:9092") String bootstrapServers,
                        @DefaultValue("http://127.0.0.1:8085/apis/ccompat/v7") String schemaRegistryUrl) {
    }

    /**
     * Each table pair has two change topics, {@code strangler.cdc.legacy.<pair>} and
     * {@code strangler.cdc.service.<pair>}.
     *
     * @param deadLetters records the appliers could not apply, with the reason in headers
     * @param routes the proxy's route table (read to know which side owns each pair's writes)
     * @param partitions of the change topics when the bridge creates them. Keyed by row key, so one row's changes
     *                   stay ordered with any count; but a source {@code truncate} is only ordered against every other
     *                   change in one partition (with more, a new row can reach the target before an old row with
     *                   the same unique values is removed): keep 1 unless the sources are never truncated
     */
    public record Topics(@DefaultValue("strangler.cdc.dead-letters") String deadLetters,
                         @DefaultValue("strangler.routes") String routes,
                         @DefaultValue("1") int partitions) {
    }

    /** The vault's internal tokenize endpoint (in the service that owns the cards). */
    public record Vault(@DefaultValue("http://127.0.0.1:8082") String baseUrl,
                        @DefaultValue("lab-internal-token") String internalToken,
                        @DefaultValue("10s") Duration timeout) {

        @Override
        public String toString() {
            return "Vault[baseUrl=" + baseUrl + "]";
        }
    }

    /**
     * @param lagThreshold health is DOWN when a direction's lag (the applier's or the source side's, the largest) is
     *                     longer than this
     * @param walWarning the replication slot's retained WAL above which health reports a warning
     */
    public record Health(@DefaultValue("30s") Duration lagThreshold, @DefaultValue("256MB") DataSize walWarning) {
    }

    /**
     * @param every how often the bridge reconciles every pair by itself (0 turns it off); chunk size and settle time
     *              are each pair's, in its descriptor
     */
    public record Reconcile(@DefaultValue("60s") Duration every) {
    }
}

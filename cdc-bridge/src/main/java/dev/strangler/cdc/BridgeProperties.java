package dev.strangler.cdc;

import dev.strangler.support.settings.MissingSetting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The bridge's configuration ({@code bridge.*}); the lab's addresses and secrets are in its lab profile
 * ({@code application-lab.properties}), Kafka is {@code strangler.kafka.*} and the registry
 * {@code strangler.schema-registry.*}.
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
        @DefaultValue("data/cdc-bridge") Path dataDirectory,
        @DefaultValue("extractions") Path extractions,
        @DefaultValue List<String> pairs,
        @DefaultValue Map<String, Database> databases,
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
     * A PostgreSQL database; the user needs the REPLICATION attribute (Debezium opens a replication slot). The
     * password may come from a file ({@code spring.config.import=configtree:...}, a file named
     * {@code bridge.databases.<name>.password}).
     *
     * @param sslmode     pgjdbc's and Debezium's: {@code disable}, {@code prefer} (their default), {@code require},
     *                    {@code verify-ca} or {@code verify-full} (the server's certificate and host name checked)
     * @param sslrootcert the CA that signed the server's certificate (PEM), for {@code verify-ca}/{@code verify-full}
     */
    public record Database(@DefaultValue("") String host, @DefaultValue("0") int port,
                           @DefaultValue("") String database, @DefaultValue("") String user,
                           @DefaultValue("") String password, @DefaultValue("prefer") String sslmode,
                           @DefaultValue("") String sslrootcert) {

        private static final java.util.Set<String> SSL_MODES = java.util.Set.of("disable", "allow", "prefer",
                "require", "verify-ca", "verify-full");

        public Database {
            if (!SSL_MODES.contains(sslmode)) {
                throw new IllegalArgumentException("sslmode '" + sslmode + "': it must be one of disable, allow,"
                        + " prefer, require, verify-ca, verify-full");
            }
        }

        /**
         * The settings a database must have to be used, named as {@code bridge.databases.<name>.*}.
         *
         * @throws IllegalStateException naming the first missing one
         */
        public Database require(String name) {
            String prefix = "bridge.databases." + name + ".";
            if (host.isBlank()) {
                throw new MissingSetting(prefix + "host", "is not set: the descriptors use database '" + name + "'");
            }
            if (port <= 0) {
                throw new MissingSetting(prefix + "port", "is not set: the descriptors use database '" + name + "'");
            }
            if (database.isBlank()) {
                throw new MissingSetting(prefix + "database", "is not set: the descriptors use database '"
                        + name + "'");
            }
            if (user.isBlank()) {
                throw new MissingSetting(prefix + "user", "is not set: the descriptors use database '" + name
                        + "' (a user with the REPLICATION attribute)");
            }
            if ((sslmode.equals("verify-ca") || sslmode.equals("verify-full")) && sslrootcert.isBlank()) {
                throw new MissingSetting(prefix + "sslrootcert", "is not set, and sslmode is " + sslmode
                        + ": the CA that signed the server's certificate (PEM)");
            }
            return this;
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + sslmode
                    + (sslrootcert.isBlank() ? "" : "&sslrootcert=" + java.net.URLEncoder.encode(sslrootcert,
                    java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Database[" + user + "@" + host + ":" + port + "/" + database + ", sslmode=" + sslmode + "]";
        }
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
    public record Vault(@DefaultValue("") String baseUrl,
                        @DefaultValue("") String internalToken,
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

package dev.strangler.cdc.capture.internal;

import dev.strangler.cdc.BridgeProperties.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The Debezium PostgreSQL connector settings for one captured table. The tuning values are the ones measured in
 * {@code shared/notes/infra.md}: a 5 ms poll, large batches and queue, {@code pgoutput}, a publication limited to
 * the captured table, precise decimals (money stays exact), truncates captured (the shop's re-seed truncates).
 */
public final class DebeziumConfig {

    private DebeziumConfig() {
    }

    /**
     * @param name the engine and slot's name: lowercase letters, digits and underscores
     * @param table {@code schema.table}
     * @param snapshot {@code when_needed} to backfill the existing rows first, and again when the slot's position is
     *                 gone (a dropped or invalidated slot): the appliers skip what they already hold
     * @param pollInterval how long the queue waits for a fuller batch (see {@code BridgeProperties.PollIntervals})
     */
    public static Properties forTable(String name, Database db, Path offsetFile, String table, String snapshot,
            Duration pollInterval) {
        Properties p = new Properties();
        p.setProperty("name", name);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", offsetFile.toAbsolutePath().toString());
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("database.hostname", db.host());
        p.setProperty("database.port", Integer.toString(db.port()));
        p.setProperty("database.user", db.user());
        p.setProperty("database.password", db.password());
        p.setProperty("database.sslmode", db.sslmode());
        if (!db.sslrootcert().isBlank()) {
            p.setProperty("database.sslrootcert", db.sslrootcert());
        }
        p.setProperty("database.dbname", db.database());
        p.setProperty("topic.prefix", name);
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", name);
        p.setProperty("publication.name", name);
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("table.include.list", table);
        p.setProperty("snapshot.mode", snapshot);
        p.setProperty("skipped.operations", "none");
        // the logical decoding messages that open the bridge's own transactions (BridgeOrigin), and the heartbeats'
        p.setProperty("message.prefix.include.list", "strangler\\.origin,strangler\\.heartbeat");
        p.setProperty("decimal.handling.mode", "precise");
        p.setProperty("poll.interval.ms", Long.toString(pollInterval.toMillis()));
        p.setProperty("max.batch.size", "4096");
        p.setProperty("max.queue.size", "16384");
        p.setProperty("status.update.interval.ms", "2000");
        // Debezium's latency quantiles (a sketch updated per change on a metrics thread, shown in JMX only): the bridge
        // measures its lag itself, end to end (ApplierStats); a slower metrics thread also drops more (see the
        // application.properties note on MeasurementCollector)
        p.setProperty("statistics.metrics.enabled", "false");
        // A quiet captured table must not hold the WAL of every other table's writes: before cut-over the service's
        // outbox is quiet while the forward applier writes its tables (a gigabyte of WAL in minutes, after which
        // PostgreSQL invalidates the slot at max_slot_wal_keep_size and the reverse capture is lost), and the monolith's
        // captured table is quiet while its other tables change. Heartbeats alone do not move the slot: pgoutput sends nothing
        // for transactions outside the publication, so Debezium has no event position to confirm. With
        // connector_and_driver the JDBC driver confirms the server's keepalive position whenever everything received
        // so far is confirmed, which is exactly the quiet case; Debezium still confirms its own events.
        p.setProperty("lsn.flush.mode", "connector_and_driver");
        // The keepalives come when the server has nothing else to say, which on a busy database can be long: the slot
        // of a second, quiet table of the monolith's held a segment with old card numbers for more than the
        // decommission's two minutes. So every heartbeat writes a logical decoding message, which every slot of the
        // database receives whatever its publication: its capture confirms it, and the slot moves on.
        p.setProperty("heartbeat.interval.ms", "5000");
        p.setProperty("heartbeat.action.query",
                "select pg_logical_emit_message(false, 'strangler.heartbeat', 'heartbeat')");
        // never put record contents into log lines: a legacy row holds a card number
        p.setProperty("errors.log.include.messages", "false");
        p.setProperty("errors.retry.delay.initial.ms", "300");
        p.setProperty("errors.retry.delay.max.ms", "10000");
        return p;
    }
}

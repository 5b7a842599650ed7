package dev.strangler.cdc;

import brave.Tracing;
import brave.handler.SpanHandler;
import dev.strangler.cdc.ServedPairs.Served;
import dev.strangler.cdc.apply.ApplierStats;
import dev.strangler.cdc.apply.ChangeApplier;
import dev.strangler.cdc.apply.PairOwner;
import dev.strangler.cdc.apply.RouteOwnership;
import dev.strangler.cdc.apply.internal.TableWriter;
import dev.strangler.cdc.capture.CaptureEngine;
import dev.strangler.cdc.capture.CaptureStats;
import dev.strangler.cdc.capture.CardTokenizer;
import dev.strangler.cdc.capture.OutboxCapture;
import dev.strangler.cdc.capture.TableCapture;
import dev.strangler.cdc.capture.internal.DebeziumConfig;
import dev.strangler.cdc.capture.internal.LostSlots;
import dev.strangler.cdc.capture.internal.VaultTokenizer;
import dev.strangler.cdc.publish.BrokerAdmin;
import dev.strangler.cdc.publish.ChangePublisher;
import dev.strangler.cdc.publish.DeadLetterCount;
import dev.strangler.cdc.publish.DeadLetters;
import dev.strangler.cdc.publish.SchemaGate;
import dev.strangler.cdc.publish.TopicSetup;
import dev.strangler.cdc.reconcile.Reconciler;
import dev.strangler.cdc.reconcile.Reconciliations;
import dev.strangler.cdc.status.BridgeStatus;
import dev.strangler.cdc.status.Direction;
import dev.strangler.cdc.status.DirectionLag;
import dev.strangler.cdc.status.KafkaReachability;
import dev.strangler.cdc.status.SlotMonitor;
import dev.strangler.cdc.tracing.ChangeTracing;
import dev.strangler.cdc.translate.ChangeShape;
import dev.strangler.cdc.translate.OutboxTranslator;
import dev.strangler.cdc.translate.RowTranslator;
import dev.strangler.extraction.Extraction;
import dev.strangler.extraction.LiveSchemaCheck;
import dev.strangler.extraction.TablePair;
import dev.strangler.extraction.TablePair.SideName;
import dev.strangler.extraction.TableSide;
import dev.strangler.registry.AvroDeserializer;
import dev.strangler.registry.SchemaRegistryClient;
import dev.strangler.support.kafka.KafkaConnection;
import dev.strangler.support.observation.SpanDestinations;
import dev.strangler.support.settings.MissingSetting;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.exporter.SpanReporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.connect.source.SourceRecord;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the bridge from the extraction descriptors: for each served table pair, two directions. Legacy -> new:
 * Debezium on the legacy side's table (initial snapshot = backfill) -> {@code strangler.cdc.legacy.<pair>} -> the
 * extracted side's table. New -> legacy: Debezium on the extracted side (its table, or its outbox) ->
 * {@code strangler.cdc.service.<pair>} -> the legacy side's table. The bridge's bookkeeping schema is migrated in
 * every database at start, after the descriptors were checked against the live tables and the schema registry.
 */
@Configuration(proxyBeanMethods = false)
class BridgeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BridgeConfiguration.class);

    @Bean
    ServedPairs servedPairs(BridgeProperties properties) {
        ServedPairs pairs = ServedPairs.of(properties);
        log.info("Serving table pairs {}", pairs.all().stream()
                .map(s -> s.extraction().name() + "/" + s.pair().name()).toList());
        return pairs;
    }

    @Bean(destroyMethod = "close")
    BridgeDatabases bridgeDatabases(BridgeProperties properties, ServedPairs pairs) {
        return new BridgeDatabases(properties.databases(), pairs.databases());
    }

    /** Each database's connection check, as Spring Boot's {@code db} indicator would have it for one. */
    @Bean("db")
    CompositeHealthContributor db(BridgeDatabases databases) {
        Map<String, DataSourceHealthIndicator> indicators = new LinkedHashMap<>();
        databases.all().forEach((name, ds) -> indicators.put(name, new DataSourceHealthIndicator(ds)));
        return CompositeHealthContributor.fromMap(indicators);
    }

    /**
     * Before anything reads or writes: each extraction's descriptor against the live tables (a column it names
     * that is missing, or of another type, stops the start with the file, line and field), then the bridge's own
     * schema ({@code strangler_cdc}) in every database.
     */
    @Bean
    BridgeSchemas bridgeSchemas(BridgeDatabases databases, ServedPairs pairs) {
        for (Extraction e : pairs.extractions()) {
            try (Connection legacy = databases.get(e.legacy().database()).getConnection();
                    Connection extracted = databases.get(e.extracted().database()).getConnection()) {
                LiveSchemaCheck.verify(e, legacy, extracted);
            } catch (SQLException ex) {
                throw new IllegalStateException("cannot read the tables of extraction '" + e.name() + "': "
                        + ex.getMessage(), ex);
            }
        }
        for (DataSource ds : databases.all().values()) {
            Flyway.configure().dataSource(ds).schemas("strangler_cdc").createSchemas(true)
                    .table("flyway_schema_history").locations("classpath:db/cdc").load().migrate();
        }
        return new BridgeSchemas();
    }

    /** Marker: the descriptors match the live tables, and the bookkeeping schemas are migrated. */
    static final class BridgeSchemas {
    }

    /** Each pair's change record, derived from its descriptor, and refused when it would break its topics' readers. */
    @Bean
    RecordShapes recordShapes(ServedPairs pairs, SchemaRegistryClient registry) {
        Map<String, ChangeShape> shapes = new LinkedHashMap<>();
        for (Served s : pairs.all()) {
            ChangeShape shape = ChangeShape.of(s.pair());
            for (SideName side : SideName.values()) {
                SchemaGate.verify(registry, s.pair().topic(side), shape.schema(),
                        "extraction '" + s.extraction().name() + "', table pair '" + s.pair().name() + "'");
            }
            shapes.put(s.pair().name(), shape);
        }
        return new RecordShapes(shapes);
    }

    /** The change records of the served pairs, by pair name. */
    record RecordShapes(Map<String, ChangeShape> byPair) {

        ChangeShape get(String pair) {
            return byPair.get(pair);
        }
    }

    @Bean
    SchemaRegistryClient schemaRegistryClient(Environment environment) {
        return new SchemaRegistryClient(RegistrySettings.bind(environment));
    }

    @Bean
    TopicSetup topicSetup(BridgeProperties properties, KafkaConnection kafka, ServedPairs pairs) {
        BridgeProperties.Topics t = properties.topics();
        List<String> changeTopics = new ArrayList<>();
        for (Served s : pairs.all()) {
            for (SideName side : SideName.values()) {
                changeTopics.add(s.pair().topic(side));
            }
        }
        TopicSetup setup = new TopicSetup(kafka);
        setup.ensure(changeTopics, t.partitions(), List.of(t.deadLetters()));
        return setup;
    }

    @Bean(destroyMethod = "close")
    ChangePublisher changePublisher(KafkaConnection kafka, SchemaRegistryClient registry, TopicSetup topics) {
        return new ChangePublisher(kafka, registry);
    }

    @Bean(destroyMethod = "close")
    DeadLetters deadLetters(BridgeProperties properties, KafkaConnection kafka, TopicSetup topics) {
        return new DeadLetters(kafka, properties.topics().deadLetters());
    }

    @Bean(destroyMethod = "close")
    BrokerAdmin brokerAdmin(KafkaConnection kafka) {
        return new BrokerAdmin(kafka);
    }

    @Bean
    DeadLetterCount deadLetterCount(BridgeProperties properties, BrokerAdmin kafka, MeterRegistry meters,
            TopicSetup topics) {
        return new DeadLetterCount(kafka, properties.topics().deadLetters(), meters);
    }

    /**
     * The bridge's spans, through the {@code brave.Tracing} that Spring Boot configures (sampling, propagation,
     * Zipkin export); propagation only when there is none, or when no span would reach anything (the default: export
     * off). Four spans per change that go nowhere were 5-10% of the capture's and the applier's time.
     */
    @Bean
    ChangeTracing changeTracing(ObjectProvider<Tracing> tracing, ObjectProvider<SpanHandler> spanHandlers,
            ObjectProvider<SpanReporter> reporters) {
        Tracing t = tracing.getIfAvailable();
        boolean record = t != null && SpanDestinations.any(spanHandlers, reporters);
        log.info("Tracing: {}", record ? "four spans per change (capture, publish, consume, apply)"
                : "trace context carried in the records' headers, no spans (no exporter)");
        return record ? ChangeTracing.of(t) : ChangeTracing.off();
    }

    @Bean
    RouteOwnership routeOwnership(BridgeProperties properties, KafkaConnection kafka) {
        return new RouteOwnership(kafka, properties.topics().routes());
    }

    /** Who owns each pair's writes, by pair name. */
    @Bean
    PairOwners pairOwners(BridgeProperties properties, ServedPairs pairs, RouteOwnership routes) {
        Map<String, PairOwner> owners = new LinkedHashMap<>();
        for (Served s : pairs.all()) {
            owners.put(s.pair().name(), PairOwner.of(s.pair(), properties.conflictOwner(), routes));
        }
        return new PairOwners(owners);
    }

    /** The owners of the served pairs' writes, by pair name. */
    record PairOwners(Map<String, PairOwner> byPair) {
    }

    /** The card tokenizer, shared by every capture (one cache). */
    @Bean
    CardTokenizer cardTokenizer(BridgeProperties properties, ServedPairs pairs) {
        boolean cards = pairs.all().stream().anyMatch(s -> s.pair().fields().stream()
                .anyMatch(f -> f.type() == dev.strangler.extraction.FieldType.CARD));
        if (cards && properties.vault().baseUrl().isBlank()) {
            throw new MissingSetting("bridge.vault.base-url", "is not set, and a served pair carries a card"
                    + " number (tokenized at capture): the vault's base URL, in the service that owns the cards");
        }
        if (cards && properties.vault().internalToken().isBlank()) {
            throw new MissingSetting("bridge.vault.internal-token", "is not set, and a served pair carries a"
                    + " card number: the vault's internal token (from a file: spring.config.import=configtree:...)");
        }
        return new VaultTokenizer(properties.vault());
    }

    /** Both directions of every served pair. */
    @Bean
    Directions directions(BridgeProperties properties, KafkaConnection kafka, ServedPairs pairs, BridgeDatabases databases,
            BridgeSchemas schemas, RecordShapes shapes, ChangePublisher publisher, DeadLetters deadLetters,
            SchemaRegistryClient registry, PairOwners owners, CardTokenizer tokenizer, MeterRegistry meters,
            ChangeTracing tracing) {
        List<Direction> all = new ArrayList<>();
        for (Served s : pairs.all()) {
            TablePair pair = s.pair();
            ChangeShape shape = shapes.get(pair.name());
            String legacy = s.extraction().legacy().database();
            String extracted = s.extraction().extracted().database();
            PairOwner owner = owners.byPair().get(pair.name());
            Wiring w = new Wiring(properties, kafka, databases, shape, publisher, deadLetters, registry, owner, tokenizer,
                    meters, tracing);
            all.add(w.direction(SideName.LEGACY, legacy, extracted, properties.pollInterval().legacy()));
            all.add(w.direction(SideName.EXTRACTED, extracted, legacy, properties.pollInterval().service()));
        }
        return new Directions(all);
    }

    /** Every direction of every served pair. */
    record Directions(List<Direction> all) {
    }

    /** Builds one direction of one pair: the capture of {@code from}, the applier into the other side. */
    private record Wiring(BridgeProperties properties, KafkaConnection kafka, BridgeDatabases databases,
                          ChangeShape shape, ChangePublisher publisher,
                          DeadLetters deadLetters, SchemaRegistryClient registry, PairOwner owner,
                          CardTokenizer tokenizer, MeterRegistry meters, ChangeTracing tracing) {

        /** @param sourceDb the database of {@code from}, {@code targetDb} the other side's (logical names) */
        Direction direction(SideName from, String sourceDb, String targetDb, Duration pollInterval) {
            DataSource source = databases.get(sourceDb);
            DataSource target = databases.get(targetDb);
            TablePair pair = shape.pair();
            SideName to = from == SideName.LEGACY ? SideName.EXTRACTED : SideName.LEGACY;
            String name = from == SideName.LEGACY ? "legacy-to-service" : "service-to-legacy";
            String label = pair.name() + "." + name;
            String topic = pair.topic(from);
            String slot = slot(pair, from);
            Path offsets = offsetFile(properties, slot);
            TableSide side = pair.side(from);
            String captured = side.capture() instanceof TableSide.Outbox o ? o.table() : side.table();
            CaptureStats stats = new CaptureStats(name, pair.name(), meters, CaptureStats.snapshotDoneIn(offsets));
            DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> handler = switch (side.capture()) {
                case TableSide.OriginMarker m -> new TableCapture(new RowTranslator(shape, from), m.column(),
                        tokenizer, publisher, topic, stats, deadLetters, tracing.capture(name, captured, topic));
                case TableSide.Outbox o -> new OutboxCapture(new OutboxTranslator(shape, from),
                        pair.keyField().name(), publisher, topic, stats, deadLetters,
                        tracing.capture(name, captured, topic));
            };
            BridgeProperties.Database db = properties.databases().get(sourceDb);
            CaptureEngine capture = new CaptureEngine(label, DebeziumConfig.forTable(slot, db, offsets,
                    qualified(captured), "when_needed", pollInterval), handler,
                    new LostSlots(label, slot, source, offsets, stats::snapshotStartsAgain));
            ChangeApplier applier = new ChangeApplier(label, topic, kafka, target,
                    new TableWriter(shape, to), shape, AvroDeserializer.generic(registry, shape.schema()),
                    deadLetters, owner.owner(), new ApplierStats(name, pair.name(), meters),
                    tracing.apply(name, pair.side(to).table(), topic));
            return new Direction(pair.name(), name, capture, stats, applier, new SlotMonitor(slot, source, meters));
        }
    }

    /**
     * The replication slot (and publication) of a pair's side: {@code strangler_<legacy|service>_<pair>}. Slots are
     * cluster-wide in PostgreSQL: two bridges on one server need different pair names.
     */
    static String slot(TablePair pair, SideName side) {
        return ("strangler_" + side.topicPart() + "_" + pair.name()).replace('-', '_');
    }

    private static String qualified(String table) {
        return table.contains(".") ? table : "public." + table;
    }

    /** The enabled directions' engines and appliers as lifecycle beans, so that Spring starts and stops them. */
    @Bean
    RunningDirections runningDirections(BridgeProperties properties, Directions directions) {
        List<Direction> enabled = new ArrayList<>();
        for (Direction d : directions.all()) {
            boolean on = d.name().equals("legacy-to-service") ? properties.forward() : properties.reverse();
            if (on) {
                enabled.add(d);
            }
        }
        return new RunningDirections(enabled);
    }

    /** Every pair reconciled on demand and every {@code bridge.reconcile.every}, its metrics tagged by pair. */
    @Bean
    Reconciliations reconciliations(BridgeProperties properties, ServedPairs pairs, BridgeDatabases databases,
            Directions directions, MeterRegistry meters) {
        List<Reconciliations.Pair> reconcilers = new ArrayList<>();
        for (Served s : pairs.all()) {
            reconcilers.add(new Reconciliations.Pair(s.extraction().name(), s.pair().name(), new Reconciler(s.pair(),
                    databases.get(s.extraction().legacy().database()),
                    databases.get(s.extraction().extracted().database()))));
        }
        return new Reconciliations(reconcilers,
                () -> directions.all().stream().allMatch(d -> d.applier().stats().currentLagMs() == 0),
                properties.reconcile().every(), meters);
    }

    /** The bridge's status, and the lag gauge of each running direction (see {@link DirectionLag}). */
    @Bean
    BridgeStatus bridgeStatus(BridgeProperties properties, RunningDirections running, DeadLetterCount deadLetters,
            KafkaReachability kafka, PairOwners owners, Reconciliations reconciliations, MeterRegistry meters) {
        running.directions().forEach(d -> DirectionLag.register(d, meters));
        return new BridgeStatus(running.directions(), deadLetters, kafka, owners.byPair(), reconciliations,
                properties.health().lagThreshold(), properties.health().walWarning());
    }

    private static Path offsetFile(BridgeProperties properties, String slot) {
        try {
            Files.createDirectories(properties.dataDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + properties.dataDirectory(), e);
        }
        return properties.dataDirectory().resolve(slot + ".offsets");
    }
}

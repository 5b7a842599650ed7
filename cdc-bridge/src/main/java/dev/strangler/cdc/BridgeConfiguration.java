package dev.strangler.cdc;

import brave.Tracing;
import brave.handler.SpanHandler;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.strangler.cdc.apply.ApplierStats;
import dev.strangler.cdc.apply.ChangeApplier;
import dev.strangler.cdc.apply.RouteOwnership;
import dev.strangler.cdc.apply.WriteOwner;
import dev.strangler.cdc.apply.internal.LegacyPayments;
import dev.strangler.cdc.apply.internal.ServicePayments;
import dev.strangler.cdc.avro.PaymentChange;
import dev.strangler.cdc.capture.CaptureEngine;
import dev.strangler.cdc.capture.CaptureStats;
import dev.strangler.cdc.capture.LegacyPaymentCapture;
import dev.strangler.cdc.capture.OutboxCapture;
import dev.strangler.cdc.capture.internal.DebeziumConfig;
import dev.strangler.cdc.capture.internal.LostSlots;
import dev.strangler.cdc.capture.internal.VaultTokenizer;
import dev.strangler.cdc.publish.BrokerAdmin;
import dev.strangler.cdc.publish.ChangePublisher;
import dev.strangler.cdc.publish.DeadLetterCount;
import dev.strangler.cdc.publish.DeadLetters;
import dev.strangler.cdc.publish.TopicSetup;
import dev.strangler.cdc.reconcile.Reconciler;
import dev.strangler.cdc.reconcile.Reconciliations;
import dev.strangler.cdc.status.BridgeStatus;
import dev.strangler.cdc.status.Direction;
import dev.strangler.cdc.status.DirectionLag;
import dev.strangler.cdc.status.KafkaReachability;
import dev.strangler.cdc.status.SlotMonitor;
import dev.strangler.cdc.tracing.ChangeTracing;
import dev.strangler.registry.AvroDeserializer;
import dev.strangler.registry.SchemaRegistryClient;
import dev.strangler.support.observation.SpanDestinations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.exporter.SpanReporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Wires both directions. Legacy -> new: Debezium on the monolith's {@code payments} (initial snapshot =
 * backfill) -> topic -> the service's {@code payments}. New -> legacy: Debezium on the service's {@code outbox} ->
 * topic -> the monolith's {@code payments}. The bridge's bookkeeping schema is migrated in both databases at start.
 */
@Configuration(proxyBeanMethods = false)
class BridgeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BridgeConfiguration.class);

    @Bean
    @Primary
    @Qualifier("legacy")
    HikariDataSource legacyDataSource(BridgeProperties properties) {
        return dataSource("legacy", properties.legacy());
    }

    @Bean
    @Qualifier("service")
    HikariDataSource serviceDataSource(BridgeProperties properties) {
        return dataSource("service", properties.service());
    }

    private static HikariDataSource dataSource(String name, BridgeProperties.Database db) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        if (!db.password().isEmpty()) {
            config.setPassword(db.password());
        }
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        // fail fast while a database is down: the applier retries with its own back-off
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "cdc-bridge");
        return new HikariDataSource(config);
    }

    /** The bridge's own schema ({@code strangler_cdc}) in both databases, before anything reads or writes them. */
    @Bean
    BridgeSchemas bridgeSchemas(@Qualifier("legacy") DataSource legacy, @Qualifier("service") DataSource service) {
        for (DataSource ds : List.of(legacy, service)) {
            Flyway.configure().dataSource(ds).schemas("strangler_cdc").createSchemas(true)
                    .table("flyway_schema_history").locations("classpath:db/cdc").load().migrate();
        }
        return new BridgeSchemas();
    }

    /** Marker: the bookkeeping schemas are migrated. */
    static final class BridgeSchemas {
    }

    @Bean
    SchemaRegistryClient schemaRegistryClient(BridgeProperties properties) {
        return new SchemaRegistryClient(properties.kafka().schemaRegistryUrl());
    }

    @Bean
    TopicSetup topicSetup(BridgeProperties properties) {
        BridgeProperties.Topics t = properties.topics();
        TopicSetup setup = new TopicSetup(properties.kafka().bootstrapServers());
        setup.ensure(List.of(t.legacy(), t.service()), t.partitions(), List.of(t.deadLetters()));
        return setup;
    }

    @Bean(destroyMethod = "close")
    ChangePublisher changePublisher(BridgeProperties properties, SchemaRegistryClient registry, TopicSetup topics) {
        return new ChangePublisher(properties.kafka().bootstrapServers(), registry);
    }

    @Bean(destroyMethod = "close")
    DeadLetters deadLetters(BridgeProperties properties, TopicSetup topics) {
        return new DeadLetters(properties.kafka().bootstrapServers(), properties.topics().deadLetters());
    }

    @Bean(destroyMethod = "close")
    BrokerAdmin brokerAdmin(BridgeProperties properties) {
        return new BrokerAdmin(properties.kafka().bootstrapServers());
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
    RouteOwnership routeOwnership(BridgeProperties properties) {
        return new RouteOwnership(properties.kafka().bootstrapServers(), properties.topics().routes(),
                properties.topics().paymentWriteRoute());
    }

    /** The configured owner, or the route table's when {@code AUTO}. */
    private static Supplier<WriteOwner> owner(BridgeProperties properties, RouteOwnership routes) {
        String configured = properties.conflictOwner().trim().toUpperCase(Locale.ROOT);
        if (configured.equals("AUTO")) {
            return routes;
        }
        WriteOwner fixed = WriteOwner.valueOf(configured);
        return () -> fixed;
    }

    @Bean
    Direction legacyToService(BridgeProperties properties, @Qualifier("legacy") DataSource legacy,
            @Qualifier("service") DataSource service, BridgeSchemas schemas, ChangePublisher publisher,
            DeadLetters deadLetters, SchemaRegistryClient registry, RouteOwnership routes, MeterRegistry meters,
            ChangeTracing tracing) {
        String topic = properties.topics().legacy();
        String slot = properties.slots().legacy();
        CaptureStats stats = new CaptureStats("legacy-to-service", meters,
                CaptureStats.snapshotDoneIn(offsetFile(properties, slot)));
        LegacyPaymentCapture handler = new LegacyPaymentCapture(new VaultTokenizer(properties.vault()), publisher,
                topic, stats, deadLetters, tracing.capture("legacy-to-service", "payments", topic));
        CaptureEngine capture = new CaptureEngine("legacy-to-service", DebeziumConfig.forTable(slot,
                properties.legacy(), offsetFile(properties, slot), "public.payments", "when_needed",
                properties.pollInterval().legacy()), handler,
                new LostSlots("legacy-to-service", slot, legacy, offsetFile(properties, slot),
                        stats::snapshotStartsAgain));
        ChangeApplier applier = new ChangeApplier("legacy-to-service", topic, properties.kafka().bootstrapServers(),
                service, new ServicePayments(), new AvroDeserializer<>(registry, PaymentChange.class), deadLetters,
                owner(properties, routes), new ApplierStats("legacy-to-service", meters),
                tracing.apply("legacy-to-service", "payments", topic));
        return new Direction("legacy-to-service", capture, stats, applier,
                new SlotMonitor(slot, legacy, meters));
    }

    @Bean
    Direction serviceToLegacy(BridgeProperties properties, @Qualifier("legacy") DataSource legacy,
            @Qualifier("service") DataSource service, BridgeSchemas schemas, ChangePublisher publisher,
            DeadLetters deadLetters, SchemaRegistryClient registry, RouteOwnership routes, MeterRegistry meters,
            ChangeTracing tracing) {
        String topic = properties.topics().service();
        String slot = properties.slots().service();
        CaptureStats stats = new CaptureStats("service-to-legacy", meters,
                CaptureStats.snapshotDoneIn(offsetFile(properties, slot)));
        OutboxCapture handler = new OutboxCapture(publisher, topic, stats, deadLetters,
                tracing.capture("service-to-legacy", "outbox", topic));
        CaptureEngine capture = new CaptureEngine("service-to-legacy", DebeziumConfig.forTable(slot,
                properties.service(), offsetFile(properties, slot), "public.outbox", "when_needed",
                properties.pollInterval().service()), handler,
                new LostSlots("service-to-legacy", slot, service, offsetFile(properties, slot),
                        stats::snapshotStartsAgain));
        ChangeApplier applier = new ChangeApplier("service-to-legacy", topic, properties.kafka().bootstrapServers(),
                legacy, new LegacyPayments(), new AvroDeserializer<>(registry, PaymentChange.class), deadLetters,
                owner(properties, routes), new ApplierStats("service-to-legacy", meters),
                tracing.apply("service-to-legacy", "payments", topic));
        return new Direction("service-to-legacy", capture, stats, applier,
                new SlotMonitor(slot, service, meters));
    }

    /** The enabled directions' engines and appliers as lifecycle beans, so that Spring starts and stops them. */
    @Bean
    RunningDirections runningDirections(BridgeProperties properties, List<Direction> directions) {
        List<Direction> enabled = new ArrayList<>();
        for (Direction d : directions) {
            boolean on = d.name().equals("legacy-to-service") ? properties.forward() : properties.reverse();
            if (on) {
                enabled.add(d);
            }
        }
        return new RunningDirections(enabled);
    }

    @Bean
    Reconciliations reconciliations(BridgeProperties properties, @Qualifier("legacy") DataSource legacy,
            @Qualifier("service") DataSource service, List<Direction> directions, MeterRegistry meters) {
        Reconciler reconciler = new Reconciler(legacy, service, properties.reconcile().chunkSize());
        return new Reconciliations(reconciler,
                () -> directions.stream().allMatch(d -> d.applier().stats().currentLagMs() == 0),
                properties.reconcile().every(), meters);
    }

    /** The bridge's status, and the lag gauge of each running direction (see {@link DirectionLag}). */
    @Bean
    BridgeStatus bridgeStatus(BridgeProperties properties, RunningDirections running, DeadLetterCount deadLetters,
            KafkaReachability kafka, RouteOwnership routes, Reconciliations reconciliations, MeterRegistry meters) {
        running.directions().forEach(d -> DirectionLag.register(d, meters));
        return new BridgeStatus(running.directions(), deadLetters, kafka, routes, reconciliations,
                properties.health().lagThreshold(), properties.health().walWarning());
    }

    private static java.nio.file.Path offsetFile(BridgeProperties properties, String slot) {
        try {
            Files.createDirectories(properties.dataDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + properties.dataDirectory(), e);
        }
        return properties.dataDirectory().resolve(slot + ".offsets");
    }
}

package dev.strangler.cdc.apply;

import brave.propagation.TraceContextOrSamplingFlags;
import dev.strangler.cdc.apply.ConflictPolicy.Decision;
import dev.strangler.cdc.apply.internal.Bookkeeping;
import dev.strangler.cdc.apply.internal.Bookkeeping.Applied;
import dev.strangler.cdc.publish.ChangeHeaders;
import dev.strangler.cdc.publish.DeadLetters;
import dev.strangler.cdc.tracing.ApplyTracing;
import dev.strangler.cdc.tracing.ChangeTracing;
import dev.strangler.cdc.translate.Change;
import dev.strangler.cdc.translate.ChangeShape;
import dev.strangler.extraction.ChangeRecord;
import dev.strangler.registry.AvroDeserializer;
import dev.strangler.support.kafka.KafkaConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;

/**
 * Consumes one change topic and applies it to one target database. One thread, all partitions assigned (the lab
 * runs one bridge; a second instance would need consumer groups and is not supported). The consumer's position
 * lives in the target database, written with the rows: Kafka's committed offsets are not used at all.
 */
public final class ChangeApplier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeApplier.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final String direction;
    private final String topic;
    private final KafkaConnection kafka;
    private final DataSource target;
    private final TargetWriter writer;
    private final Bookkeeping bookkeeping;
    private final ChangeShape shape;
    private final AvroDeserializer<GenericRecord> deserializer;
    private final DeadLetters deadLetters;
    private final Supplier<WriteOwner> owner;
    private final ApplierStats stats;
    private final ApplyTracing tracing;
    private volatile boolean running;
    /** Counted down by {@link #stop()}: ends a back-off at once. */
    private volatile CountDownLatch stopping = new CountDownLatch(0);
    private volatile @Nullable KafkaConsumer<String, byte[]> consumer;
    private @Nullable Thread thread;

    /**
     * One record of a batch: its change, or null when it could not even be read (already dead-lettered), the trace
     * context it carries ({@code parent}, read once when polled), and its key and value as they came: a dead letter
     * keeps them so, in the registry's wire format, so that a record produced back to its topic is read again.
     */
    private record Incoming(int partition, long offset, @Nullable String key, byte[] value, @Nullable Change change,
                            long sourceMs,
                            @Nullable String correlationId, @Nullable String traceparent,
                            TraceContextOrSamplingFlags parent, long polledMicros) {
    }

    public ChangeApplier(String direction, String topic, KafkaConnection kafka, DataSource target,
            TargetWriter writer, ChangeShape shape, AvroDeserializer<GenericRecord> deserializer, DeadLetters deadLetters,
            Supplier<WriteOwner> owner, ApplierStats stats, ApplyTracing tracing) {
        this.tracing = tracing;
        this.direction = direction;
        this.topic = topic;
        this.kafka = kafka;
        this.target = target;
        this.writer = writer;
        this.bookkeeping = new Bookkeeping(topic);
        this.shape = shape;
        this.deserializer = deserializer;
        this.deadLetters = deadLetters;
        this.owner = owner;
        this.stats = stats;
    }

    public String direction() {
        return direction;
    }

    public String topic() {
        return topic;
    }

    public ApplierStats stats() {
        return stats;
    }

    @Override
    public synchronized void start() {
        stopping = new CountDownLatch(1);
        running = true;
        thread = Thread.ofPlatform().name("apply-" + direction).start(this::run);
    }

    /**
     * Wakes the consumer and any back-off, then waits for the thread. No interrupt: a consumer closed on an
     * interrupted thread cannot close its fetcher and logs an ERROR on every shutdown.
     */
    @Override
    public void stop() {
        running = false;
        stopping.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the captures' lifecycle: appliers start first and stop last. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(kafka.clientConfig(Map.of(
                    ConsumerConfig.CLIENT_ID_CONFIG, "cdc-bridge-apply-" + direction,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                    // with fetch.min.bytes=1 the broker answers as soon as a record arrives: the wait only bounds
                    // an empty fetch, and 20 ms cost the idle broker 50 empty fetches a second per applier
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500)),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                assign(c);
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
                    if (!records.isEmpty()) {
                        handle(records);
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                if (running) {
                    stats.retried(e.getClass().getSimpleName() + ": " + e.getMessage());
                    log.warn("Applier {} restarts after: {}", direction, e.toString());
                    pause(Duration.ofSeconds(2));
                }
            } finally {
                consumer = null;
            }
        }
    }

    /** All partitions of the topic, each at the position stored in the target database (or the beginning). */
    private void assign(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<Integer, Long> stored = withRetry(() -> {
            try (Connection connection = target.getConnection()) {
                return bookkeeping.offsets(connection);
            }
        });
        c.assign(partitions);
        for (TopicPartition tp : partitions) {
            Long next = stored.get(tp.partition());
            if (next == null) {
                c.seekToBeginning(List.of(tp));
            } else {
                c.seek(tp, next);
            }
        }
        log.info("Applier {} reads {} ({} partitions) from {}", direction, topic, partitions.size(), stored);
    }

    private void handle(ConsumerRecords<String, byte[]> records) {
        long polledMicros = ChangeTracing.nowMicros();
        List<Incoming> batch = new ArrayList<>(records.count());
        Map<Integer, Long> offsets = new HashMap<>();
        long oldest = Long.MAX_VALUE;
        for (ConsumerRecord<String, byte[]> r : records) {
            offsets.merge(r.partition(), r.offset() + 1, Math::max);
            long sourceMs = parseLong(ChangeHeaders.get(r.headers(), ChangeHeaders.SOURCE_TS_MS));
            if (sourceMs > 0) {
                oldest = Math.min(oldest, sourceMs);
            }
            if (r.value() == null) {
                continue;
            }
            TraceContextOrSamplingFlags parent = tracing.parent(r.headers());
            String traceparent = ChangeHeaders.get(r.headers(), ChangeHeaders.TRACEPARENT);
            Change change;
            try {
                change = shape.view(java.util.Objects.requireNonNull(deserializer.deserialize(r.topic(), r.value())));
            } catch (RuntimeException e) {
                // the record is unreadable: logged by topic, partition and offset only, kept in the dead letters
                deadLetters.send(r.key(), r.value(), "deserialize: " + e.getMessage(), r.topic(), r.partition(),
                        r.offset(), traceparent);
                tracing.notApplied(parent, r.partition(), r.offset(), ApplyTracing.DEAD_LETTERED, polledMicros,
                        ChangeTracing.nowMicros());
                continue;
            }
            batch.add(new Incoming(r.partition(), r.offset(), r.key(), r.value(), change, sourceMs,
                    ChangeHeaders.get(r.headers(), ChangeHeaders.CORRELATION_ID), traceparent, parent,
                    polledMicros));
        }
        stats.polled(oldest == Long.MAX_VALUE ? System.currentTimeMillis() : oldest);
        applyIsolatingPoison(batch, offsets);
        stats.caughtUp();
    }

    /** Applies the batch; when it holds a record that can never apply, applies record by record around it. */
    private void applyIsolatingPoison(List<Incoming> batch, Map<Integer, Long> offsets) {
        try {
            applyWithRetry(batch, offsets);
        } catch (PermanentFailure e) {
            if (batch.size() == 1) {
                long deadLetterMicros = ChangeTracing.nowMicros();
                Incoming poison = batch.getFirst();
                deadLetters.send(poison.key(), poison.value(), "apply: " + e.getMessage(), topic, poison.partition(), poison.offset(), poison.traceparent());
                tracing.applied(poison.parent(), poison.partition(), poison.offset(),
                        poison.change() == null ? "UNKNOWN" : poison.change().op().name(),
                        ApplyTracing.DEAD_LETTERED, poison.polledMicros(), deadLetterMicros, ChangeTracing.nowMicros());
                applyWithRetry(List.of(), offsets);
                return;
            }
            log.warn("Applier {}: a batch of {} failed ({}); applying its records one by one", direction,
                    batch.size(), e.getMessage());
            for (Incoming one : batch) {
                applyIsolatingPoison(List.of(one), Map.of(one.partition(), one.offset() + 1));
            }
            applyWithRetry(List.of(), offsets);
        }
    }

    private void applyWithRetry(List<Incoming> batch, Map<Integer, Long> offsets) {
        withRetry(() -> {
            apply(batch, offsets);
            return null;
        });
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Retries transient database errors with back-off, for as long as the bridge runs. */
    private <T> T withRetry(SqlWork<T> work) {
        Duration backoff = Duration.ofMillis(200);
        while (true) {
            try {
                return work.run();
            } catch (PermanentFailure e) {
                throw e;
            } catch (RuntimeException e) {
                // a change the target cannot take (a required value missing): no retry will help
                throw new PermanentFailure(e.getClass().getSimpleName() + " " + e.getMessage(), e);
            } catch (SQLException e) {
                if (!TransientErrors.isTransient(e)) {
                    throw new PermanentFailure(e.getSQLState() + " " + e.getMessage(), e);
                }
                if (!running) {
                    throw new IllegalStateException("stopping", e);
                }
                stats.retried(e.getSQLState() + " " + e.getMessage());
                log.warn("Applier {}: transient database error ({}), retrying in {} ms", direction,
                        e.getSQLState(), backoff.toMillis());
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void apply(List<Incoming> batch, Map<Integer, Long> offsets) throws SQLException {
        long applyMicros = ChangeTracing.nowMicros();
        String[] outcomes = new String[batch.size()];
        try (Connection c = target.getConnection()) {
            c.setAutoCommit(false);
            try {
                int[] counts = applyIn(c, batch, offsets, outcomes);
                c.commit();
                long[] sourceMs = new long[batch.size()];
                for (int i = 0; i < batch.size(); i++) {
                    sourceMs[i] = batch.get(i).sourceMs();
                }
                stats.committed(counts[0], counts[1], counts[2], sourceMs);
                if (log.isDebugEnabled()) {
                    for (Incoming in : batch) {
                        log.debug("Applied {}[{}]@{} correlation {} trace {}", topic, in.partition(), in.offset(),
                                in.correlationId(), ChangeHeaders.traceId(in.traceparent()));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone: the transaction is rolled back anyway
                }
                throw e;
            }
        }
        // committed: the spans of this attempt (a failed attempt leaves none; the retry makes them)
        long committedMicros = ChangeTracing.nowMicros();
        for (int i = 0; i < batch.size(); i++) {
            Incoming in = batch.get(i);
            if (in.change() != null && outcomes[i] != null) {
                tracing.applied(in.parent(), in.partition(), in.offset(), in.change().op().name(), outcomes[i],
                        in.polledMicros(), applyMicros, committedMicros);
            }
        }
    }

    /** Returns {applied, stale, conflicts}; {@code outcomes} gets each record's, for its spans. */
    private int[] applyIn(Connection c, List<Incoming> batch, Map<Integer, Long> offsets, String[] outcomes)
            throws SQLException {
        writer.begin(c);
        Set<Long> ids = new LinkedHashSet<>();
        for (Incoming in : batch) {
            if (in.change() != null && in.change().op() != ChangeRecord.Op.TRUNCATE) {
                ids.add(in.change().key());
            }
        }
        Map<Long, Applied> applied = ids.isEmpty() ? new HashMap<>() : new HashMap<>(bookkeeping.applied(c, ids));
        Map<Long, Instant> targetUpdatedAt = ids.isEmpty() ? new HashMap<>() : new HashMap<>(writer.lockRows(c, ids));
        WriteOwner currentOwner = owner.get();
        Map<Long, Change> pending = new LinkedHashMap<>();
        Map<Long, Applied> newlyApplied = new HashMap<>();
        Map<Long, Integer> applyCounts = new HashMap<>();
        int appliedCount = 0;
        int stale = 0;
        int conflicts = 0;
        for (int i = 0; i < batch.size(); i++) {
            Incoming in = batch.get(i);
            Change change = in.change();
            if (change == null) {
                continue;
            }
            outcomes[i] = ApplyTracing.APPLIED;
            MDC.put("traceId", String.valueOf(ChangeHeaders.traceId(in.traceparent())));
            if (change.op() == ChangeRecord.Op.TRUNCATE) {
                writer.write(c, pending.values(), applyCounts);
                pending.clear();
                bookkeeping.recordApplied(c, newlyApplied, applyCounts);
                newlyApplied.clear();
                applyCounts.clear();
                List<Long> removed = bookkeeping.forgetPartition(c, in.partition());
                writer.truncate(c, removed);
                removed.forEach(id -> {
                    applied.remove(id);
                    targetUpdatedAt.remove(id);
                });
                appliedCount++;
                continue;
            }
            long id = change.key();
            Applied last = newlyApplied.containsKey(id) ? newlyApplied.get(id) : applied.get(id);
            Decision decision = ConflictPolicy.decide(change, last == null ? null : last.position(),
                    targetUpdatedAt.get(id), currentOwner);
            switch (decision) {
                case APPLY -> {
                    pending.remove(id);
                    pending.put(id, change);
                    newlyApplied.put(id, new Applied(ConflictPolicy.position(change), in.partition()));
                    applyCounts.merge(id, 1, Integer::sum);
                    Instant changedAt = change.updatedAt();
                    if (change.op() == ChangeRecord.Op.DELETE) {
                        targetUpdatedAt.remove(id);
                    } else if (changedAt != null) {
                        targetUpdatedAt.put(id, changedAt);
                    }
                    appliedCount++;
                }
                case STALE -> {
                    stale++;
                    outcomes[i] = ApplyTracing.SKIPPED_STALE;
                }
                case CONFLICT_LOST -> {
                    outcomes[i] = ApplyTracing.SKIPPED_CONFLICT;
                    newlyApplied.put(id, new Applied(ConflictPolicy.position(change), in.partition()));
                    conflicts++;
                    log.info("Conflict on row {} of {}: the {} side's newer write stands (owner {})", id, topic,
                            change.origin() == ChangeRecord.Origin.LEGACY ? "service" : "legacy", currentOwner);
                }
            }
        }
        MDC.remove("traceId");
        writer.write(c, pending.values(), applyCounts);
        bookkeeping.recordApplied(c, newlyApplied, applyCounts);
        bookkeeping.saveOffsets(c, offsets);
        return new int[] {appliedCount, stale, conflicts};
    }

    private static long parseLong(@Nullable String s) {
        if (s == null) {
            return 0;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void pause(Duration d) {
        try {
            stopping.await(d.toMillis(), TimeUnit.MILLISECONDS); // stop() has cleared running before it counts down
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** A database error that no retry fixes (a constraint, a bad value): the record goes to the dead letters. */
    private static final class PermanentFailure extends RuntimeException {
        PermanentFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package dev.strangler.cdc.capture;

import dev.strangler.cdc.capture.internal.LostSlots;
import io.debezium.embedded.Connect;
import io.debezium.embedded.async.ConvertingAsyncEngineBuilderFactory;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one Debezium embedded engine (the async engine, Connect {@code Struct} records: no JSON round trip) and
 * restarts it with a back-off when it stops on an error: a source database that goes away must not end the capture
 * for good. Its state feeds the health indicator.
 */
public final class CaptureEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CaptureEngine.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** What a capture is doing. */
    public enum State { STOPPED, STARTING, RUNNING, FAILED }

    private final String name;
    private final Properties config;
    private final DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> handler;
    private final LostSlots lostSlots;
    private final ExecutorService runner;
    private final ScheduledExecutorService restarts;
    private volatile @Nullable DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile boolean running;
    private volatile State state = State.STOPPED;
    private volatile @Nullable String lastError;
    private volatile Instant lastErrorAt = Instant.EPOCH;
    private int failures;

    /** @param lostSlots checked before every start: an invalidated slot is replaced (see {@link LostSlots}) */
    public CaptureEngine(String name, Properties config,
            DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> handler, LostSlots lostSlots) {
        this.name = name;
        this.config = config;
        this.handler = handler;
        this.lostSlots = lostSlots;
        this.runner = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("capture-" + name).factory());
        this.restarts = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("capture-" + name + "-restart").daemon().factory());
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    public @Nullable String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    private void taskStarted() {
        if (running) {
            state = State.RUNNING;
            synchronized (this) {
                failures = 0;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        launch();
    }

    private synchronized void launch() {
        if (!running) {
            return;
        }
        state = State.STARTING;
        lostSlots.replaceIfLost();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> e = new ConvertingAsyncEngineBuilderFactory()
                .builder(ChangeEventFormat.of(Connect.class))
                .using(config)
                .notifying(handler)
                .using(this::completed)
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        CaptureEngine.this.taskStarted();
                    }
                })
                .build();
        engine = e;
        runner.execute(e);
        log.info("Capture {} started", name);
    }

    private void completed(boolean success, String message, @Nullable Throwable error) {
        if (!running) {
            state = State.STOPPED;
            return;
        }
        state = State.FAILED;
        // the message and error come from Debezium and the JDBC driver: neither carries row values
        lastError = message + (error == null ? "" : " (" + error.getClass().getSimpleName() + ")");
        lastErrorAt = Instant.now();
        long delay;
        synchronized (this) {
            failures++;
            delay = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(failures, 6));
        }
        log.warn("Capture {} stopped: {}; restarting in {} ms", name, lastError, delay);
        restarts.schedule(this::launch, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        DebeziumEngine<RecordChangeEvent<SourceRecord>> e = engine;
        if (e != null) {
            try {
                e.close();
            } catch (IOException ex) {
                log.warn("Capture {} did not close cleanly: {}", name, ex.toString());
            } catch (IllegalStateException ex) {
                // the engine had already stopped on an error: nothing to close
            }
        }
        restarts.shutdownNow();
        runner.shutdown();
        try {
            runner.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        state = State.STOPPED;
        log.info("Capture {} stopped", name);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the consumers' lifecycles: capture starts last and stops first. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}

package dev.strangler.proxy.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spans finished on an event loop reach the exporter in bursts, in order; all others at once. */
class EventLoopSpanBatchingTests {

    private final Vertx vertx = Vertx.vertx();
    private final Exporter exporter = new Exporter();
    private final EventLoopSpanBatching batching = new EventLoopSpanBatching(exporter);

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFewSpansOnAnEventLoopArriveTogetherShortlyAfter() throws Exception {
        int seenRightAway = onEventLoop(() -> {
            for (int i = 0; i < 5; i++) {
                finish("span-" + i);
            }
            return exporter.names.size();
        });

        assertThat(seenRightAway).isZero();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(exporter.names).containsExactly("span-0", "span-1", "span-2", "span-3", "span-4"));
        assertThat(exporter.threads).allMatch(name -> name.startsWith("vert.x-eventloop"));
    }

    @Test
    void aFullBurstIsPassedOnAtOnce() throws Exception {
        int seenRightAway = onEventLoop(() -> {
            for (int i = 0; i < EventLoopSpanBatching.BATCH + 3; i++) {
                finish("span-" + i);
            }
            return exporter.names.size();
        });

        assertThat(seenRightAway).isEqualTo(EventLoopSpanBatching.BATCH);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(exporter.names).hasSize(EventLoopSpanBatching.BATCH + 3));
        assertThat(exporter.names.getLast()).isEqualTo("span-" + (EventLoopSpanBatching.BATCH + 2));
    }

    @Test
    void spansOffTheEventLoopsAndUnfinishedOnesAreNotHeldBack() throws Exception {
        finish("admin request");
        assertThat(exporter.names).containsExactly("admin request");

        int seenRightAway = onEventLoop(() -> {
            MutableSpan span = new MutableSpan();
            span.name("abandoned");
            batching.end(context(), span, SpanHandler.Cause.ABANDONED);
            return exporter.names.size();
        });
        assertThat(seenRightAway).isEqualTo(2);
    }

    @Test
    void closingClosesTheExporter() throws Exception {
        batching.close();
        assertThat(exporter.closed).isTrue();
    }

    private void finish(String name) {
        MutableSpan span = new MutableSpan();
        span.name(name);
        batching.end(context(), span, SpanHandler.Cause.FINISHED);
    }

    private static TraceContext context() {
        return TraceContext.newBuilder().traceId(1).spanId(2).sampled(true).build();
    }

    private int onEventLoop(java.util.function.Supplier<Integer> task) throws Exception {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Context loop = vertx.getOrCreateContext();
        loop.runOnContext(ignored -> result.complete(task.get()));
        return result.get(10, TimeUnit.SECONDS);
    }

    /** Stands in for Zipkin's reporter: records what it is handed and on which thread. */
    static final class Exporter extends SpanHandler implements Closeable {
        final List<String> names = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        boolean closed;

        @Override
        public boolean end(TraceContext context, MutableSpan span, Cause cause) {
            names.add(span.name());
            threads.add(Thread.currentThread().getName());
            return true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}

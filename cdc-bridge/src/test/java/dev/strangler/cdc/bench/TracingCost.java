package dev.strangler.cdc.bench;

import brave.Tracing;
import brave.handler.SpanHandler;
import brave.propagation.TraceContextOrSamplingFlags;
import brave.sampler.Sampler;
import dev.strangler.cdc.tracing.ApplyTracing;
import dev.strangler.cdc.tracing.CaptureTracing;
import dev.strangler.cdc.tracing.CapturedChange;
import dev.strangler.cdc.tracing.ChangeTracing;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.header.internals.RecordHeaders;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.Encoding;
import zipkin2.reporter.brave.AsyncZipkinSpanHandler;

/**
 * The bridge's tracing cost per change, alone: the span work of capture, publish, consume and apply for batches of
 * 1,000 changes, without Debezium, Kafka or a database, as process CPU time (the reporter's thread included) per
 * change. Modes: tracing off (propagation only), sampling 0, sampling 1 without export, sampling 1 encoding to
 * Zipkin's JSON and discarding, and sampling 1 sending to a Zipkin server ({@code -Dzipkin=http://host:9411}).
 *
 * <pre>java -cp ... dev.strangler.cdc.bench.TracingCost [changes per mode]</pre>
 */
public final class TracingCost {

    private static final int BATCH = 1_000;

    private TracingCost() {
    }

    public static void main(String[] args) throws Exception {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String zipkin = System.getProperty("zipkin", "");
        List<String> modes = zipkin.isEmpty() ? List.of("off", "sampling-0", "sampling-1", "sampling-1-json-discard")
                : List.of("off", "sampling-0", "sampling-1", "sampling-1-json-discard", "sampling-1-zipkin");
        for (int pass = 0; pass < 2; pass++) {
            for (String mode : modes) {
                Tracing tracing = tracing(mode, zipkin);
                ChangeTracing changeTracing = tracing == null ? ChangeTracing.off() : ChangeTracing.of(tracing);
                double us = run(changeTracing, pass == 0 ? changes / 4 : changes);
                if (tracing != null) {
                    tracing.close();
                }
                if (pass == 1) {
                    System.out.printf(Locale.ROOT, "%-24s %6.2f us CPU per change%n", mode, us);
                }
            }
        }
    }

    private static Tracing tracing(String mode, String zipkin) {
        if (mode.equals("off")) {
            return null;
        }
        Tracing.Builder b = Tracing.newBuilder().localServiceName("cdc-bridge").traceId128Bit(true)
                .supportsJoin(false).propagationFactory(new W3CPropagation())
                .sampler(mode.equals("sampling-0") ? Sampler.NEVER_SAMPLE : Sampler.ALWAYS_SAMPLE);
        if (mode.equals("sampling-1")) {
            // recorded, handed to no exporter (what Spring Boot does with export off); without any handler Brave
            // would log every span
            b.addSpanHandler(new SpanHandler() {
            });
        } else if (mode.endsWith("json-discard")) {
            b.addSpanHandler(AsyncZipkinSpanHandler.create(new Discard()));
        } else if (mode.endsWith("zipkin")) {
            b.addSpanHandler(AsyncZipkinSpanHandler.create(new Post(zipkin + "/api/v2/spans")));
        }
        return b.build();
    }

    private static double run(ChangeTracing tracing, int changes) {
        CaptureTracing capture = tracing.capture("legacy-to-service", "payments", "strangler.cdc.legacy.payments");
        ApplyTracing apply = tracing.apply("legacy-to-service", "payments", "strangler.cdc.legacy.payments");
        CapturedChange[] captured = new CapturedChange[BATCH];
        RecordHeaders[] headers = new RecordHeaders[BATCH];
        TraceContextOrSamplingFlags[] parents = new TraceContextOrSamplingFlags[BATCH];
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long offset = 0;
        for (int done = 0; done < changes; done += BATCH) {
            long t0 = ChangeTracing.nowMicros();
            for (int i = 0; i < BATCH; i++) {
                captured[i] = capture.started(null, null, Integer.toString(done + i), "UPSERT", t0);
                headers[i] = new RecordHeaders();
                captured[i].inject(headers[i]);
            }
            long t1 = ChangeTracing.nowMicros();
            long t2 = ChangeTracing.nowMicros();
            for (int i = 0; i < BATCH; i++) {
                captured[i].published(t1, t2, 0, offset + i);
            }
            long polled = ChangeTracing.nowMicros();
            for (int i = 0; i < BATCH; i++) {
                parents[i] = apply.parent(headers[i]);
            }
            long begin = ChangeTracing.nowMicros();
            long end = ChangeTracing.nowMicros();
            for (int i = 0; i < BATCH; i++) {
                apply.applied(parents[i], 0, offset + i, "UPSERT", ApplyTracing.APPLIED, polled, begin, end);
            }
            offset += BATCH;
        }
        return (os.getProcessCpuTime() - cpu) / 1_000.0 / changes;
    }

    /** Encodes like the real sender's caller would, then drops the message. */
    private static final class Discard implements BytesMessageSender {
        @Override
        public Encoding encoding() {
            return Encoding.JSON;
        }

        @Override
        public int messageMaxBytes() {
            return 500_000;
        }

        @Override
        public int messageSizeInBytes(List<byte[]> spans) {
            return Encoding.JSON.listSizeInBytes(spans);
        }

        @Override
        public int messageSizeInBytes(int spanSize) {
            return Encoding.JSON.listSizeInBytes(spanSize);
        }

        @Override
        public void send(List<byte[]> spans) {
            Encoding.JSON.encode(spans);
        }

        @Override
        public void close() {
        }
    }

    /** POSTs the JSON message to Zipkin, as Spring Boot's sender does (JDK HTTP client). */
    private static final class Post implements BytesMessageSender {
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI uri;

        Post(String uri) {
            this.uri = URI.create(uri);
        }

        @Override
        public Encoding encoding() {
            return Encoding.JSON;
        }

        @Override
        public int messageMaxBytes() {
            return 500_000;
        }

        @Override
        public int messageSizeInBytes(List<byte[]> spans) {
            return Encoding.JSON.listSizeInBytes(spans);
        }

        @Override
        public int messageSizeInBytes(int spanSize) {
            return Encoding.JSON.listSizeInBytes(spanSize);
        }

        @Override
        public void send(List<byte[]> spans) throws IOException {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Encoding.JSON.encode(spans))).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 != 2) {
                    throw new IOException("Zipkin answered " + r.statusCode());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public void close() {
        }
    }
}

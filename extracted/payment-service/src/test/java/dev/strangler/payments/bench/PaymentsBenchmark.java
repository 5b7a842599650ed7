package dev.strangler.payments.bench;

import com.github.tomakehurst.wiremock.global.GlobalSettings;
import com.github.tomakehurst.wiremock.http.UniformDistribution;
import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.process.JvmCommand;
import dev.strangler.lab.process.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Authorize throughput and latency of the monolith's {@code POST /api/payments} and of the service's, in one run,
 * against the same fake PSP with no added latency. Not a test: {@code benchmarks/payments/run.sh} runs it and
 * writes {@code benchmarks/results/payments.json}.
 *
 * <p>Throughput: a closed loop of {@code threads} callers for {@code seconds}. Latency: an open loop at a fixed
 * rate, each request timed from its scheduled start (so a stalled server is not hidden by a stalled client).
 * Each monolith authorization needs an unpaid order: the monolith is seeded and its {@code AWAITING_PAYMENT} orders
 * are used once each. The service gets the contract body plus {@code amount}/{@code currency}, as the monolith's
 * remote mode sends it.
 */
public final class PaymentsBenchmark {

    private static final String CARD = "4242424242424242";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    record Result(String target, double throughputRps, long throughputRequests, int throughputErrors,
            double p50Ms, double p99Ms, double maxMs, int latencyRequests, int latencyErrors) {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/results/payments.json");
        int threads = Integer.parseInt(System.getProperty("bench.threads", "16"));
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "15"));
        int rate = Integer.parseInt(System.getProperty("bench.rate", "500"));
        int latencySeconds = Integer.parseInt(System.getProperty("bench.latency-seconds", "10"));
        int seedOrders = Integer.parseInt(System.getProperty("bench.seed-orders", "200000"));
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();

        String shopDb = TestLab.freshDatabase(TestLab.legacyPostgres(), "benchshop");
        String paymentsDb = TestLab.freshDatabase(TestLab.paymentsPostgres(), "benchpayments");
        String psp = TestLab.psp().baseUrl();
        int monolithPort = Ports.freePort();
        int servicePort = Ports.freePort();
        List<String> heap = List.of("-Xmx512m", "-XX:+UseParallelGC");
        Process monolith = JvmCommand.jar(JvmCommand.markerFor("bench-monolith"), heap,
                root.resolve("legacy-monolith/target/legacy-monolith.jar"),
                List.of("--server.port=" + monolithPort, "--spring.datasource.url=" + shopDb,
                        "--shop.psp.base-url=" + psp, "--shop.seed.orders-on-empty=" + seedOrders,
                        "--logging.level.dev.strangler=WARN"), root)
                .start(root.resolve("benchmarks/payments/target/monolith.log"), false);
        Process service = JvmCommand.jar(JvmCommand.markerFor("bench-payment-service"), heap,
                root.resolve("extracted/payment-service/target/payment-service.jar"),
                List.of("--server.port=" + servicePort, "--spring.datasource.url=" + paymentsDb,
                        "--payments.psp.base-url=" + psp, "--payments.orders.base-url=",
                        "--logging.level.dev.strangler=WARN"), root)
                .start(root.resolve("benchmarks/payments/target/payment-service.log"), false);
        try {
            String mono = "http://127.0.0.1:" + monolithPort;
            String svc = "http://127.0.0.1:" + servicePort;
            awaitReady(mono, monolith);
            awaitReady(svc, service);
            List<Long> unpaid = unpaidOrders(shopDb);
            System.out.printf("monolith has %d unpaid orders%n", unpaid.size());
            AtomicInteger nextOrder = new AtomicInteger();
            AtomicLong serviceOrder = new AtomicLong(10_000_000);
            IntFunction<String> monolithBody = i -> {
                int n = nextOrder.getAndIncrement();
                return n < unpaid.size() ? "{\"orderId\":" + unpaid.get(n) + ",\"cardNumber\":\"" + CARD + "\"}" : null;
            };
            IntFunction<String> serviceBody = i -> "{\"orderId\":" + serviceOrder.getAndIncrement()
                    + ",\"cardNumber\":\"" + CARD + "\",\"amount\":\"25.00\",\"currency\":\"EUR\"}";

            if (Boolean.getBoolean("bench.service-only")) {
                // a quick look at the service alone, no JSON written
                warmUp(svc, serviceBody, 2000, 8);
                measure("payment-service", svc, serviceBody, threads, seconds, rate, latencySeconds);
                return;
            }
            vacuumAnalyze(shopDb);
            warmUp(mono, monolithBody, 2000, 8);
            warmUp(svc, serviceBody, 2000, 8);
            // alternate short rounds, so that background load on a shared machine hits both alike
            Round mt = new Round(0, 0, 0);
            Round st = new Round(0, 0, 0);
            int rounds = 3;
            for (int r = 0; r < rounds; r++) {
                mt = add(mt, throughput(mono, monolithBody, threads, seconds / rounds));
                st = add(st, throughput(svc, serviceBody, threads, seconds / rounds));
            }
            Result m = latency("monolith", mono, monolithBody, mt, rate, latencySeconds);
            Result s = latency("payment-service", svc, serviceBody, st, rate, latencySeconds);

            // the same closed loop with the lab's realistic gateway latency (20-60 ms): the monolith holds a
            // database connection and row locks across the gateway call, the service holds none
            TestLab.psp().server().updateGlobalSettings(GlobalSettings.builder()
                    .delayDistribution(new UniformDistribution(20, 60)).build());
            Round ml = new Round(0, 0, 0);
            Round sl = new Round(0, 0, 0);
            for (int r = 0; r < rounds; r++) {
                ml = add(ml, throughput(mono, monolithBody, threads, seconds / rounds));
                sl = add(sl, throughput(svc, serviceBody, threads, seconds / rounds));
            }
            TestLab.psp().server().updateGlobalSettings(GlobalSettings.builder().build());
            double mLatent = ml.ok() / ml.seconds();
            double sLatent = sl.ok() / sl.seconds();
            System.out.printf(Locale.ROOT, "with PSP latency 20-60 ms: monolith %.0f/s, service %.0f/s%n", mLatent,
                    sLatent);
            String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json(m, s, mLatent, sLatent, threads, seconds, rate, latencySeconds, loadBefore,
                    loadAfter));
            System.out.println(Files.readString(out));
        } finally {
            // the lab's PostgreSQL servers stop in shutdown hooks; System.exit below runs them
            monolith.destroy();
            service.destroy();
            monolith.waitFor(20, TimeUnit.SECONDS);
            service.waitFor(20, TimeUnit.SECONDS);
            monolith.destroyForcibly();
            service.destroyForcibly();
            System.exit(0);
        }
    }

    /** Successful requests, failed requests and seconds of one closed-loop round. */
    record Round(long ok, int errors, double seconds) {
    }

    private static Result measure(String name, String base, IntFunction<String> body, int threads, int seconds,
            int rate, int latencySeconds) throws Exception {
        Round round = throughput(base, body, threads, seconds);
        return latency(name, base, body, round, rate, latencySeconds);
    }

    /** Closed loop: as fast as {@code threads} callers can go. */
    private static Round throughput(String base, IntFunction<String> body, int threads, int seconds) throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    String b = body.apply(0);
                    if (b == null) {
                        return;
                    }
                    if (post(base, b) == 201) {
                        ok.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        return new Round(ok.get(), errors.get(), (System.nanoTime() - start) / 1e9);
    }

    /** Open loop at {@code rate}: latency from each request's scheduled start. */
    private static Result latency(String name, String base, IntFunction<String> body, Round round, int rate,
            int latencySeconds) throws Exception {
        double throughput = round.ok() / round.seconds();
        System.out.printf(Locale.ROOT, "%s: %.0f authorizations/s (%d ok, %d errors)%n", name, throughput, round.ok(),
                round.errors());
        int total = rate * latencySeconds;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger latencyErrors = new AtomicInteger();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        // at most 256 requests in flight, like a client's connection pool; a request that waits for a slot still has
        // its latency counted from its scheduled start
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(256);
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long scheduled = t0 + i * interval;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String b = body.apply(i);
                if (b == null) {
                    latencyErrors.incrementAndGet();
                    continue;
                }
                senders.submit(() -> {
                    inFlight.acquireUninterruptibly();
                    int status;
                    try {
                        status = post(base, b);
                    } finally {
                        inFlight.release();
                    }
                    latencies.add(System.nanoTime() - scheduled);
                    if (status != 201) {
                        latencyErrors.incrementAndGet();
                    }
                });
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double p50 = percentile(sorted, 0.50);
        double p99 = percentile(sorted, 0.99);
        double max = sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
        System.out.printf(Locale.ROOT, "%s at %d req/s: p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d errors%n", name,
                rate, p50, p99, max, latencyErrors.get());
        return new Result(name, throughput, round.ok(), round.errors(), p50, p99, max, sorted.length,
                latencyErrors.get());
    }

    private static Round add(Round a, Round b) {
        return new Round(a.ok() + b.ok(), a.errors() + b.errors(), a.seconds() + b.seconds());
    }

    private static void vacuumAnalyze(String jdbcUrl) throws Exception {
        // the seeder just wrote the legacy tables: settle autovacuum's work before measuring, not during
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            c.createStatement().execute("vacuum analyze");
        }
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void warmUp(String base, IntFunction<String> body, int requests, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger left = new AtomicInteger(requests);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (left.decrementAndGet() >= 0) {
                    String b = body.apply(0);
                    if (b == null) {
                        return;
                    }
                    post(base, b);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
    }

    private static int post(String base, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/payments"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void awaitReady(String base, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(base + " exited");
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException(base + " not ready");
    }

    private static List<Long> unpaidOrders(String jdbcUrl) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             ResultSet rs = c.createStatement().executeQuery(
                     "select o.id from orders o where o.status = 'AWPY' and not exists "
                             + "(select 1 from payments p where p.order_id = o.id) order by o.id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static String json(Result m, Result s, double mLatent, double sLatent, int threads, int seconds, int rate, int latencySeconds,
            String loadBefore, String loadAfter) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, """
                {
                  "benchmark": "payments-authorize",
                  "ratio_vs_monolith": %.2f,
                  "p99_ms_at_500rps": %.2f,
                  "throughput_rps": {"monolith": %.0f, "payment_service": %.0f},
                  "latency_ms_at_%drps": {
                    "monolith": {"p50": %.2f, "p99": %.2f, "max": %.2f, "requests": %d, "errors": %d},
                    "payment_service": {"p50": %.2f, "p99": %.2f, "max": %.2f, "requests": %d, "errors": %d}
                  },
                  "errors_during_throughput": {"monolith": %d, "payment_service": %d},
                  "with_psp_latency_20_60ms": {"throughput_rps": {"monolith": %.0f, "payment_service": %.0f}, "ratio_vs_monolith": %.2f},
                  "method": "closed loop, %d callers, %d s per target in 3 alternating rounds (after 2000 warm-up requests each and a vacuum analyze of the seeded shop); open loop at %d req/s for %d s, latency from each request's scheduled start; fake PSP without added latency; monolith and service as child JVMs (-Xmx512m) on the lab's embedded PostgreSQL 18, everything on this machine",
                  "machine": {"cpu": "%s", "cores": %d, "os": "%s", "java": "%s"},
                  "load_average_before": "%s",
                  "load_average_after": "%s",
                  "notes": "%s"
                }
                """, s.throughputRps() / m.throughputRps(), s.p99Ms(), m.throughputRps(), s.throughputRps(), rate,
                m.p50Ms(), m.p99Ms(), m.maxMs(), m.latencyRequests(), m.latencyErrors(),
                s.p50Ms(), s.p99Ms(), s.maxMs(), s.latencyRequests(), s.latencyErrors(),
                m.throughputErrors(), s.throughputErrors(), mLatent, sLatent, sLatent / mLatent, threads, seconds, rate, latencySeconds,
                cpu.replace("\"", ""), cores, System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.version"), loadBefore, loadAfter,
                System.getProperty("bench.notes", "").replace("\"", "'"));
    }

    private PaymentsBenchmark() {
    }

}

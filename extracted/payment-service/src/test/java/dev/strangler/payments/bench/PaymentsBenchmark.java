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
    /** One pool of kept-alive connections per target (base URL). */
    private static final java.util.Map<String, KeepAliveClient> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

    record Result(String target, double throughputRps, long throughputRequests, int throughputErrors,
            double p50Ms, double p99Ms, double maxMs, int latencyRequests, int latencyErrors) {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/results/payments.json");
        int threads = Integer.parseInt(System.getProperty("bench.threads", "16"));
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "15"));
        int rate = Integer.parseInt(System.getProperty("bench.rate", "500"));
        int latencySeconds = Integer.parseInt(System.getProperty("bench.latency-seconds", "10"));
        int seedOrders = Integer.parseInt(System.getProperty("bench.seed-orders", "400000"));
        int warmUpSeconds = Integer.parseInt(System.getProperty("bench.warmup-seconds", "90"));
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();

        String shopDb = TestLab.freshDatabase(TestLab.legacyPostgres(), "benchshop");
        String paymentsDb = TestLab.freshDatabase(TestLab.paymentsPostgres(), "benchpayments");
        String psp = TestLab.psp().baseUrl();
        // WireMock scans its whole request journal on every request it serves (AbstractRequestJournal
        // .removeOldEntries, 25% of this JVM's samples in a JFR of the old run), so a journal that fills up over a
        // run makes every gateway call slower than the previous one, and the later target pays more. Nothing here
        // reads the journal: keep it near empty.
        java.util.concurrent.ScheduledExecutorService journalSweeper = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("psp-journal-sweeper").unstarted(r));
        journalSweeper.scheduleAtFixedRate(() -> TestLab.psp().resetJournal(), 1, 1, TimeUnit.SECONDS);
        int monolithPort = Ports.freePort();
        int servicePort = Ports.freePort();
        // the same flags for both children: the full tiered JIT (no -XX:TieredStopAtLevel=1 as the test fixtures use)
        // and ZGC, plus whatever bench.child-jvm-flags adds (e.g. a flight recording). With the parallel collector
        // the service's young pauses took 10-40 ms on the two shared cores (-Xlog:gc) and the open loop's first
        // seconds queued behind them; a latency target calls for the low-pause collector.
        List<String> heap = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseZGC"));
        String extraFlags = System.getProperty("bench.child-jvm-flags", "").trim();
        if (!extraFlags.isEmpty()) {
            heap.addAll(List.of(extraFlags.split("\\s+")));
        }
        boolean serviceOnly = Boolean.getBoolean("bench.service-only");
        String compareJar = System.getProperty("bench.compare-jar", "").trim();
        Process monolith = serviceOnly ? null : JvmCommand.jar(JvmCommand.markerFor("bench-monolith"), heap,
                root.resolve("legacy-monolith/target/legacy-monolith.jar"),
                List.of("--server.port=" + monolithPort, "--spring.profiles.active=lab", "--spring.datasource.url=" + shopDb,
                        "--shop.psp.base-url=" + psp, "--shop.seed.orders-on-empty=" + seedOrders,
                        "--logging.level.dev.strangler=WARN"), root)
                .start(root.resolve("benchmarks/payments/target/monolith.log"), false);
        Process service = startService(root, heap, root.resolve("extracted/payment-service/target/payment-service.jar"),
                servicePort, paymentsDb, psp, "payment-service.log");
        // an A/B of two builds of the service on one machine at one time: the other build's jar, its own database
        int otherPort = Ports.freePort();
        // bench.compare-flags: JVM flags for the other build only, e.g. the same jar with one setting changed
        List<String> otherFlags = new ArrayList<>(heap);
        String compareFlags = System.getProperty("bench.compare-flags", "").trim();
        if (!compareFlags.isEmpty()) {
            otherFlags.addAll(List.of(compareFlags.split("\\s+")));
        }
        Process other = compareJar.isEmpty() ? null : startService(root, otherFlags,
                Path.of(compareJar).toAbsolutePath(), otherPort,
                TestLab.freshDatabase(TestLab.paymentsPostgres(), "benchpayments"), psp, "payment-service-other.log");
        try {
            String mono = "http://127.0.0.1:" + monolithPort;
            String svc = "http://127.0.0.1:" + servicePort;
            awaitReady(svc, service);
            AtomicLong serviceOrder = new AtomicLong(10_000_000);
            IntFunction<String> serviceBody = i -> "{\"orderId\":" + serviceOrder.getAndIncrement()
                    + ",\"cardNumber\":\"" + CARD + "\",\"amount\":\"25.00\",\"currency\":\"EUR\"}";
            if (other != null) {
                String otherUrl = "http://127.0.0.1:" + otherPort;
                awaitReady(otherUrl, other);
                compare(svc, service, otherUrl, other, serviceBody, threads, seconds, warmUpSeconds, rate,
                        latencySeconds);
                return;
            }
            if (serviceOnly) {
                // a quick look at the service alone, no JSON written
                throughput(svc, serviceBody, threads, warmUpSeconds);
                Components serviceCpu = new Components(service.pid(), postmaster("payments"));
                Cpu before = serviceCpu.sample();
                Round round = throughput(svc, serviceBody, threads, seconds);
                System.out.println("CPU ms per authorize: " + serviceCpu.sample().minus(before).per(round.ok()).json());
                if (rate > 0) {
                    vacuumAnalyze(paymentsDb);
                    latency("payment-service", svc, serviceBody, round, rate, latencySeconds);
                }
                return;
            }
            awaitReady(mono, monolith);
            moreUnpaidOrders(shopDb, Integer.getInteger("bench.unpaid-doublings", 2));
            List<Long> unpaid = unpaidOrders(shopDb);
            System.out.printf("monolith has %d unpaid orders%n", unpaid.size());
            AtomicInteger nextOrder = new AtomicInteger();
            IntFunction<String> monolithBody = i -> {
                int n = nextOrder.getAndIncrement();
                return n < unpaid.size() ? "{\"orderId\":" + unpaid.get(n) + ",\"cardNumber\":\"" + CARD + "\"}" : null;
            };

            vacuumAnalyze(shopDb);
            Target monolithTarget = new Target("monolith", mono, monolithBody,
                    new Components(monolith.pid(), postmaster("legacy")));
            Target serviceTarget = new Target("service", svc, serviceBody,
                    new Components(service.pid(), postmaster("payments")));
            warmUp(monolithTarget, serviceTarget, threads, warmUpSeconds);
            // where the CPU goes: each application JVM, its PostgreSQL server (postmaster and backends), and this JVM
            // split into the fake PSP's Jetty threads and the rest (load generator, GC, JIT); short alternating
            // rounds, so that background load on a shared machine hits both alike
            int rounds = 3;
            Measured[] measured = alternate(monolithTarget, serviceTarget, threads, seconds / rounds, rounds, false);
            Round mt = measured[0].round();
            Round st = measured[1].round();
            Cpu mCpu = measured[0].cpu();
            Cpu sCpu = measured[1].cpu();
            // the fake PSP alone, driven by the same load generator: an upper bound for both applications
            Components pspOnly = new Components(-1, -1);
            Cpu before = pspOnly.sample();
            Round pspRound = throughput(psp, "/v1/authorizations", i -> "{\"amount\":\"25.00\",\"currency\":\"EUR\","
                    + "\"card_number\":\"" + CARD + "\",\"reference\":\"order-" + i + "\"}", 201, threads,
                    Math.max(3, seconds / rounds));
            Cpu pspCpu = pspOnly.sample().minus(before);
            System.out.printf(Locale.ROOT, "fake PSP alone: %.0f calls/s%n", pspRound.ok() / pspRound.seconds());
            // the closed loops just wrote tens of thousands of rows: autovacuum's turn comes now, not in the open loop
            vacuumAnalyze(shopDb);
            vacuumAnalyze(paymentsDb);
            // the open loop in alternating rounds too, pooled: one 10 s window per target gave each its own weather
            // (one run's service p99 was twice the monolith's, the next run's half)
            int latencyRounds = Integer.getInteger("bench.latency-rounds", 3);
            List<OpenLoop> mLoops = new ArrayList<>();
            List<OpenLoop> sLoops = new ArrayList<>();
            for (int r = 0; r < latencyRounds; r++) {
                mLoops.add(openLoop("monolith", mono, monolithBody, rate, latencySeconds));
                sLoops.add(openLoop("payment-service", svc, serviceBody, rate, latencySeconds));
            }
            Result m = result("monolith", mt, rate, mLoops);
            Result s = result("payment-service", st, rate, sLoops);

            // the same closed loop with the lab's realistic gateway latency (20-60 ms): the monolith holds a
            // database connection and row locks across the gateway call, the service holds none
            TestLab.psp().server().updateGlobalSettings(GlobalSettings.builder()
                    .delayDistribution(new UniformDistribution(20, 60)).build());
            Measured[] latent = alternate(monolithTarget, serviceTarget, threads, seconds / rounds, rounds, false);
            TestLab.psp().server().updateGlobalSettings(GlobalSettings.builder().build());
            double mLatent = latent[0].round().ok() / latent[0].round().seconds();
            double sLatent = latent[1].round().ok() / latent[1].round().seconds();
            System.out.printf(Locale.ROOT, "with PSP latency 20-60 ms: monolith %.0f/s, service %.0f/s%n", mLatent,
                    sLatent);
            String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json(m, s, mLoops, sLoops, mLatent, sLatent, threads, seconds, rate, latencySeconds,
                    loadBefore,
                    loadAfter, mCpu.per(mt.ok()), sCpu.per(st.ok()), pspRound.ok() / pspRound.seconds(),
                    pspCpu.per(pspRound.ok()), warmUpSeconds, Math.max(0, unpaid.size() - nextOrder.get())));
            System.out.println(Files.readString(out));
        } finally {
            // the lab's PostgreSQL servers stop in shutdown hooks; System.exit below runs them
            for (Process child : java.util.Arrays.asList(monolith, service, other)) {
                if (child != null) {
                    child.destroy();
                    child.waitFor(20, TimeUnit.SECONDS);
                    child.destroyForcibly();
                }
            }
            System.exit(0);
        }
    }

    private static Process startService(Path root, List<String> jvmFlags, Path jar, int port, String db, String psp,
            String log) throws IOException {
        stubOrderTotals();
        return JvmCommand.jar(JvmCommand.markerFor("bench-payment-service"), jvmFlags, jar,
                List.of("--server.port=" + port, "--spring.profiles.active=lab", "--spring.datasource.url=" + db, "--payments.psp.base-url=" + psp,
                        "--payments.orders.base-url=" + psp, "--logging.level.dev.strangler=WARN"), root)
                .start(root.resolve("benchmarks/payments/target/" + log), false);
    }

    /**
     * The service asks the shop for every order's total; its own orders (ids from 10,000,000) exist nowhere, so the
     * fake gateway's server answers for them: every order awaits payment of 25.00 EUR, what the bodies state. The
     * lookup is one more HTTP call per authorization, as in the lab.
     */
    private static void stubOrderTotals() {
        TestLab.psp().server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/api/orders/[0-9]+"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"status\":\"AWAITING_PAYMENT\",\"total\":\"25.00\",\"currency\":\"EUR\"}")));
    }

    /**
     * This build against another ({@code bench.compare-jar}), in alternating rounds on one machine: what a change
     * did, with the machine's drift over minutes (easily 20 %) shared by both. Prints, writes nothing.
     */
    private static void compare(String thisUrl, Process thisBuild, String otherUrl, Process otherBuild,
            IntFunction<String> body, int threads, int seconds, int warmUpSeconds, int rate, int latencySeconds)
            throws Exception {
        Target thisTarget = new Target("this", thisUrl, body,
                new Components(thisBuild.pid(), postmaster("payments")));
        Target otherTarget = new Target("other", otherUrl, body,
                new Components(otherBuild.pid(), postmaster("payments")));
        warmUp(thisTarget, otherTarget, threads, warmUpSeconds);
        Measured[] measured = alternate(thisTarget, otherTarget, threads, seconds / 3,
                Integer.getInteger("bench.compare-rounds", 6), true);
        for (int t = 0; t < 2; t++) {
            Round round = measured[t].round();
            System.out.printf(Locale.ROOT, "%-5s: %.0f/s, CPU ms per authorize %s%n", t == 0 ? "this" : "other",
                    round.ok() / round.seconds(), measured[t].cpu().per(round.ok()).json());
        }
        // then the open loop, alternating too: one p99 of 5,000 requests moves by half between runs on this machine
        int latencyRounds = rate > 0 ? Integer.getInteger("bench.compare-latency-rounds", 3) : 0;
        StringBuilder p99s = new StringBuilder();
        for (int r = 0; r < latencyRounds; r++) {
            Result a = latency("this", thisUrl, body, measured[0].round(), rate, latencySeconds);
            Result b = latency("other", otherUrl, body, measured[1].round(), rate, latencySeconds);
            p99s.append(String.format(Locale.ROOT, " round %d: this %.1f, other %.1f;", r, a.p99Ms(), b.p99Ms()));
        }
        if (latencyRounds > 0) {
            System.out.println("p99 ms at " + rate + " req/s:" + p99s);
        }
    }

    /** Where one target answers, what it is sent, and the processes it runs on. */
    record Target(String name, String url, IntFunction<String> body, Components components) {
    }

    /** What alternating rounds measured of one target. */
    record Measured(Round round, Cpu cpu) {
    }

    /**
     * Warms both targets up by time, not by count: on 2 shared cores, C2 was still compiling the request path of both
     * applications (about one core's worth, in JFR) after 2000 requests, and a JIT still at work is what the
     * measurement then measured. Same load shape as the measurement, alternating.
     */
    private static void warmUp(Target a, Target b, int threads, int warmUpSeconds) throws Exception {
        for (int r = 0; r < 4; r++) {
            throughput(a.url(), a.body(), threads, Math.max(1, warmUpSeconds / 4));
            throughput(b.url(), b.body(), threads, Math.max(1, warmUpSeconds / 4));
        }
    }

    /** Closed-loop rounds of {@code a}, then {@code b}, then {@code a}...: background load hits both alike. */
    private static Measured[] alternate(Target a, Target b, int threads, int roundSeconds, int rounds, boolean print)
            throws Exception {
        Measured[] measured = {new Measured(new Round(0, 0, 0), Cpu.ZERO), new Measured(new Round(0, 0, 0), Cpu.ZERO)};
        Target[] targets = {a, b};
        for (int r = 0; r < rounds; r++) {
            StringBuilder line = new StringBuilder("round " + r + ":");
            for (int t = 0; t < 2; t++) {
                Cpu before = targets[t].components().sample();
                Round round = throughput(targets[t].url(), targets[t].body(), threads, roundSeconds);
                Cpu cpu = targets[t].components().sample().minus(before);
                measured[t] = new Measured(add(measured[t].round(), round), measured[t].cpu().plus(cpu));
                line.append(String.format(Locale.ROOT, " %s %.0f/s %.3f ms", targets[t].name(),
                        round.ok() / round.seconds(), cpu.per(round.ok()).total()));
            }
            if (print) {
                System.out.println(line);
            }
        }
        return measured;
    }

    /** Successful requests, failed requests and seconds of one closed-loop round. */
    record Round(long ok, int errors, double seconds) {
    }

    /** Closed loop: as fast as {@code threads} callers can go. */
    private static Round throughput(String base, IntFunction<String> body, int threads, int seconds) throws Exception {
        return throughput(base, "/api/payments", body, 201, threads, seconds);
    }

    private static Round throughput(String base, String path, IntFunction<String> body, int expected, int threads,
            int seconds) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    String b = body.apply(calls.incrementAndGet());
                    if (b == null) {
                        return;
                    }
                    if (post(base, path, b) == expected) {
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

    /** One open loop at {@code rate}, summed up on its own (the service-only and A/B modes). */
    private static Result latency(String name, String base, IntFunction<String> body, Round round, int rate,
            int latencySeconds) throws Exception {
        return result(name, round, rate, List.of(openLoop(name, base, body, rate, latencySeconds)));
    }

    /** What one open loop measured: each recorded request's latency, the errors, and the kernel's own CPU meanwhile. */
    record OpenLoop(long[] nanos, int errors, KernelThreads kernel) {
    }

    /**
     * Open loop at {@code rate}: latency from each request's scheduled start. The first {@link #LEAD_IN_SECONDS} at
     * that rate are sent but not recorded (like wrk2's calibration period): the switch from the saturating closed
     * loop to the open one queued every request of the first second in one run (connections opened, the loop's own
     * code compiled), a transient of the benchmark, not a steady 500 req/s. Errors are counted throughout.
     */
    private static OpenLoop openLoop(String name, String base, IntFunction<String> body, int rate, int latencySeconds)
            throws Exception {
        int leadIn = rate * LEAD_IN_SECONDS;
        int total = leadIn + rate * latencySeconds;
        boolean traceSlow = Boolean.getBoolean("bench.trace-slow");
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger latencyErrors = new AtomicInteger();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        KernelThreads kernelBefore = KernelThreads.sample();
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
                int n = i;
                senders.submit(() -> {
                    inFlight.acquireUninterruptibly();
                    int status;
                    try {
                        status = post(base, b);
                    } finally {
                        inFlight.release();
                    }
                    long took = System.nanoTime() - scheduled;
                    if (n >= leadIn) {
                        latencies.add(took);
                    }
                    if (traceSlow && took > SLOW_NANOS) {
                        // the answer's wall-clock time lines up with GC logs (-Xlog:gc:file=...:time) and the kernel's
                        System.out.printf(Locale.ROOT, "slow: %s %.3f s after the start (lead-in %d s), %.1f ms, "
                                + "answered %s%n", name, (scheduled - t0) / 1e9, LEAD_IN_SECONDS, took / 1e6,
                                java.time.LocalTime.now());
                    }
                    if (status != 201) {
                        latencyErrors.incrementAndGet();
                    }
                });
            }
        }
        KernelThreads kernel = KernelThreads.sample().minus(kernelBefore);
        long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s at %d req/s, one round: p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d errors; "
                + "kernel threads meanwhile %.0f ms of CPU (kdamond %.0f)%n", name, rate, percentile(sorted, 0.50),
                percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                latencyErrors.get(), kernel.allMs(), kernel.kdamondMs());
        return new OpenLoop(nanos, latencyErrors.get(), kernel);
    }

    /** The latency percentiles of one or more open loops of one target, pooled. */
    private static Result result(String name, Round round, int rate, List<OpenLoop> loops) {
        double throughput = round.ok() / round.seconds();
        long[] sorted = loops.stream().flatMapToLong(l -> java.util.Arrays.stream(l.nanos())).sorted().toArray();
        int errors = loops.stream().mapToInt(OpenLoop::errors).sum();
        double p50 = percentile(sorted, 0.50);
        double p99 = percentile(sorted, 0.99);
        double max = sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
        System.out.printf(Locale.ROOT, "%s: %.0f authorizations/s (%d ok, %d errors); at %d req/s: p50 %.2f ms, "
                + "p99 %.2f ms, max %.2f ms, %d requests, %d errors%n", name, throughput, round.ok(), round.errors(),
                rate, p50, p99, max, sorted.length, errors);
        return new Result(name, throughput, round.ok(), round.errors(), p50, p99, max, sorted.length, errors);
    }

    /**
     * CPU milliseconds of the kernel's own threads (kthreadd's children), and of DAMON's {@code kdamond} among them.
     * On the machines these figures come from, the host runs a DAMON "pageout" scheme whose thread samples memory
     * every 0.5 s and holds a core for 10-30 ms each time; the service's slow requests came in bursts at exactly
     * those moments. The figure goes into the results so that a run's tail can be read against it.
     */
    record KernelThreads(double allMs, double kdamondMs) {

        static KernelThreads sample() throws IOException {
            double all = 0;
            double kdamond = 0;
            for (var child : childrenCpuMs(KTHREADD).entrySet()) {
                all += child.getValue();
                if (comm(child.getKey()).startsWith("kdamond")) {
                    kdamond += child.getValue();
                }
            }
            return new KernelThreads(all, kdamond);
        }

        KernelThreads minus(KernelThreads o) {
            return new KernelThreads(allMs - o.allMs, kdamondMs - o.kdamondMs);
        }

        KernelThreads plus(KernelThreads o) {
            return new KernelThreads(allMs + o.allMs, kdamondMs + o.kdamondMs);
        }

        private static final long KTHREADD = 2;

        private static String comm(long pid) {
            try {
                return Files.readString(Path.of("/proc", String.valueOf(pid), "comm")).trim();
            } catch (IOException e) {
                return ""; // exited meanwhile
            }
        }
    }

    /** Open-loop seconds sent before the recorded ones. */
    static final int LEAD_IN_SECONDS = 2;

    /** What {@code -Dbench.trace-slow=true} prints, request by request: the target's p99. */
    private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    /** CPU milliseconds (user + system) by component. */
    record Cpu(double application, double database, double psp, double loadGenerator) {

        static final Cpu ZERO = new Cpu(0, 0, 0, 0);

        Cpu plus(Cpu o) {
            return new Cpu(application + o.application, database + o.database, psp + o.psp,
                    loadGenerator + o.loadGenerator);
        }

        Cpu minus(Cpu o) {
            return new Cpu(application - o.application, database - o.database, psp - o.psp,
                    loadGenerator - o.loadGenerator);
        }

        Cpu per(long requests) {
            double n = Math.max(1, requests);
            return new Cpu(application / n, database / n, psp / n, loadGenerator / n);
        }

        double total() {
            return application + database + psp + loadGenerator;
        }

        String json() {
            return String.format(Locale.ROOT, "{\"application\": %.3f, \"postgres\": %.3f, \"fake_psp\": %.3f, "
                    + "\"load_generator\": %.3f, \"total\": %.3f}", application, database, psp, loadGenerator, total());
        }
    }

    /** The processes one target runs on: its JVM and its PostgreSQL server (-1: none), plus this JVM. */
    record Components(long applicationPid, long postmasterPid) {

        Cpu sample() throws IOException {
            double application = applicationPid < 0 ? 0 : processCpuMs(applicationPid, false);
            double database = postmasterPid < 0 ? 0 : treeCpuMs(postmasterPid);
            double self = processCpuMs(ProcessHandle.current().pid(), false);
            double psp = pspThreadsCpuMs();
            return new Cpu(application, database, psp, self - psp);
        }
    }

    private static final double MS_PER_TICK = 10; // getconf CLK_TCK is 100 on Linux

    /** utime + stime of a process (all its threads), plus its reaped children's when asked, from /proc. */
    private static double processCpuMs(long pid, boolean withReapedChildren) throws IOException {
        String[] f = statFields(pid);
        if (f == null) {
            return 0;
        }
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (withReapedChildren) {
            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
        return ticks * MS_PER_TICK;
    }

    /** A PostgreSQL server's CPU: the postmaster, its live children (backends, WAL writer...) and reaped ones. */
    private static double treeCpuMs(long postmaster) throws IOException {
        return processCpuMs(postmaster, true)
                + childrenCpuMs(postmaster).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** utime + stime of each live child of {@code parent}, by pid. */
    private static java.util.Map<Long, Double> childrenCpuMs(long parent) throws IOException {
        java.util.Map<Long, Double> children = new java.util.HashMap<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] f = statFields(Long.parseLong(name));
                if (f != null && Long.parseLong(f[1]) == parent) {
                    children.put(Long.parseLong(name), (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MS_PER_TICK);
                }
            }
        }
        return children;
    }

    /** The fields of /proc/pid/stat after the command name (index 0 is the state, 1 the parent pid), or null. */
    private static String @org.jspecify.annotations.Nullable [] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return null; // exited meanwhile
        }
    }

    /** CPU of the fake PSP: WireMock's Jetty pool threads ("qtp...") in this JVM. */
    private static double pspThreadsCpuMs() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("qtp")) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e6;
    }

    /** The postmaster of one of the test lab's PostgreSQL servers, from its pid file. */
    private static long postmaster(String name) throws IOException {
        return Long.parseLong(Files.readAllLines(TestLab.directory().resolve("pg-" + name).resolve("postmaster.pid"))
                .getFirst().trim());
    }

    private static Round add(Round a, Round b) {
        return new Round(a.ok() + b.ok(), a.errors() + b.errors(), a.seconds() + b.seconds());
    }

    private static void vacuumAnalyze(String jdbcUrl) throws Exception {
        // after the seeder or a closed loop wrote many rows: settle autovacuum's work before measuring, not during
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

    private static int post(String base, String body) {
        return post(base, "/api/payments", body);
    }

    private static int post(String base, String path, String body) {
        return CLIENTS.computeIfAbsent(base, b -> new KeepAliveClient(URI.create(b), 10_000)).post(path, body);
    }

    private static void awaitReady(String base, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpRequest readiness = HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(base + " exited");
                }
                try {
                    if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not up yet
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
        throw new IllegalStateException(base + " not ready");
    }

    /**
     * Doubles the seeded shop's unpaid orders {@code times} times, lines included: every monolith authorization uses
     * one up, and the seeder's share (a tenth of its orders) ran out within a warm-up long enough for C2 to finish.
     * Copies in SQL take seconds; seeding more orders through the shop would take minutes.
     */
    private static void moreUnpaidOrders(String jdbcUrl, int times) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl); java.sql.Statement sql = c.createStatement()) {
            for (int i = 0; i < times; i++) {
                sql.execute("create temp table copies as select o.id as old_id, "
                        + "nextval(pg_get_serial_sequence('orders', 'id')) as new_id from orders o "
                        + "where o.status = 'AWPY' and not exists (select 1 from payments p where p.order_id = o.id)");
                sql.execute("insert into orders (id, customer_id, status, total, currency, created_at, updated_at) "
                        + "select c.new_id, o.customer_id, o.status, o.total, o.currency, now(), now() "
                        + "from copies c join orders o on o.id = c.old_id");
                sql.execute("insert into order_lines (order_id, product_id, quantity, unit_price, line_total) "
                        + "select c.new_id, l.product_id, l.quantity, l.unit_price, l.line_total "
                        + "from copies c join order_lines l on l.order_id = c.old_id");
                sql.execute("drop table copies");
            }
        }
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

    private static String json(Result m, Result s, List<OpenLoop> mLoops, List<OpenLoop> sLoops, double mLatent,
            double sLatent, int threads, int seconds, int rate, int latencySeconds,
            String loadBefore, String loadAfter, Cpu mCpu, Cpu sCpu, double pspRps, Cpu pspCpu, int warmUpSeconds,
            int ordersLeft) throws IOException {
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
                  "p99_ms_by_open_loop_round": {"monolith": %s, "payment_service": %s},
                  "kernel_threads_cpu_ms_during_open_loops": {"monolith": %s, "payment_service": %s},
                  "errors_during_throughput": {"monolith": %d, "payment_service": %d},
                  "with_psp_latency_20_60ms": {"throughput_rps": {"monolith": %.0f, "payment_service": %.0f}, "ratio_vs_monolith": %.2f},
                  "cpu_ms_per_authorize": {
                    "monolith": %s,
                    "payment_service": %s
                  },
                  "cpu_bound_rps_on_%d_cores": {"monolith": %.0f, "payment_service": %.0f},
                  "fake_psp_alone": {"calls_per_s": %.0f, "cpu_ms_per_call": %s},
                  "monolith_unpaid_orders_left": %d,
                  "method": "closed loop, %d callers, %d s per target in 3 alternating rounds (after %d s of warm-up each, alternating, and a vacuum analyze of the seeded shop with its unpaid orders doubled twice); open loop at %d req/s after a vacuum analyze of both databases, in %d alternating rounds of %d s per target (each after a %d s lead-in at that rate, not recorded), pooled, latency from each request's scheduled start; fake PSP without added latency; monolith and service as child JVMs (-Xmx512m, ZGC) on the lab's embedded PostgreSQL 18, everything on this machine",
                  "machine": {"cpu": "%s", "cores": %d, "os": "%s", "java": "%s"},
                  "load_average_before": "%s",
                  "load_average_after": "%s",
                  "notes": "%s"
                }
                """, s.throughputRps() / m.throughputRps(), s.p99Ms(), m.throughputRps(), s.throughputRps(), rate,
                m.p50Ms(), m.p99Ms(), m.maxMs(), m.latencyRequests(), m.latencyErrors(),
                s.p50Ms(), s.p99Ms(), s.maxMs(), s.latencyRequests(), s.latencyErrors(),
                roundP99s(mLoops), roundP99s(sLoops), kernelJson(mLoops), kernelJson(sLoops),
                m.throughputErrors(), s.throughputErrors(), mLatent, sLatent, sLatent / mLatent,
                mCpu.json(), sCpu.json(), cores, cores * 1000 / mCpu.total(), cores * 1000 / sCpu.total(), pspRps,
                pspCpu.json(), ordersLeft, threads, seconds, warmUpSeconds, rate, mLoops.size(), latencySeconds,
                LEAD_IN_SECONDS,
                cpu.replace("\"", ""), cores, System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.version"), loadBefore, loadAfter,
                System.getProperty("bench.notes", "").replace("\"", "'"));
    }

    private static String roundP99s(List<OpenLoop> loops) {
        return loops.stream().map(l -> {
            long[] sorted = l.nanos().clone();
            java.util.Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%.2f", percentile(sorted, 0.99));
        }).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static String kernelJson(List<OpenLoop> loops) {
        KernelThreads sum = loops.stream().map(OpenLoop::kernel).reduce(new KernelThreads(0, 0), KernelThreads::plus);
        return String.format(Locale.ROOT, "{\"all\": %.0f, \"kdamond\": %.0f}", sum.allMs(), sum.kdamondMs());
    }

    private PaymentsBenchmark() {
    }

}

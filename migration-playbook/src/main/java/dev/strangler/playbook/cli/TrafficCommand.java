package dev.strangler.playbook.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.strangler.playbook.context.StranglerContext;
import dev.strangler.playbook.lab.LabPorts;
import dev.strangler.playbook.traffic.TrafficException;
import dev.strangler.playbook.traffic.TrafficRun;
import dev.strangler.playbook.traffic.TrafficSettings;
import dev.strangler.playbook.traffic.TrafficSnapshot;
import dev.strangler.playbook.traffic.TrafficSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strangler traffic}: realistic shop traffic through the proxy at a fixed rate, then a summary. */
@Command(name = "traffic", description = {
        "Send realistic shop traffic through the proxy at a fixed rate (open loop): browse, look at orders and payments,"
                + " checkout with a test card, create an order and pay it (Idempotency-Key), capture, refund.",
        "Declining test cards (402) and out-of-stock answers are expected, not failures. Exits 1 when any request"
                + " failed (5xx, timeout, connection error, unexpected 4xx)."})
public final class TrafficCommand implements Callable<Integer> {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    @Spec
    CommandSpec spec;

    @Option(names = "--rps", required = true, paramLabel = "N", description = "Requests per second.")
    double rps;

    @Option(names = "--duration", required = true, paramLabel = "D",
            description = "How long: 90s, 5m, 1h, or seconds. Ctrl-C stops early and still prints the summary.")
    String duration;

    @Option(names = "--target", paramLabel = "URL",
            description = "The shop's base URL (default: the context's shop; in the lab its proxy,"
                    + " http://127.0.0.1:8080 + STRANGLER_PORT_OFFSET).")
    @Nullable String target;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary (with every payment id created) here.")
    @Nullable Path json;

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "D", description = "Per request (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--declines", defaultValue = "5", paramLabel = "PERCENT",
            description = "Share of card payments made with a declining test card (default ${DEFAULT-VALUE}).")
    double declinePercent;

    @Option(names = "--seed", defaultValue = "42", description = "Seeds the choice of requests, products, customers, cards.")
    long seed;

    @Option(names = "--ramp-up", defaultValue = "0s", paramLabel = "D", description = "Grow the rate from a tenth of"
            + " --rps to --rps over this time, as traffic reaches a freshly started shop; every request counts"
            + " (default ${DEFAULT-VALUE}: full rate at once).")
    String rampUp;

    @Option(names = "--progress", defaultValue = "5s", paramLabel = "D", description = "How often to print a progress line (default ${DEFAULT-VALUE}).")
    String progress;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI uri = target();
        Duration requestTimeout = parseDuration("--timeout", timeout);
        TrafficSettings settings = TrafficSettings.of(uri, rps, parseDuration("--duration", duration))
                .withTimeout(requestTimeout).withSeed(seed).withDeclineShare(declinePercent / 100.0)
                .withRampUp(rampUp.trim().matches("0+[a-z]*") ? Duration.ZERO : parseDuration("--ramp-up", rampUp));
        Duration every = parseDuration("--progress", progress);

        TrafficRun run;
        try {
            run = TrafficRun.start(settings);
        } catch (TrafficException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        }
        CountDownLatch printed = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            run.stop();
            try {
                printed.await(requestTimeout.toSeconds() + 15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "traffic-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            out.printf(Locale.ROOT, "Sending %s req/s to %s for %s (%s found; Ctrl-C stops early).%n",
                    number(rps), uri, duration, run.discovered());
            out.flush();
            TrafficSnapshot last = run.snapshot();
            while (!run.awaitCompletion(every)) {
                TrafficSnapshot now = run.snapshot();
                out.println(progressLine(now, last));
                out.flush();
                last = now;
            }
            TrafficSummary summary = run.summary();
            print(summary, out);
            if (json != null) {
                write(summary, json);
                out.println("Summary written to " + json);
            }
            out.flush();
            return summary.failed() == 0 ? 0 : 1;
        } finally {
            run.close();
            printed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for the summary printed above
            }
        }
    }

    /** {@code --target}, else the shop of the context chosen: the lab's proxy, or the context's {@code shop}. */
    private URI target() {
        if (target != null) {
            return URI.create(target);
        }
        StranglerContext context = ContextChoice.context(spec);
        return context.isLab() ? URI.create("http://127.0.0.1:" + LabPorts.fromEnvironment().proxy())
                : context.requireShop("traffic", ", unless --target names it");
    }

    static String progressLine(TrafficSnapshot now, TrafficSnapshot last) {
        double interval = now.elapsedSeconds() - last.elapsedSeconds();
        double rate = interval <= 0 ? 0 : (now.scheduled() - last.scheduled()) / interval;
        return String.format(Locale.ROOT, "  [%5.0fs] %7d sent %7d ok %5d declined %5d failed  in flight %4d  p50 %7.1f ms  p99 %8.1f ms  %6.1f req/s",
                now.elapsedSeconds(), now.scheduled(), now.ok(), now.declined(), now.failed(), now.inFlight(),
                now.p50Millis(), now.p99Millis(), rate);
    }

    static void print(TrafficSummary s, PrintWriter out) {
        out.println();
        out.printf(Locale.ROOT, "%d requests in %.1f s (%.1f req/s of %s asked): %d ok, %d declined (expected),"
                        + " %d out of stock (expected), %d failed%s%n",
                s.requests(), s.seconds(), s.achievedRps(), number(s.targetRps()), s.ok(), s.declined(),
                s.outOfStock(), s.failed(), s.complete() ? "" : " (still running)");
        out.printf(Locale.ROOT, "latency from the scheduled send time: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                s.latency().p50Millis(), s.latency().p90Millis(), s.latency().p99Millis(), s.latency().maxMillis());
        out.println();
        out.printf("%-16s %-34s %8s %8s %8s %8s %8s %10s %10s%n", "KIND", "REQUEST", "COUNT", "OK", "DECLINED",
                "NOSTOCK", "FAILED", "P50", "P99");
        for (TrafficSummary.KindSummary k : s.byKind()) {
            out.printf(Locale.ROOT, "%-16s %-34s %8d %8d %8d %8d %8d %7.1f ms %7.1f ms%n", k.kind(), k.request(),
                    k.requests(), k.ok(), k.declined(), k.outOfStock(), k.failed(), k.p50Millis(), k.p99Millis());
        }
        out.println();
        if (s.failed() == 0) {
            out.println("failures: none");
        } else {
            out.println("failures: " + s.failures().entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
            for (TrafficSummary.FailureSample f : s.failureSamples()) {
                out.printf(Locale.ROOT, "  at %6.1fs %-14s %-20s %s%s%n", f.atSeconds(), f.kind(), f.failure(),
                        f.status() == 0 ? "no answer" : "HTTP " + f.status(),
                        f.problemType() != null ? " " + f.problemType() : f.error() != null ? " " + f.error() : "");
            }
        }
        List<Long> ids = s.paymentIdsCreated();
        out.printf("payments created: %d, captured: %d, refunded: %d%s%n", ids.size(), s.paymentsCaptured(),
                s.paymentsRefunded(), ids.isEmpty() ? "" : "; ids " + abbreviate(ids));
    }

    private static String abbreviate(List<Long> ids) {
        if (ids.size() <= 10) {
            return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return ids.subList(0, 5).stream().map(String::valueOf).collect(Collectors.joining(", ")) + ", ... "
                + ids.subList(ids.size() - 3, ids.size()).stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " (all in --json)";
    }

    private static void write(TrafficSummary summary, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), summary);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + file + ": " + e.getMessage());
        }
    }

    static Duration parseDuration(String option, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            try {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(option + " must look like 90s, 5m, 1h or 500ms, got '" + text + "'");
            }
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = value * Map.of("ms", 1L, "s", 1_000L, "m", 60_000L, "h", 3_600_000L).get(unit);
        if (millis < 1) {
            throw new IllegalArgumentException(option + " must be at least 1 ms, got '" + text + "'");
        }
        return Duration.ofMillis((long) millis);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}

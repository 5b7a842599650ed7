package dev.strangler.playbook.playbook.internal;

import dev.strangler.playbook.playbook.StepContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The playbook's own load while a step observes: reads of existing rows on the extraction's read routes
 * ({@code <route prefix>/<id>}, ids the monolith already had) and of products, through the proxy, paced at the given
 * rate. Failures are 5xx answers and requests that got no answer.
 */
public final class ReadTraffic implements StepContext.Traffic {

    private final String proxy;
    private final List<String> prefixes;
    private final long maxId;

    /**
     * @param prefixes the read routes' paths without their wildcard ({@code /api/payments})
     * @param maxId    the largest id the monolith's rows have: reads ask ids from 1 to it
     */
    public ReadTraffic(String proxyBaseUrl, List<String> prefixes, long maxId) {
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("no read route to send the playbook's reads to");
        }
        this.proxy = proxyBaseUrl;
        this.prefixes = List.copyOf(prefixes);
        this.maxId = Math.max(1, maxId);
    }

    @Override
    public Running start(int rps) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("playbook-traffic").daemon().factory());
        AtomicLong requests = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long periodMicros = 1_000_000L / Math.max(1, rps);
        pacer.scheduleAtFixedRate(() -> {
            long n = requests.incrementAndGet();
            String path = n % 4 == 0 ? "/api/products?size=5"
                    : prefixes.get((int) (n % prefixes.size())) + "/"
                            + (1 + ThreadLocalRandom.current().nextLong(maxId));
            http.sendAsync(HttpRequest.newBuilder(URI.create(proxy + path)).timeout(Duration.ofSeconds(10))
                            .header("X-Customer-Id", Long.toString(n % 97)).build(),
                    HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        if (e != null || r.statusCode() >= 500) {
                            failures.incrementAndGet();
                        }
                    });
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        return new Running() {
            @Override
            public long requests() {
                return requests.get();
            }

            @Override
            public long failures() {
                return failures.get();
            }

            @Override
            public void close() {
                pacer.shutdownNow();
                http.close();
            }
        };
    }
}

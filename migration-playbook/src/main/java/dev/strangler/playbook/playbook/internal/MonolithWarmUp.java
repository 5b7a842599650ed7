package dev.strangler.playbook.playbook.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Warms a freshly started monolith before the proxy sends it traffic: a new JVM answers its first burst of real
 * requests slowly (classes load, validators and SQL renderers initialise, the code compiles), and under a steady
 * load on two cores that burst ran past the proxy's 10 s response timeout. A few seconds of requests from several
 * threads, reads (a sales report first) and requests the shop refuses without changing anything (an order for a
 * customer that does not exist), take that hit instead of the users.
 */
final class MonolithWarmUp {

    private static final int THREADS = 4;

    private MonolithWarmUp() {
    }

    /** Sends warm-up requests to {@code base} for {@code duration}; returns how many were answered. */
    static int warm(URI base, Duration duration) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        List<HttpRequest> requests = List.of(
                get(base, "/api/products?page=0&size=20"),
                get(base, "/api/products/1"),
                get(base, "/api/customers?page=0&size=20"),
                get(base, "/api/customers/1"),
                get(base, "/api/orders/1"),
                get(base, "/api/payments/1"),
                HttpRequest.newBuilder(base.resolve("/api/orders")).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":999999999999,\"items\":"
                                + "[{\"productId\":1,\"quantity\":1}],\"cardNumber\":\"4242424242424242\"}"))
                        .build());
        AtomicInteger answered = new AtomicInteger();
        long deadline = System.nanoTime() + duration.toNanos();
        // one sales report over the longest range the shop accepts (ten years) first: the dearest read (it fetches
        // every payment from the payment service in batches), whose first run on a cold JVM took longer than the
        // proxy's timeout (a wider range is a 400 that warms nothing)
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        try {
            http.send(HttpRequest.newBuilder(base.resolve("/api/reports/sales?from=" + today.minusYears(10).plusDays(3)
                            + "&to=" + today)).timeout(duration.multipliedBy(3))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            answered.incrementAndGet();
        } catch (IOException e) {
            // as below: it warmed what it reached
        }
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < THREADS; t++) {
                workers.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        HttpRequest request = requests.get(ThreadLocalRandom.current().nextInt(requests.size()));
                        try {
                            http.send(request, HttpResponse.BodyHandlers.discarding());
                            answered.incrementAndGet();
                        } catch (IOException e) {
                            // a warm-up request that fails is a warm-up request all the same
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
        }
        return answered.get();
    }

    private static HttpRequest get(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build();
    }
}

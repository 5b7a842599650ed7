package dev.strangler.support.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;

class OutgoingHttpTests {

    HttpServer remote;
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger hangUps = new AtomicInteger();
    final CountDownLatch together = new CountDownLatch(CALLERS_AT_ONCE);
    static final int CALLERS_AT_ONCE = 20;
    final OutgoingHttp http = new OutgoingHttp(RestClient.builder(), Duration.ofSeconds(2), Duration.ofMillis(300));

    @BeforeEach
    void start() throws Exception {
        remote = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        remote.createContext("/echo", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String answer = "{\"got\":" + new String(body, StandardCharsets.UTF_8) + ",\"key\":\""
                    + exchange.getRequestHeaders().getFirst("Idempotency-Key") + "\"}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        remote.createContext("/slow", exchange -> {
            try {
                release.await(5, TimeUnit.SECONDS); // longer than the read timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        remote.createContext("/hang-up", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hangUps.incrementAndGet();
            exchange.close(); // no answer: the connection closes
        });
        remote.createContext("/together", exchange -> {
            exchange.getRequestBody().readAllBytes();
            together.countDown();
            try {
                // answers only once all callers are in: a pool smaller than that would never get here
                together.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(together.getCount() == 0 ? 200 : 503, -1);
            exchange.close();
        });
        remote.setExecutor(Executors.newCachedThreadPool());
        remote.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        remote.stop(0);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + remote.getAddress().getPort() + path);
    }

    @Test
    void sendsBodyAndHeadersAndAnswersWithStatusAndBody() throws Exception {
        OutgoingHttp.Reply reply = http.send(HttpMethod.POST, uri("/echo"), Map.of("Idempotency-Key", "k-1"), "{\"a\":1}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body()).isEqualTo("{\"got\":{\"a\":1},\"key\":\"k-1\"}");
    }

    @Test
    void writesRequestBodiesWithoutAThreadPerRequest() throws Exception {
        http.send(HttpMethod.POST, uri("/echo"), Map.of(), "{}"); // the pool's first threads
        long before = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();

        for (int i = 0; i < 50; i++) {
            assertThat(http.send(HttpMethod.POST, uri("/echo"), Map.of(), "{\"i\":" + i + "}").status()).isEqualTo(201);
        }

        assertThat(ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - before)
                .as("threads started for 50 requests with a body").isLessThan(10);
    }

    @Test
    void tellsNeverSentFromSentButUnanswered() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + closed + "/echo");
        assertThatThrownBy(() -> http.send(HttpMethod.POST, nobody, Map.of(), "{}")).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> http.send(HttpMethod.POST, uri("/slow"), Map.of(), "{}"))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void neverSendsARequestTwiceOnItsOwn() {
        assertThatThrownBy(() -> http.send(HttpMethod.POST, uri("/hang-up"), Map.of(), "{}"))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);

        assertThat(hangUps).as("requests the remote party received").hasValue(1);
    }

    @Test
    void servesManyCallersAtOnce() throws Exception {
        OutgoingHttp patient = new OutgoingHttp(RestClient.builder(), Duration.ofSeconds(2), Duration.ofSeconds(10));
        List<Future<Integer>> calls = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CALLERS_AT_ONCE; i++) {
                calls.add(callers.submit(() -> patient.send(HttpMethod.POST, uri("/together"), Map.of(), "{}").status()));
            }
        }
        for (Future<Integer> call : calls) {
            assertThat(call.get()).isEqualTo(200);
        }
    }

    @Test
    void theClientsConnectTimeoutMeansNeverSentAndItsReadTimeoutDoesNot() {
        IOException connect = OutgoingHttp.asJavaNetHttp(new ConnectTimeoutException("Connect timed out"));
        IOException read = OutgoingHttp.asJavaNetHttp(new SocketTimeoutException("Read timed out"));
        IOException other = new IOException("broken pipe");

        assertThat(connect).isInstanceOf(HttpConnectTimeoutException.class).hasCauseInstanceOf(ConnectTimeoutException.class);
        assertThat(read).isInstanceOf(HttpTimeoutException.class).isNotInstanceOf(HttpConnectTimeoutException.class);
        assertThat(OutgoingHttp.asJavaNetHttp(other)).isSameAs(other);
    }

    @Test
    void everyFailureBeforeAConnectionMeansNeverSent() {
        assertThat(OutgoingHttp.asJavaNetHttp(new ConnectionRequestTimeoutException("no free connection")))
                .as("waited for a pooled connection").isInstanceOf(HttpConnectTimeoutException.class);
        assertThat(OutgoingHttp.asJavaNetHttp(new UnknownHostException("psp.invalid")))
                .as("no such host").isInstanceOf(ConnectException.class).hasCauseInstanceOf(UnknownHostException.class);
        assertThat(OutgoingHttp.asJavaNetHttp(new NoRouteToHostException("no route")))
                .as("no route").isInstanceOf(ConnectException.class);
    }
}

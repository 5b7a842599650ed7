package dev.strangler.proxy.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import zipkin2.reporter.Encoding;

/** The sender against a real HTTP endpoint on loopback, standing in for Zipkin's collector. */
class ZipkinSpanSenderTests {

    private HttpServer collector;
    private final AtomicInteger status = new AtomicInteger(202);
    private final AtomicReference<byte[]> body = new AtomicReference<>();
    private final Map<String, String> headers = new ConcurrentHashMap<>();

    @BeforeEach
    void startCollector() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/api/v2/spans", exchange -> {
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            body.set(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        collector.start();
    }

    @AfterEach
    void stopCollector() {
        collector.stop(0);
    }

    @Test
    void postsTheEncodedListUncompressedToALoopbackCollector() throws IOException {
        byte[] first = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"id\":\"2\"}".getBytes(StandardCharsets.UTF_8);
        try (ZipkinSpanSender sender = sender(Encoding.JSON)) {
            assertThat(sender.compresses()).isFalse();
            sender.send(List.of(first, second));
        }

        assertThat(new String(body.get(), StandardCharsets.UTF_8)).isEqualTo("[{\"id\":\"1\"},{\"id\":\"2\"}]");
        assertThat(headers).containsEntry("content-type", "application/json").containsEntry("b3", "0")
                .doesNotContainKey("content-encoding");
    }

    @Test
    void sendsProto3WithItsMediaType() throws IOException {
        byte[] span = {0x0a, 0x02, 0x01, 0x02};
        try (ZipkinSpanSender sender = sender(Encoding.PROTO3)) {
            sender.send(List.of(span));
        }

        assertThat(body.get()).isEqualTo(Encoding.PROTO3.encode(List.of(span)));
        assertThat(headers).containsEntry("content-type", "application/x-protobuf");
    }

    @Test
    void aRefusedMessageIsAnErrorTheReporterCounts() {
        status.set(500);
        try (ZipkinSpanSender sender = sender(Encoding.JSON)) {
            assertThatThrownBy(() -> sender.send(List.of("{}".getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOf(IOException.class).hasMessageContaining("HTTP 500");
        }
    }

    @Test
    void compressesOnlyForACollectorOffThisMachine() {
        assertThat(ZipkinSpanSender.isLoopback(URI.create("http://127.0.0.1:9411/api/v2/spans"))).isTrue();
        assertThat(ZipkinSpanSender.isLoopback(URI.create("http://localhost:9411/api/v2/spans"))).isTrue();
        assertThat(ZipkinSpanSender.isLoopback(URI.create("http://[::1]:9411/api/v2/spans"))).isTrue();
        assertThat(ZipkinSpanSender.isLoopback(URI.create("http://10.0.0.7:9411/api/v2/spans"))).isFalse();
        assertThat(ZipkinSpanSender.isLoopback(URI.create("http://zipkin.example:9411/api/v2/spans"))).isFalse();
        try (ZipkinSpanSender remote = new ZipkinSpanSender(Encoding.JSON,
                URI.create("http://zipkin.example:9411/api/v2/spans"), Duration.ofSeconds(1), Duration.ofSeconds(1))) {
            assertThat(remote.compresses()).isTrue();
        }
    }

    private ZipkinSpanSender sender(Encoding encoding) {
        URI endpoint = URI.create("http://127.0.0.1:" + collector.getAddress().getPort() + "/api/v2/spans");
        return new ZipkinSpanSender(encoding, endpoint, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }
}

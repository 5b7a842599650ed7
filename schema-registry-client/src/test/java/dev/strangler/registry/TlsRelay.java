package dev.strangler.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.strangler.lab.tls.LabCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What production puts in front of a schema registry, for tests: TLS with a certificate from the lab's CA, basic auth,
 * and optionally a demand for the client's certificate; then every request passes, unchanged, to the real registry over
 * plain http. Apicurio checks basic auth only against an OIDC server (Keycloak); a relay keeps the test about the
 * client.
 */
final class TlsRelay implements AutoCloseable {

    private static final HttpClient UPSTREAM = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpsServer server;
    private final ExecutorService executor;
    private final AtomicInteger forwarded = new AtomicInteger();

    private TlsRelay(HttpsServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * A relay on {@code address} (a free port) to the registry whose plain base URL is {@code upstream}
     * ({@code http://127.0.0.1:port}), accepting {@code user}/{@code password} only.
     */
    static TlsRelay start(LabCertificates certificates, String server, InetAddress address, String upstream, String user,
            String password, boolean needClientCertificate) throws Exception {
        char[] secret = certificates.password().toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificates.keystore(server))) {
            keys.load(in, secret);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificates.truststore())) {
            trust.load(in, secret);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, secret);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);

        HttpsServer https = HttpsServer.create(new InetSocketAddress(address, 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                var ssl = context.getDefaultSSLParameters();
                ssl.setNeedClientAuth(needClientCertificate);
                parameters.setSSLParameters(ssl);
            }
        });
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        ExecutorService executor = Executors.newFixedThreadPool(4);
        TlsRelay relay = new TlsRelay(https, executor);
        https.createContext("/", exchange -> relay.handle(exchange, upstream, expected));
        https.setExecutor(executor);
        https.start();
        return relay;
    }

    /** The Confluent API's base URL through this relay, addressed by {@code host}. */
    String url(String host) {
        return "https://" + host + ":" + server.getAddress().getPort() + "/apis/ccompat/v7";
    }

    /** The Confluent API's base URL through this relay, addressed by the IP address it listens on. */
    String url() {
        return url(server.getAddress().getAddress().getHostAddress());
    }

    /** How many requests passed authentication and reached the registry. */
    int forwarded() {
        return forwarded.get();
    }

    private void handle(HttpExchange exchange, String upstream, String expectedAuthorization) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                // Confluent's registry answers so; the header that came is never echoed
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"schema-registry\"");
                respond(exchange, 401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}");
                return;
            }
            forwarded.incrementAndGet();
            forward(exchange, upstream, body);
        }
    }

    private static void forward(HttpExchange exchange, String upstream, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                .timeout(Duration.ofSeconds(10));
        for (String header : new String[] {"Content-Type", "Accept"}) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        request.method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> response;
        try {
            response = UPSTREAM.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
        respond(exchange, response.statusCode(), response.body());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().add("Content-Type", SchemaRegistryClient.CONTENT_TYPE);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

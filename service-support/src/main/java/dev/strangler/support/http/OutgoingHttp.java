package dev.strangler.support.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * One HTTP/1.1 client for a remote party (the gateway, the shop, the payment service), built from Boot's
 * {@code RestClient.Builder} so that every call is a client observation: a client span of the current trace, with the
 * trace's {@code traceparent} on the request. It answers with status and body and throws {@code java.net.http}'s own
 * exceptions, so callers still tell "never sent" ({@link java.net.ConnectException},
 * {@link java.net.http.HttpConnectTimeoutException}) from "sent, no answer in time"
 * ({@link java.net.http.HttpTimeoutException}): the difference decides whether a retry may charge twice.
 */
public final class OutgoingHttp {

    /** What the remote party answered. */
    public record Reply(int status, String body) {
    }

    private final RestClient client;

    /**
     * The threads that write request bodies and run the JDK client's own tasks, shared by every client. Without an
     * executor on the JDK client, Spring's request factory writes each request body from a thread of its own, created
     * for it and thrown away: a quarter of the payment service's CPU under load went to starting threads.
     */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("outgoing-http-", 1).factory());

    /** Takes a fresh builder: Boot's {@code RestClient.Builder} bean is a prototype, one per injection point. */
    public OutgoingHttp(RestClient.Builder builder, Duration connectTimeout, Duration readTimeout) {
        this.client = builder
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk()
                        // HTTP/2 would try an h2c upgrade on every plain-HTTP connection
                        .withHttpClientCustomizer(http -> http.version(HttpClient.Version.HTTP_1_1).executor(THREADS))
                        .build(HttpClientSettings.defaults().withTimeouts(connectTimeout, readTimeout)))
                .build();
    }

    /** Sends {@code jsonBody} (none when null) with {@code headers}; any status is an answer, not an exception. */
    public Reply send(HttpMethod method, URI uri, Map<String, String> headers, @Nullable String jsonBody)
            throws IOException, InterruptedException {
        RestClient.RequestBodySpec request = client.method(method).uri(uri)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .headers(h -> headers.forEach(h::set));
        if (jsonBody != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(jsonBody);
        }
        try {
            return request.exchange((req, res) -> new Reply(res.getStatusCode().value(),
                    new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (ResourceAccessException e) {
            throw unwrap(e);
        }
    }

    private static IOException unwrap(ResourceAccessException e) throws InterruptedException {
        if (e.getCause() instanceof IOException io) {
            if (io.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            return io;
        }
        return new IOException(e.getMessage(), e);
    }
}

package dev.strangler.support.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
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
 * trace's {@code traceparent} on the request. It answers with status and body and throws {@code java.net.http}'s
 * exceptions, so callers still tell "never sent" ({@link java.net.ConnectException},
 * {@link HttpConnectTimeoutException}) from "sent, no answer in time" ({@link HttpTimeoutException}): the difference
 * decides whether a retry may charge twice.
 *
 * <p>Under it is Apache HttpClient's classic, blocking client: the exchange runs on the caller's thread (a virtual
 * thread in the applications) over a pooled kept-alive connection. The JDK's {@code HttpClient} it replaced handed
 * every call to its selector thread and back, and Spring's adapter wrote each body from a pool thread and cancelled a
 * timeout future per call: a sixth of the payment service's CPU under load went to gateway calls. The client never
 * retries on its own (a POST it resent could charge twice); callers retry where that is safe. The read timeout is the
 * longest silence while an answer is awaited or read (the JDK client's bounded the whole answer; the parties here
 * answer a few hundred bytes at once, where the two are the same).
 */
public final class OutgoingHttp {

    /** What the remote party answered. */
    public record Reply(int status, String body) {
    }

    /** Connections kept per remote party: more callers than this wait for one (a bound, not a target). */
    static final int MAX_CONNECTIONS = 256;

    private final RestClient client;

    /** Takes a fresh builder: Boot's {@code RestClient.Builder} bean is a prototype, one per injection point. */
    public OutgoingHttp(RestClient.Builder builder, Duration connectTimeout, Duration readTimeout) {
        this.client = builder
                .requestFactory(ClientHttpRequestFactoryBuilder.httpComponents()
                        // no retries of its own, no cookies, and no Accept-Encoding: gzip, whose compression cost
                        // both ends more CPU than the few hundred bytes of JSON it saves on a local network
                        .withHttpClientCustomizer(http -> http.disableAutomaticRetries()
                                .disableCookieManagement()
                                .disableContentCompression())
                        .withConnectionManagerCustomizer(pool -> pool
                                .setMaxConnPerRoute(MAX_CONNECTIONS)
                                .setMaxConnTotal(MAX_CONNECTIONS))
                        // a kept-alive connection the remote party closed while idle fails only on its next use,
                        // and a POST's outcome is then unknown: check a connection idle for a second before reuse
                        .withConnectionConfigCustomizer(connection -> connection
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1)))
                        // a caller waits for a free connection no longer than for a new one (the client's default
                        // is 3 minutes); nothing was sent then, so it counts as a connect timeout
                        .withDefaultRequestConfigCustomizer(request -> request
                                .setConnectionRequestTimeout(Timeout.of(connectTimeout)))
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
        if (!(e.getCause() instanceof IOException io)) {
            return new IOException(e.getMessage(), e);
        }
        if (io.getCause() instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        return asJavaNetHttp(io);
    }

    /**
     * The client's failures in {@code java.net.http}'s terms, as the JDK client reported them: whatever happened before
     * a connection was there (no free connection in time, no connection in time, no such host, no route) is "never
     * sent"; a read timeout is "sent, no answer"; anything else stays what it is (the answer was cut: unknown).
     */
    static IOException asJavaNetHttp(IOException io) {
        if (io instanceof ConnectTimeoutException || io instanceof ConnectionRequestTimeoutException) {
            return withCause(new HttpConnectTimeoutException(io.getMessage()), io);
        }
        if (io instanceof UnknownHostException || io instanceof NoRouteToHostException) {
            return withCause(new ConnectException(io.getMessage()), io);
        }
        if (io instanceof SocketTimeoutException) {
            return withCause(new HttpTimeoutException(io.getMessage()), io);
        }
        return io;
    }

    private static IOException withCause(IOException mapped, IOException cause) {
        mapped.initCause(cause);
        return mapped;
    }
}

package dev.strangler.proxy.tracing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.Encoding;

/**
 * Posts span messages to Zipkin's {@code /api/v2/spans}, gzipped only when the collector is on another host.
 *
 * <p>Why not Boot's sender: it gzips every message above a kilobyte. The lab's Zipkin shares the proxy's machine, so
 * compression there is pure CPU on both sides (measured: two fifths of the exporter thread's time, and Zipkin has to
 * inflate it again) for bytes that never cross a network. To a remote collector it compresses as Boot's would.
 */
public final class ZipkinSpanSender extends BytesMessageSender.Base {

    /** Zipkin's own default limit for one message, as Boot's sender uses. */
    static final int MESSAGE_MAX_BYTES = 500 * 1024;

    private final URI endpoint;
    private final Duration readTimeout;
    private final boolean compress;
    private final HttpClient client;

    /**
     * @param encoding the spans' encoding (JSON or PROTO3)
     * @param endpoint Zipkin's span endpoint, e.g. {@code http://127.0.0.1:9411/api/v2/spans}
     * @param connectTimeout for a new connection to Zipkin
     * @param readTimeout for Zipkin's answer to one message
     */
    public ZipkinSpanSender(Encoding encoding, URI endpoint, Duration connectTimeout, Duration readTimeout) {
        super(encoding);
        this.endpoint = endpoint;
        this.readTimeout = readTimeout;
        this.compress = !isLoopback(endpoint);
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    /** Whether messages are gzipped (the collector is not on this machine's loopback). */
    public boolean compresses() {
        return compress;
    }

    @Override
    public int messageMaxBytes() {
        return MESSAGE_MAX_BYTES;
    }

    @Override
    public void send(List<byte[]> encodedSpans) throws IOException {
        byte[] body = encoding.encode(encodedSpans);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(readTimeout)
                .header("Content-Type", encoding.mediaType())
                .header("b3", "0");  // the export itself must not be traced
        if (compress) {
            body = gzip(body);
            request.header("Content-Encoding", "gzip");
        }
        HttpResponse<Void> response;
        try {
            response = client.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending spans to " + endpoint, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Zipkin at " + endpoint + " answered HTTP " + response.statusCode());
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "ZipkinSpanSender{" + endpoint + (compress ? ", gzip" : "") + "}";
    }

    static boolean isLoopback(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) {
            return false;
        }
        if (host.equals("localhost")) {
            return true;
        }
        try {  // a literal address only: no name lookup at start-up
            return (Character.isDigit(host.charAt(0)) || host.startsWith("["))
                    && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.toByteArray();
    }
}

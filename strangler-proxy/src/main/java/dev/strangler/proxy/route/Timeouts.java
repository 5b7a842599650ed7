package dev.strangler.proxy.route;

/**
 * Per-route upstream timeouts. The response timeout is an idle timeout: it fires when the upstream sends nothing for
 * that long, so a slow but streaming download is not cut.
 *
 * @param connectMillis how long to wait for a TCP connection to the upstream
 * @param responseMillis how long the upstream may stay silent once the request is sent
 * @param legacyConnectRetryMillis how long a request may wait for the legacy upstream to accept a connection again
 *                                 (0: not at all). Nothing has been sent while the connection is refused, so waiting
 *                                 is safe for any method: a monolith restarted during the migration (a capability
 *                                 switched to the remote implementation) costs callers latency, not errors. Only the
 *                                 legacy side waits: the extracted side fails fast, so that the SLO watch sees it.
 */
public record Timeouts(int connectMillis, int responseMillis, int legacyConnectRetryMillis) {

    public static final Timeouts DEFAULT = new Timeouts(1_000, 10_000, 0);

    public Timeouts(int connectMillis, int responseMillis) {
        this(connectMillis, responseMillis, 0);
    }
}

package dev.strangler.proxy.route;

/**
 * Per-route upstream timeouts. The response timeout is an idle timeout: it fires when the upstream sends nothing for
 * that long, so a slow but streaming download is not cut.
 *
 * @param connectMillis how long to wait for a TCP connection to the upstream
 * @param responseMillis how long the upstream may stay silent once the request is sent
 */
public record Timeouts(int connectMillis, int responseMillis) {

    public static final Timeouts DEFAULT = new Timeouts(1_000, 10_000);
}

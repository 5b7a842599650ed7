package dev.strangler.proxy.shadow;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One differing pair of answers, redacted: card numbers masked, token-like fields blanked, bodies cut to 4 KiB.
 *
 * @param at when the comparison ran
 * @param method the request method
 * @param path the request path, without query string
 * @param correlationId to find both requests in the services' logs
 * @param differences what differed: {@code status}, {@code header:<name>}, JSON paths, or {@code body}
 * @param legacyStatus legacy's status
 * @param extractedStatus the extracted service's status, 0 when it failed
 * @param legacyBody legacy's body, redacted
 * @param extractedBody the extracted body (or failure), redacted
 */
public record DiffSample(Instant at, String method, String path, String correlationId, List<String> differences,
                         int legacyStatus, int extractedStatus, @Nullable String legacyBody,
                         @Nullable String extractedBody) {
}

package dev.strangler.payments.idempotency;

import dev.strangler.payments.ServiceProblem;
import dev.strangler.payments.idempotency.internal.JooqIdempotencyKeys;
import dev.strangler.payments.idempotency.internal.JooqIdempotencyKeys.KeyRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Claims and completes idempotency keys. A key is scoped by operation ({@code authorize}, {@code capture:17}), so
 * one client key can serve different calls. Concurrent duplicates meet at the primary key: exactly one inserts the
 * row and does the work; the others wait for its answer (up to {@code payments.idempotency.wait-for}), then get 409.
 */
@Service
public class Idempotency {

    /** A stored answer. */
    public record Reply(int status, String contentType, String body) {
    }

    /** What the caller must do with a key. */
    public sealed interface Claim {
    }

    /** The key is ours: do the work, then {@link #complete} or {@link #release}. */
    public record Fresh(String key, String operation) implements Claim {
    }

    /** A previous request with this key finished: send its answer again. */
    public record Replay(Reply reply) implements Claim {
    }

    /**
     * A previous request with this key created a payment whose outcome it could not give (gateway timeout, or it
     * died): answer from the payment's current state.
     */
    public record Linked(long paymentId) implements Claim {
    }

    private final JooqIdempotencyKeys keys;
    private final IdempotencyProperties properties;
    private final Clock clock;

    Idempotency(JooqIdempotencyKeys keys, IdempotencyProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /** A fingerprint of a request: equal requests give equal hashes. Callers hash tokens, never PANs. */
    public static String hash(String canonicalRequest) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Claim claim(String key, String operation, String requestHash) {
        if (key.isBlank() || key.length() > 200) {
            throw ServiceProblem.badRequest("invalid-idempotency-key", "An Idempotency-Key has 1-200 characters.");
        }
        Instant deadline = clock.instant().plus(properties.waitFor());
        while (true) {
            Instant now = clock.instant();
            if (keys.insert(key, operation, requestHash, now, now.plus(properties.ttl()))) {
                return new Fresh(key, operation);
            }
            Optional<KeyRow> found = keys.find(key, operation);
            if (found.isEmpty()) {
                continue;
            }
            KeyRow row = found.get();
            if (row.expiresAt().isBefore(now)) {
                keys.deleteIfExpired(key, operation, now);
                continue;
            }
            if (!row.requestHash().equals(requestHash)) {
                throw ServiceProblem.unprocessable("idempotency-key-reused",
                        "This Idempotency-Key was already used with a different request.");
            }
            switch (row.state()) {
                case JooqIdempotencyKeys.COMPLETED -> {
                    return new Replay(new Reply(row.responseStatus(), row.responseType(), row.responseBody()));
                }
                case JooqIdempotencyKeys.LINKED -> {
                    return new Linked(row.paymentId());
                }
                default -> {
                    boolean abandoned = row.updatedAt().plus(properties.inFlightTimeout()).isBefore(now);
                    if (abandoned && row.paymentId() != null) {
                        return new Linked(row.paymentId());
                    }
                    if (abandoned && keys.takeOver(key, operation, row.updatedAt(), now)) {
                        return new Fresh(key, operation);
                    }
                }
            }
            if (now.isAfter(deadline)) {
                throw new ServiceProblem(HttpStatus.CONFLICT, "request-in-progress", "Conflict with the current state",
                        "A request with this Idempotency-Key is still being processed; retry later.");
            }
            LockSupport.parkNanos(20_000_000L);
        }
    }

    /** Links the payment the request created; joins the caller's transaction. */
    public void link(Fresh claim, long paymentId) {
        keys.link(claim.key(), claim.operation(), paymentId, clock.instant());
    }

    /** Marks the request's outcome as unknown for now: replays answer from the payment's state. */
    public void leaveLinked(Fresh claim) {
        keys.markLinked(claim.key(), claim.operation(), clock.instant());
    }

    public void complete(Fresh claim, Reply reply) {
        keys.complete(claim.key(), claim.operation(), reply.status(), reply.contentType(), reply.body(),
                clock.instant());
    }

    /** Forgets the key: the request failed in a way that changed nothing, so a retry must run again. */
    public void release(Fresh claim) {
        keys.delete(claim.key(), claim.operation());
    }

    @Scheduled(fixedDelayString = "${payments.idempotency.purge-every:5m}")
    void purgeExpired() {
        keys.deleteExpired(clock.instant());
    }
}

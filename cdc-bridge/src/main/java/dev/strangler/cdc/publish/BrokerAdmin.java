package dev.strangler.cdc.publish;

import dev.strangler.support.kafka.KafkaConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaFuture;

/**
 * One Kafka admin client for the bridge's small, frequent questions to the broker: how many dead letters wait, and
 * whether the broker answers at all. Its timeouts are short, because a broker that is gone must cost a status request
 * or a probe a second or two, not the client's default minute; and it is closed with a bound, because an admin
 * client's plain {@code close()} waits for its pending calls.
 */
public final class BrokerAdmin implements AutoCloseable {

    /** How long one question may take before the broker counts as not answering. */
    public static final Duration TIMEOUT = Duration.ofMillis(1500);

    private final Admin admin;

    public BrokerAdmin(KafkaConnection kafka) {
        int timeoutMs = (int) TIMEOUT.toMillis();
        this.admin = Admin.create(kafka.clientConfig(Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, "cdc-bridge-status",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000)));
    }

    /**
     * Asks one question and waits for the answer at most {@link #TIMEOUT} (and a little).
     *
     * @throws BrokerUnavailable when the broker does not answer in time or answers with an error
     */
    public <T> T ask(Function<Admin, KafkaFuture<T>> question) {
        try {
            return question.apply(admin).get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new BrokerUnavailable(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw new BrokerUnavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailable(e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }

    /** The broker did not answer an admin question; the message says how (never a record's contents). */
    public static final class BrokerUnavailable extends RuntimeException {
        BrokerUnavailable(Throwable cause) {
            super(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                    cause);
        }
    }
}

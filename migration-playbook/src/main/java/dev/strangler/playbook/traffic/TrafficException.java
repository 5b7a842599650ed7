package dev.strangler.playbook.traffic;

/** The load generator cannot start: the shop does not answer, or answers something it cannot use. */
public final class TrafficException extends RuntimeException {

    public TrafficException(String message) {
        super(message);
    }

    public TrafficException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.strangler.cdc.translate;

/**
 * How the bridge's own writes are told apart from everyone else's on a table captured with an origin marker, so that
 * they are not captured and sent back (no ping-pong). Each of the bridge's transactions on such a table sets
 * {@code strangler.origin} (the table's trigger stamps it into the marker column of every row written) and opens
 * with a transactional logical decoding message; the capture skips rows with the stamp, and every change of a
 * transaction that opened with the message (deletes too, which carry only their key).
 */
public final class BridgeOrigin {

    /** The setting's value and the message's content. */
    public static final String VALUE = "cdc-bridge";

    /** The logical decoding message's prefix. */
    public static final String MESSAGE_PREFIX = "strangler.origin";

    private BridgeOrigin() {
    }
}

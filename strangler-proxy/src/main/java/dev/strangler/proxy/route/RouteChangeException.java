package dev.strangler.proxy.route;

/**
 * A change that was refused; the table is unchanged. The admin API maps the kind to a status and a stable
 * problem type.
 */
public final class RouteChangeException extends RuntimeException {

    /** Why a change was refused. */
    public enum Kind { INVALID, NOT_FOUND, STALE }

    private final Kind kind;

    public RouteChangeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

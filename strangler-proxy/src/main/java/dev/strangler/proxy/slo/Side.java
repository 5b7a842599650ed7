package dev.strangler.proxy.slo;

/** Which upstream answered a request. */
public enum Side {
    LEGACY, EXTRACTED;

    /** Lower-case name, for headers, metrics and logs (computed once: it is read on every request). */
    private final String tag = name().toLowerCase(java.util.Locale.ROOT);

    public String tag() {
        return tag;
    }
}

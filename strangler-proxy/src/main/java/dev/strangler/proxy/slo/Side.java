package dev.strangler.proxy.slo;

/** Which upstream answered a request. */
public enum Side {
    LEGACY, EXTRACTED;

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

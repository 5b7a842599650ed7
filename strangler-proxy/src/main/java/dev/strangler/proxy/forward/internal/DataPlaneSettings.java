package dev.strangler.proxy.forward.internal;

/** What each proxy verticle needs to know, resolved once at start. */
public record DataPlaneSettings(String host, int port, int upstreamPoolSize, long maxRequestBody, long shadowBodyCap,
                                String callerHeader) {
}

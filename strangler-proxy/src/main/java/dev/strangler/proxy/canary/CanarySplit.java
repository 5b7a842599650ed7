package dev.strangler.proxy.canary;

import java.nio.charset.StandardCharsets;

/**
 * Sends a caller to the extracted side when its bucket is below the canary share. The bucket is a pure function of
 * the caller key (0..9999), so the split is sticky, the same on every replica, and monotone: raising the percentage
 * only adds buckets, it never moves a caller who was already on the new side back to legacy.
 */
public final class CanarySplit {

    /** Buckets per percent point: 100 gives the split a resolution of 0.01 %. */
    private static final int BUCKETS = 10_000;

    private CanarySplit() {
    }

    /** Whether the caller with {@code callerKey} goes to the extracted side at {@code percent} (0..100). */
    public static boolean toExtracted(String callerKey, int percent) {
        return bucket(callerKey) < percent * (BUCKETS / 100);
    }

    /** Whether a caller in {@code bucket} (from {@link #bucket}) goes to the extracted side at {@code percent}. */
    public static boolean toExtracted(int bucket, int percent) {
        return bucket < percent * (BUCKETS / 100);
    }

    /** The caller's bucket, 0..9999: FNV-1a over the key's UTF-8 bytes, then a 64-bit finalizer for spread. */
    public static int bucket(String callerKey) {
        long h = 0xcbf29ce484222325L;
        for (byte b : callerKey.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        // murmur3's fmix64: FNV alone leaves sequential keys (user ids 1, 2, 3...) clustered
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) Long.remainderUnsigned(h, BUCKETS);
    }
}

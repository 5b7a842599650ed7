package dev.strangler.extraction;

import java.util.List;

/**
 * How the two tables of a pair are compared.
 *
 * @param fields        compared besides the key; every field the record carries that both sides store, when not
 *                      said
 * @param tolerance     rows allowed to differ (0: every row equal)
 * @param chunkSize     rows per checksum bucket
 * @param settleSeconds how long differing rows are rechecked while the bridge catches up
 */
public record ReconcileSpec(List<String> fields, int tolerance, int chunkSize, int settleSeconds) {

    public static final int DEFAULT_CHUNK_SIZE = 10_000;
    public static final int DEFAULT_SETTLE_SECONDS = 30;

    public ReconcileSpec {
        fields = List.copyOf(fields);
    }
}

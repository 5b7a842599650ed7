package dev.strangler.cdc.translate;

import org.jspecify.annotations.Nullable;

/**
 * Where a change sits in its source database's log.
 *
 * @param lsn the WAL position of the change
 * @param txId the source transaction
 * @param tsMicros the source commit time
 * @param snapshot read by the initial snapshot rather than streamed
 */
public record SourcePosition(long lsn, @Nullable Long txId, long tsMicros, boolean snapshot) {
}

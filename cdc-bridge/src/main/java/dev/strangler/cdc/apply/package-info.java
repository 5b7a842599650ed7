/**
 * Applies a table pair's change records to a target database, exactly once in effect: each batch, the positions of
 * the rows it changed and the Kafka offsets it consumed are written in one database transaction, so a crash either
 * applied a batch and recorded it, or did neither. A change older than the one already applied for its row (by
 * source LSN, or by the version the captured side counts) is skipped; a change that conflicts with a newer write on the
 * target side follows the {@link dev.strangler.cdc.apply.ConflictPolicy}. Transient database errors are retried
 * with back-off; a record that cannot be applied goes to the dead letters and the stream goes on.
 */
@NullMarked
package dev.strangler.cdc.apply;

import org.jspecify.annotations.NullMarked;

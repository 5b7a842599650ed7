/**
 * Reconciliation of a table pair of an extraction descriptor: both databases compute, in SQL rendered from the
 * pair's mappings, a checksum per key range (keys bucketed by the chunk size); only the buckets that differ are
 * compared row by row, by a digest of each row's compared fields in one canonical form. The report names the missing,
 * extra and differing keys.
 */
@NullMarked
package dev.strangler.cdc.reconcile;

import org.jspecify.annotations.NullMarked;

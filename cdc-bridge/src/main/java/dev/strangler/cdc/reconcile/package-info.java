/**
 * Reconciliation of the monolith's and the service's payments: both databases compute, in SQL, a checksum per key
 * range (ids bucketed by the chunk size); only the buckets that differ are compared row by row, by a digest of each
 * row's business columns. The report names the missing, extra and differing ids.
 */
@NullMarked
package dev.strangler.cdc.reconcile;

import org.jspecify.annotations.NullMarked;

/**
 * Deterministic demo data: the same number of orders always gives the same rows (fixed random seed, timestamps
 * derived from the row index), so that the lab's CDC backfill and reconciliation can be checked against a known
 * state.
 */
@NullMarked
package dev.strangler.legacy.seed;

import org.jspecify.annotations.NullMarked;

/**
 * How the bridge is doing, for people and machines: {@code GET /cdc/status}, the {@code cdc} health indicator (DOWN
 * when a change waits longer than the lag threshold or a capture is down, DEGRADED while dead letters wait on their
 * topic), and the replication slots' retained WAL.
 */
@NullMarked
package dev.strangler.cdc.status;

import org.jspecify.annotations.NullMarked;

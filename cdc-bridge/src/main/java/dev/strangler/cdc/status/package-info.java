/**
 * How the bridge is doing, for people and machines: {@code GET /cdc/status}, the {@code cdc} health indicator (DOWN
 * when a change waits longer than the lag threshold, measured at the source as well as in the appliers, when a
 * capture is down or Kafka does not answer its probe; DEGRADED while dead letters wait on their topic), and the
 * replication slots' retained and unconfirmed WAL.
 */
@NullMarked
package dev.strangler.cdc.status;

import org.jspecify.annotations.NullMarked;

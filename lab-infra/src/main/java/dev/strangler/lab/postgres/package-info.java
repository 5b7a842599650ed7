/**
 * Real PostgreSQL servers from Maven artifacts (zonky's embedded binaries), configured for logical replication so
 * that Debezium can capture them: {@code wal_level=logical}, replication slots and WAL senders, synchronous commit.
 * WAL segments the server no longer needs are deleted ({@code wal_recycle=off}, {@code wal_keep_size=0}), so that once
 * rows are masked and the WAL has moved on, no old segment keeps them on disk.
 *
 * <p>Works as root (zonky runs the binaries under {@code unshare -U}) and as a normal user. A postmaster outlives a
 * JVM that is killed with -9, because {@code pg_ctl} daemonizes it: {@link dev.strangler.lab.postgres.PostgresServer}
 * finds such leftovers through {@code postmaster.pid} and either adopts or stops them, so one data directory never
 * has two servers.
 */
@NullMarked
package dev.strangler.lab.postgres;

import org.jspecify.annotations.NullMarked;

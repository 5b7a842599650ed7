package dev.strangler.cdc.apply.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bridge's tables in the target database ({@code strangler_cdc.applied}, {@code strangler_cdc.consumer_offsets}),
 * written in the same transaction as the rows they describe.
 */
public final class Bookkeeping {

    /** A row's last applied change: its position and the partition it came from. */
    public record Applied(long position, int partition) {
    }

    private final String topic;

    public Bookkeeping(String topic) {
        this.topic = topic;
    }

    public Map<Integer, Long> offsets(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "select kafka_partition, next_offset from strangler_cdc.consumer_offsets where topic = ?")) {
            s.setString(1, topic);
            Map<Integer, Long> out = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getLong(2));
                }
            }
            return out;
        }
    }

    public Map<Long, Applied> applied(Connection connection, Collection<Long> ids) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("select row_key, position, kafka_partition"
                + " from strangler_cdc.applied where topic = ? and row_key = any(?)")) {
            s.setString(1, topic);
            s.setArray(2, connection.createArrayOf("bigint", ids.toArray()));
            Map<Long, Applied> out = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new Applied(rs.getLong(2), rs.getInt(3)));
                }
            }
            return out;
        }
    }

    /** Records applied changes: {@code counts} says how many changes of each row this batch applied. */
    public void recordApplied(Connection connection, Map<Long, Applied> applied, Map<Long, Integer> counts)
            throws SQLException {
        if (applied.isEmpty()) {
            return;
        }
        int n = applied.size();
        Long[] ids = new Long[n];
        Long[] positions = new Long[n];
        Long[] partitions = new Long[n];
        Long[] applyCounts = new Long[n];
        int i = 0;
        for (Map.Entry<Long, Applied> e : applied.entrySet()) {
            ids[i] = e.getKey();
            positions[i] = e.getValue().position();
            partitions[i] = (long) e.getValue().partition();
            applyCounts[i] = (long) counts.getOrDefault(e.getKey(), 0);
            i++;
        }
        // one statement per batch, as the rows it describes (see TableStatements)
        try (PreparedStatement s = connection.prepareStatement("""
                insert into strangler_cdc.applied (topic, row_key, position, kafka_partition, apply_count, applied_at)
                select ?, row_key, position, kafka_partition, apply_count, now()
                from unnest(?::bigint[], ?::bigint[], ?::integer[], ?::integer[])
                     as a(row_key, position, kafka_partition, apply_count)
                on conflict (topic, row_key) do update set position = excluded.position,
                    kafka_partition = excluded.kafka_partition,
                    apply_count = applied.apply_count + excluded.apply_count, applied_at = excluded.applied_at
                """)) {
            s.setString(1, topic);
            s.setArray(2, connection.createArrayOf("bigint", ids));
            s.setArray(3, connection.createArrayOf("bigint", positions));
            s.setArray(4, connection.createArrayOf("bigint", partitions));
            s.setArray(5, connection.createArrayOf("bigint", applyCounts));
            s.executeUpdate();
        }
    }

    /** The rows whose last change came through {@code partition}, and forgets them (a truncate). */
    public List<Long> forgetPartition(Connection connection, int partition) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("delete from strangler_cdc.applied"
                + " where topic = ? and kafka_partition = ? returning row_key")) {
            s.setString(1, topic);
            s.setInt(2, partition);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    public void saveOffsets(Connection connection, Map<Integer, Long> nextOffsets) throws SQLException {
        if (nextOffsets.isEmpty()) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("""
                insert into strangler_cdc.consumer_offsets (topic, kafka_partition, next_offset, updated_at)
                values (?, ?, ?, now())
                on conflict (topic, kafka_partition) do update set next_offset = excluded.next_offset,
                    updated_at = excluded.updated_at
                """)) {
            for (Map.Entry<Integer, Long> e : nextOffsets.entrySet()) {
                s.setString(1, topic);
                s.setInt(2, e.getKey());
                s.setLong(3, e.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}

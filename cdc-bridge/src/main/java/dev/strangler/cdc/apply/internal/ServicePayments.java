package dev.strangler.cdc.apply.internal;

import dev.strangler.cdc.apply.TargetWriter;
import dev.strangler.cdc.avro.ChangeOp;
import dev.strangler.cdc.avro.PaymentChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Legacy -> new, target side: the payment service's {@code payments} table. A legacy payment keeps its id (the
 * service starts its own ids at 1e9), so URLs and references stay valid on both sides. Plain JDBC batches rather
 * than jOOQ: the table belongs to the payment service, and this is the bridge's hot path.
 */
public final class ServicePayments implements TargetWriter {

    private static final String UPSERT = """
            insert into payments (id, order_id, legacy_id, status, currency, amount_minor, captured_minor,
                                  refunded_minor, card_token, card_last4, card_brand, psp_reference, psp_attempts,
                                  version, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)
            on conflict (id) do update set
                order_id = excluded.order_id, legacy_id = excluded.legacy_id, status = excluded.status,
                currency = excluded.currency, amount_minor = excluded.amount_minor,
                captured_minor = excluded.captured_minor, refunded_minor = excluded.refunded_minor,
                card_token = coalesce(excluded.card_token, payments.card_token),
                card_last4 = excluded.card_last4,
                card_brand = coalesce(excluded.card_brand, payments.card_brand),
                psp_reference = excluded.psp_reference, version = payments.version + 1,
                updated_at = excluded.updated_at
            """;

    @Override
    public void begin(Connection connection) {
        // nothing: the service's outbox is written by the service only, so the bridge's writes are never captured
    }

    @Override
    public Map<Long, Instant> lockRows(Connection connection, Collection<Long> ids) throws SQLException {
        return Sql.updatedAt(connection, "select id, updated_at from payments where id = any(?) for update", ids);
    }

    @Override
    public void write(Connection connection, Collection<PaymentChange> changes) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT);
             PreparedStatement delete = connection.prepareStatement("delete from payments where id = ?")) {
            int upserts = 0;
            int deletes = 0;
            for (PaymentChange c : changes) {
                if (c.getOp() == ChangeOp.DELETE) {
                    delete.setLong(1, c.getPaymentId());
                    delete.addBatch();
                    deletes++;
                    continue;
                }
                int i = 1;
                upsert.setLong(i++, c.getPaymentId());
                upsert.setLong(i++, Objects.requireNonNull(c.getOrderId(), "orderId"));
                setLong(upsert, i++, c.getLegacyId());
                upsert.setString(i++, c.getStatus());
                upsert.setString(i++, c.getCurrency());
                upsert.setLong(i++, Objects.requireNonNull(c.getAmountMinor(), "amountMinor"));
                upsert.setLong(i++, Objects.requireNonNull(c.getCapturedMinor(), "capturedMinor"));
                upsert.setLong(i++, Objects.requireNonNull(c.getRefundedMinor(), "refundedMinor"));
                upsert.setString(i++, c.getCardToken());
                upsert.setString(i++, c.getCardLast4());
                upsert.setString(i++, c.getCardBrand());
                upsert.setString(i++, c.getPspReference());
                upsert.setTimestamp(i++, Timestamp.from(Objects.requireNonNull(c.getCreatedAt(), "createdAt")));
                upsert.setTimestamp(i, Timestamp.from(Objects.requireNonNull(c.getUpdatedAt(), "updatedAt")));
                upsert.addBatch();
                upserts++;
            }
            if (upserts > 0) {
                upsert.executeBatch();
            }
            if (deletes > 0) {
                delete.executeBatch();
            }
        }
    }

    @Override
    public void truncate(Connection connection, Collection<Long> ids) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from payments where id = any(?)")) {
            delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            delete.executeUpdate();
        }
    }

    private static void setLong(PreparedStatement s, int index, @Nullable Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    static Map<Long, Instant> read(ResultSet rs) throws SQLException {
        Map<Long, Instant> out = new HashMap<>();
        while (rs.next()) {
            out.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
        }
        return out;
    }
}

package dev.strangler.cdc.apply.internal;

import dev.strangler.cdc.apply.TargetWriter;
import dev.strangler.cdc.avro.ChangeOp;
import dev.strangler.cdc.avro.PaymentChange;
import dev.strangler.cdc.capture.LegacyPaymentCapture;
import dev.strangler.cdc.translate.LegacyPaymentValues;
import dev.strangler.cdc.translate.PaymentChanges;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * New -> legacy, target side: the monolith's {@code payments} table, so that its reports and support screens keep
 * working after cutover. The card column gets a masked value on insert and is never touched on update. Every
 * transaction first sets {@code strangler.origin = 'cdc-bridge'}: the monolith's trigger stamps it on the rows, and
 * the legacy capture skips them (no ping-pong). PENDING and FAILED payments have no legacy form and wait.
 */
public final class LegacyPayments implements TargetWriter {

    private static final String UPSERT = """
            insert into payments (id, order_id, amount, currency, status, captured_amount, refunded_amount,
                                  psp_reference, card_number, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do update set
                order_id = excluded.order_id, amount = excluded.amount, currency = excluded.currency,
                status = excluded.status, captured_amount = excluded.captured_amount,
                refunded_amount = excluded.refunded_amount, psp_reference = excluded.psp_reference,
                updated_at = excluded.updated_at
            """;

    @Override
    public void begin(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("select set_config('strangler.origin', ?, true)")) {
            s.setString(1, LegacyPaymentCapture.BRIDGE_ORIGIN);
            s.execute();
        }
    }

    @Override
    public Map<Long, Instant> lockRows(Connection connection, Collection<Long> ids) throws SQLException {
        return Sql.updatedAt(connection, "select id, updated_at from payments where id = any(?) for update", ids);
    }

    @Override
    public void write(Connection connection, Collection<PaymentChange> changes) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            int n = 0;
            for (PaymentChange c : changes) {
                if (c.getOp() != ChangeOp.UPSERT) {
                    continue; // the service never deletes a payment
                }
                LegacyPaymentValues v = PaymentChanges.toLegacy(c);
                if (v == null) {
                    continue;
                }
                int i = 1;
                upsert.setLong(i++, v.id());
                upsert.setLong(i++, v.orderId());
                upsert.setBigDecimal(i++, v.amount());
                upsert.setString(i++, v.currency());
                upsert.setString(i++, v.statusCode());
                upsert.setBigDecimal(i++, v.capturedAmount());
                upsert.setBigDecimal(i++, v.refundedAmount());
                upsert.setString(i++, v.pspReference());
                upsert.setString(i++, v.maskedCard());
                upsert.setTimestamp(i++, Timestamp.from(v.createdAt()));
                upsert.setTimestamp(i, Timestamp.from(v.updatedAt()));
                upsert.addBatch();
                n++;
            }
            if (n > 0) {
                upsert.executeBatch();
            }
        }
    }

    @Override
    public void truncate(Connection connection, Collection<Long> ids) {
        // the service's outbox never carries a truncate
    }
}

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * New -> legacy, target side: the monolith's {@code payments} table, so that its reports and support screens keep
 * working after cutover. The card column gets a masked value on insert and is never touched on update. Every
 * transaction first sets {@code strangler.origin = 'cdc-bridge'}: the monolith's trigger stamps it on the rows, and
 * the legacy capture skips them (no ping-pong). PENDING and FAILED payments have no legacy form and wait.
 */
public final class LegacyPayments implements TargetWriter {

    /** One statement per batch, a column array each (see {@link Sql}); amounts travel as exact decimal text. */
    private static final String UPSERT = """
            insert into payments (id, order_id, amount, currency, status, captured_amount, refunded_amount,
                                  psp_reference, card_number, created_at, updated_at)
            select id, order_id, amount, currency, status, captured_amount, refunded_amount, psp_reference,
                   card_number, created_at, updated_at
            from unnest(?::bigint[], ?::bigint[], ?::numeric[], ?::text[], ?::text[], ?::numeric[], ?::numeric[],
                        ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])
                 as c(id, order_id, amount, currency, status, captured_amount, refunded_amount, psp_reference,
                      card_number, created_at, updated_at)
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
    public void write(Connection connection, Collection<PaymentChange> changes, Map<Long, Integer> folded)
            throws SQLException {
        List<LegacyPaymentValues> rows = new ArrayList<>(changes.size());
        for (PaymentChange c : changes) {
            if (c.getOp() != ChangeOp.UPSERT) {
                continue; // the service never deletes a payment
            }
            LegacyPaymentValues v = PaymentChanges.toLegacy(c);
            if (v != null) {
                rows.add(v);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        Long[] id = new Long[n];
        Long[] orderId = new Long[n];
        String[] amount = new String[n];
        String[] currency = new String[n];
        String[] status = new String[n];
        String[] captured = new String[n];
        String[] refunded = new String[n];
        String[] pspReference = new String[n];
        String[] card = new String[n];
        Instant[] createdAt = new Instant[n];
        Instant[] updatedAt = new Instant[n];
        for (int i = 0; i < n; i++) {
            LegacyPaymentValues v = rows.get(i);
            id[i] = v.id();
            orderId[i] = v.orderId();
            amount[i] = v.amount().toPlainString();
            currency[i] = v.currency();
            status[i] = v.statusCode();
            captured[i] = v.capturedAmount().toPlainString();
            refunded[i] = v.refundedAmount().toPlainString();
            pspReference[i] = v.pspReference();
            card[i] = v.maskedCard();
            createdAt[i] = v.createdAt();
            updatedAt[i] = v.updatedAt();
        }
        try (PreparedStatement s = connection.prepareStatement(UPSERT)) {
            int p = 1;
            s.setArray(p++, Sql.bigints(connection, id));
            s.setArray(p++, Sql.bigints(connection, orderId));
            s.setArray(p++, Sql.texts(connection, amount));
            s.setArray(p++, Sql.texts(connection, currency));
            s.setArray(p++, Sql.texts(connection, status));
            s.setArray(p++, Sql.texts(connection, captured));
            s.setArray(p++, Sql.texts(connection, refunded));
            s.setArray(p++, Sql.texts(connection, pspReference));
            s.setArray(p++, Sql.texts(connection, card));
            s.setArray(p++, Sql.instants(connection, createdAt));
            s.setArray(p, Sql.instants(connection, updatedAt));
            s.executeUpdate();
        }
    }

    @Override
    public void truncate(Connection connection, Collection<Long> ids) {
        // the service's outbox never carries a truncate
    }
}

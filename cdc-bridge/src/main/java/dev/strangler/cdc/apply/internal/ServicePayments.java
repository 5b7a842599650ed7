package dev.strangler.cdc.apply.internal;

import dev.strangler.cdc.apply.TargetWriter;
import dev.strangler.cdc.avro.ChangeOp;
import dev.strangler.cdc.avro.PaymentChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Legacy -> new, target side: the payment service's {@code payments} table. A legacy payment keeps its id (the
 * service starts its own ids at 1e9), so URLs and references stay valid on both sides. Plain JDBC rather than
 * jOOQ: the table belongs to the payment service, and this is the bridge's hot path (set-based, see {@link Sql}).
 */
public final class ServicePayments implements TargetWriter {

    /**
     * One statement per batch: a column array each, in the order the applier collapsed the changes. The inserted
     * {@code version} is the number of changes folded into the row minus one, so that an update adds that number.
     *
     * <p>A change without a card token is not a card change: its source row's card column held no card number (the
     * playbook's decommission masks the monolith's, {@code ************4242}). The row keeps the token, last four
     * digits and brand it has, taken from the existing row by the left join: PostgreSQL checks NOT NULL on the
     * proposed insert row before ON CONFLICT, so {@code coalesce(excluded.card_token, payments.card_token)} in the
     * update came too late and every masked row became a dead letter. A payment the service does not have yet and
     * whose change carries no token still fails the constraint: nothing can give it a token, a real dead letter.
     */
    private static final String UPSERT = """
            insert into payments (id, order_id, legacy_id, status, currency, amount_minor, captured_minor,
                                  refunded_minor, card_token, card_last4, card_brand, psp_reference, psp_attempts,
                                  version, created_at, updated_at)
            select c.id, c.order_id, c.legacy_id, c.status, c.currency, c.amount_minor, c.captured_minor,
                   c.refunded_minor, coalesce(c.card_token, p.card_token),
                   case when c.card_token is null then p.card_last4 else c.card_last4 end,
                   case when c.card_token is null then p.card_brand else coalesce(c.card_brand, p.card_brand) end,
                   c.psp_reference, 0, c.folded - 1, c.created_at, c.updated_at
            from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[],
                        ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[],
                        ?::int[])
                 as c(id, order_id, legacy_id, status, currency, amount_minor, captured_minor, refunded_minor,
                      card_token, card_last4, card_brand, psp_reference, created_at, updated_at, folded)
                 left join payments p on p.id = c.id
            on conflict (id) do update set
                order_id = excluded.order_id, legacy_id = excluded.legacy_id, status = excluded.status,
                currency = excluded.currency, amount_minor = excluded.amount_minor,
                captured_minor = excluded.captured_minor, refunded_minor = excluded.refunded_minor,
                card_token = excluded.card_token, card_last4 = excluded.card_last4, card_brand = excluded.card_brand,
                psp_reference = excluded.psp_reference, version = payments.version + excluded.version + 1,
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
    public void write(Connection connection, Collection<PaymentChange> changes, Map<Long, Integer> folded)
            throws SQLException {
        List<PaymentChange> upserts = new ArrayList<>(changes.size());
        List<Long> deletes = new ArrayList<>();
        for (PaymentChange c : changes) {
            if (c.getOp() == ChangeOp.DELETE) {
                deletes.add(c.getPaymentId());
            } else {
                upserts.add(c);
            }
        }
        if (!upserts.isEmpty()) {
            upsert(connection, upserts, folded);
        }
        if (!deletes.isEmpty()) {
            truncate(connection, deletes);
        }
    }

    /**
     * The version counts the changes applied to a row (0 for its first), also when a batch folds several changes of a
     * payment into one: then it moves by their number, not by one.
     */
    private static void upsert(Connection connection, List<PaymentChange> changes, Map<Long, Integer> folded)
            throws SQLException {
        int n = changes.size();
        Integer[] foldedCount = new Integer[n];
        Long[] id = new Long[n];
        Long[] orderId = new Long[n];
        Long[] legacyId = new Long[n];
        String[] status = new String[n];
        String[] currency = new String[n];
        Long[] amount = new Long[n];
        Long[] captured = new Long[n];
        Long[] refunded = new Long[n];
        String[] token = new String[n];
        String[] last4 = new String[n];
        String[] brand = new String[n];
        String[] pspReference = new String[n];
        Instant[] createdAt = new Instant[n];
        Instant[] updatedAt = new Instant[n];
        for (int i = 0; i < n; i++) {
            PaymentChange c = changes.get(i);
            id[i] = c.getPaymentId();
            orderId[i] = Objects.requireNonNull(c.getOrderId(), "orderId");
            legacyId[i] = c.getLegacyId();
            status[i] = c.getStatus();
            currency[i] = c.getCurrency();
            amount[i] = Objects.requireNonNull(c.getAmountMinor(), "amountMinor");
            captured[i] = Objects.requireNonNull(c.getCapturedMinor(), "capturedMinor");
            refunded[i] = Objects.requireNonNull(c.getRefundedMinor(), "refundedMinor");
            token[i] = c.getCardToken();
            last4[i] = c.getCardLast4();
            brand[i] = c.getCardBrand();
            pspReference[i] = c.getPspReference();
            createdAt[i] = Objects.requireNonNull(c.getCreatedAt(), "createdAt");
            updatedAt[i] = Objects.requireNonNull(c.getUpdatedAt(), "updatedAt");
            foldedCount[i] = folded.getOrDefault(c.getPaymentId(), 1);
        }
        try (PreparedStatement s = connection.prepareStatement(UPSERT)) {
            int p = 1;
            s.setArray(p++, Sql.bigints(connection, id));
            s.setArray(p++, Sql.bigints(connection, orderId));
            s.setArray(p++, Sql.bigints(connection, legacyId));
            s.setArray(p++, Sql.texts(connection, status));
            s.setArray(p++, Sql.texts(connection, currency));
            s.setArray(p++, Sql.bigints(connection, amount));
            s.setArray(p++, Sql.bigints(connection, captured));
            s.setArray(p++, Sql.bigints(connection, refunded));
            s.setArray(p++, Sql.texts(connection, token));
            s.setArray(p++, Sql.texts(connection, last4));
            s.setArray(p++, Sql.texts(connection, brand));
            s.setArray(p++, Sql.texts(connection, pspReference));
            s.setArray(p++, Sql.instants(connection, createdAt));
            s.setArray(p++, Sql.instants(connection, updatedAt));
            s.setArray(p, connection.createArrayOf("int4", foldedCount));
            s.executeUpdate();
        }
    }

    @Override
    public void truncate(Connection connection, Collection<Long> ids) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from payments where id = any(?)")) {
            delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            delete.executeUpdate();
        }
    }
}

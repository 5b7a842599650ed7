package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.strangler.cdc.reconcile.ReconcileReport;
import dev.strangler.cdc.reconcile.Reconciler;
import dev.strangler.lab.junit.TestLab;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reconciliation on two real databases: in sync, then with rows corrupted, deleted and added on one side. */
class ReconcilerIT {

    private Db legacy;
    private Db service;
    private HikariDataSource legacyDs;
    private HikariDataSource serviceDs;

    @BeforeEach
    void databases() {
        legacy = Schemas.legacy(TestLab.legacyPostgres(), 2_500);
        service = Schemas.service(TestLab.paymentsPostgres());
        // the service side as the bridge would have written it (tokens are opaque here)
        java.util.List<Object[]> rows = new java.util.ArrayList<>();
        for (var row : legacy.rows("select * from payments")) {
            String card = (String) row.get("card_number");
            rows.add(new Object[] {row.get("id"), row.get("order_id"), row.get("id"),
                    ((java.math.BigDecimal) row.get("amount")).movePointRight(2).longValueExact(),
                    ((java.math.BigDecimal) row.get("captured_amount")).movePointRight(2).longValueExact(),
                    card.substring(card.length() - 4), row.get("psp_reference")});
        }
        service.batch("""
                insert into payments (id, order_id, legacy_id, status, currency, amount_minor, captured_minor,
                    refunded_minor, card_token, card_last4, card_brand, psp_reference, created_at, updated_at)
                values (?, ?, ?, 'CAPTURED', 'EUR', ?, ?, 0, 'tok', ?, 'VISA', ?, now(), now())""", rows);
        legacyDs = dataSource(legacy);
        serviceDs = dataSource(service);
    }

    @AfterEach
    void close() {
        legacyDs.close();
        serviceDs.close();
    }

    private Reconciler reconciler() {
        return new Reconciler(legacyDs, serviceDs, 1000);
    }

    @Test
    void findsNothingWhenBothSidesAgree() {
        ReconcileReport report = reconciler().reconcile(Duration.ZERO, () -> true);
        assertThat(report.consistent()).as(report.toString()).isTrue();
        assertThat(report.legacyRows()).isEqualTo(2_500);
        assertThat(report.serviceRows()).isEqualTo(2_500);
        assertThat(report.chunks()).isEqualTo(3);
    }

    @Test
    void namesRowsCorruptedDeletedAndAddedOnOneSide() {
        service.update("update payments set captured_minor = captured_minor - 1 where id = 17");
        service.update("update payments set card_last4 = '0000' where id = 1999");
        legacy.update("update payments set status = 'RFND' where id = 1200");
        service.update("delete from payments where id = 42");
        service.update("""
                insert into payments (id, order_id, status, currency, amount_minor, card_token, card_last4,
                    card_brand, created_at, updated_at)
                values (1000000777, 999991, 'AUTHORIZED', 'EUR', 100, 'tok', '4242', 'VISA', now(), now())""");
        // service-only states are out of scope: not a mismatch
        service.update("""
                insert into payments (id, order_id, status, currency, amount_minor, card_token, card_last4,
                    card_brand, created_at, updated_at)
                values (1000000778, 999992, 'PENDING', 'EUR', 100, 'tok', '4242', 'VISA', now(), now())""");

        ReconcileReport report = reconciler().reconcile(Duration.ZERO, () -> true);

        assertThat(report.consistent()).isFalse();
        assertThat(report.differing()).containsExactly(17L, 1200L, 1999L);
        assertThat(report.missingInService()).containsExactly(42L);
        assertThat(report.extraInService()).containsExactly(1000000777L);
        assertThat(report.mismatches()).isEqualTo(5);
        assertThat(report.chunksDiffering()).isEqualTo(3);
    }

    @Test
    void settlesRowsThatCatchUpWhileItRechecks() {
        service.update("update payments set status = 'REFUNDED' where id = 5");
        boolean[] caughtUp = {false};
        ReconcileReport report = reconciler().reconcile(Duration.ofSeconds(20), () -> {
            if (!caughtUp[0]) {
                // the bridge applies the pending change, then reports that it has caught up
                service.update("update payments set status = 'CAPTURED' where id = 5");
                caughtUp[0] = true;
            }
            return true;
        });
        assertThat(report.consistent()).as(report.toString()).isTrue();
    }

    @Test
    void refusesAnUnreachableDatabaseInsteadOfReportingConsistency() {
        serviceDs.close();
        assertThatThrownBy(() -> reconciler().reconcile(Duration.ZERO, () -> true))
                .isInstanceOf(Reconciler.ReconcileFailed.class);
    }

    private static HikariDataSource dataSource(Db db) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        ds.setConnectionTimeout(3_000);
        return ds;
    }
}

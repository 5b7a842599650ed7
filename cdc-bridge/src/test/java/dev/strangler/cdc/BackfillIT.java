package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.junit.TestLab;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The backfill (Debezium's initial snapshot) of a table that keeps changing: every row ends up in the service with
 * its latest values, whether it changed before, during or after the snapshot.
 */
class BackfillIT {

    private static final int PAYMENTS = 10_000;

    @Test
    void copiesExistingRowsWhileWritesGoOn() throws Exception {
        Db legacy = Schemas.legacy(TestLab.legacyPostgres(), PAYMENTS);
        Db service = Schemas.service(TestLab.paymentsPostgres());
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger round = new AtomicInteger();
        // the monolith keeps taking writes: updates across the whole table and new payments, before, during and
        // after the snapshot
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            while (writing.get()) {
                int r = round.incrementAndGet();
                int from = 1 + (r * 997) % PAYMENTS;
                legacy.update("update payments set psp_reference = 'during-' || ? || '-' || id, updated_at = now()"
                        + " where id between ? and ?", r, from, from + 99);
                legacy.update("insert into orders (customer_id, status, total, currency) values (1, 'PAID', 5, 'EUR')");
                legacy.update("insert into payments (order_id, amount, currency, status, card_number)"
                        + " select max(id), 5, 'EUR', 'AUTH', '4242424242424242' from orders");
            }
        });
        try (BridgeInstance bridge = new BridgeInstance("backfill", legacy, service,
                ShopApps.shared().paymentService.baseUrl(), "bridge.reverse=false")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> round.get() > 5);
            bridge.start();
            await("snapshot").atMost(Duration.ofSeconds(120)).until(() -> bridge.direction(bridge.status(), "legacy-to-service").path("capture").path("snapshotCompleted")
                    .asBoolean());
            int roundsDuringSnapshot = round.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> round.get() > roundsDuringSnapshot + 5);
            writing.set(false);
            writer.get();

            long legacyRows = legacy.count("select count(*) from payments");
            assertThat(legacyRows).isGreaterThan(PAYMENTS);
            await("caught up").atMost(Duration.ofSeconds(120)).until(() ->
                    service.count("select count(*) from payments") == legacyRows);
            JsonNode report = bridge.reconcile("10s");
            assertThat(report.path("mismatches").asLong()).as(report.toString()).isZero();
            assertThat(report.path("legacyRows").asLong()).isEqualTo(legacyRows);
            assertThat(bridge.direction(bridge.status(), "legacy-to-service").path("capture")
                    .path("snapshotRows").asLong()).isGreaterThanOrEqualTo(PAYMENTS);
        } finally {
            writing.set(false);
        }
    }
}

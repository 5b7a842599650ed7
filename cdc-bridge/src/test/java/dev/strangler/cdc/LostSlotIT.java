package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.junit.TestLab;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A replication slot that PostgreSQL invalidated while the bridge was stopped (its WAL went past
 * {@code max_slot_wal_keep_size}) is replaced at the next start, and what changed meanwhile arrives through a new
 * snapshot: nothing is lost. Without that, Debezium only waits for the lost slot to become valid again.
 */
class LostSlotIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void replacesASlotPostgresInvalidatedAndCatchesUpByReadingTheTableAgain() {
        Db legacy = Schemas.legacy(TestLab.legacyPostgres(), 200);
        Db service = Schemas.service(TestLab.paymentsPostgres());
        ShopApps apps = ShopApps.shared();
        BridgeInstance bridge = new BridgeInstance("lostslot", legacy, service, apps.paymentService.baseUrl()).start();
        try {
            bridge.awaitBackfill();
            bridge.stop();
            legacy.update("update payments set psp_reference = 'while-lost-' || id, updated_at = now() where id <= 10");
            invalidate(legacy, bridge.legacySlot());

            bridge.start();
            // the earlier snapshot's offsets went with the lost slot: until the table is read again, the status must
            // not say the snapshot is complete (Debezium needs seconds to create the new slot and read the table)
            assertThat(bridge.direction(bridge.status(), "legacy-to-service").path("capture")
                    .path("snapshotCompleted").asBoolean()).isFalse();
            await("the changes made while the slot was lost").atMost(WAIT).until(() -> service.count(
                    "select count(*) from payments where psp_reference = 'while-lost-' || id") == 10);
            assertThat(walStatus(legacy, bridge.legacySlot())).isNotEqualTo("lost");

            legacy.update("update payments set psp_reference = 'streamed-again', updated_at = now() where id = 11");
            await("a change streamed through the new slot").atMost(WAIT).until(() -> service.count(
                    "select count(*) from payments where id = 11 and psp_reference = 'streamed-again'") == 1);
        } finally {
            bridge.close();
        }
    }

    /**
     * Invalidates {@code slot} as PostgreSQL does when a stopped consumer falls too far behind: a tiny
     * {@code max_slot_wal_keep_size}, WAL written and switched, a checkpoint. The setting is the server's, so it is put
     * back at once.
     */
    private static void invalidate(Db db, String slot) {
        db.update("alter system set max_slot_wal_keep_size = '1MB'");
        db.rows("select pg_reload_conf()");
        try {
            db.update("create table if not exists lostslot_wal (filler text)");
            await("slot " + slot + " invalidated").atMost(WAIT).until(() -> {
                db.update("insert into lostslot_wal select repeat('x', 1000) from generate_series(1, 2000)");
                db.rows("select pg_switch_wal()");
                db.update("checkpoint");
                return "lost".equals(walStatus(db, slot));
            });
        } finally {
            db.update("alter system reset max_slot_wal_keep_size");
            db.rows("select pg_reload_conf()");
            db.update("drop table if exists lostslot_wal");
        }
    }

    private static String walStatus(Db db, String slot) {
        return db.rows("select wal_status from pg_replication_slots where slot_name = ?", slot).stream()
                .map(r -> String.valueOf(r.get("wal_status"))).findFirst().orElse("absent");
    }
}

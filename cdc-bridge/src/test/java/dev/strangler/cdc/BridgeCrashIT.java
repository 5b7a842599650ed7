package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.junit.TestLab;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged bridge killed with -9 in the middle of a stream of changes, then started again: nothing is lost
 * (reconciliation finds no mismatch) and no change is applied twice (each payment's changes are counted once).
 */
class BridgeCrashIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PAYMENTS = 2_000;
    private static final int ROUNDS = 5;

    @Test
    void resumesAfterKillNineWithoutLosingOrRepeatingAChange() throws Exception {
        Db legacy = Schemas.legacy(TestLab.legacyPostgres(), PAYMENTS);
        Db service = Schemas.service(TestLab.paymentsPostgres());
        ShopApps apps = ShopApps.shared();
        BridgeInstance names = new BridgeInstance("crash", legacy, service, apps.paymentService.baseUrl());
        java.util.List<String> args = new java.util.ArrayList<>(names.arguments());
        args.add("--bridge.health.lag-threshold=5m");
        try (ChildApp first = new ChildApp("cdc-bridge-crash", ChildApp.moduleJar("cdc-bridge", "cdc-bridge.jar"),
                args)) {
            first.start();
            BridgeInstance.awaitBackfill(() -> status(first), names.pair());

            // a stream of changes: ROUNDS updates of every payment, in transactions of 200 rows
            CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
                for (int round = 1; round <= ROUNDS; round++) {
                    for (int from = 1; from <= PAYMENTS; from += 200) {
                        legacy.update("update payments set psp_reference = 'round-' || ? || '-' || id,"
                                + " updated_at = now() where id between ? and ?", round, from, from + 199);
                    }
                }
            });
            await("changes flowing").atMost(Duration.ofSeconds(60)).until(() ->
                    names.direction(status(first), "legacy-to-service").path("apply").path("applied")
                            .asLong() > PAYMENTS + 1_500);
            first.kill();
            writes.get();

            try (ChildApp second = new ChildApp("cdc-bridge-crash-restart",
                    ChildApp.moduleJar("cdc-bridge", "cdc-bridge.jar"), args, first.port())) {
                second.start();
                await("caught up").atMost(Duration.ofSeconds(120)).until(() -> service.count(
                        "select count(*) from payments where psp_reference = 'round-" + ROUNDS + "-' || id")
                        == PAYMENTS);

                JsonNode report = JSON.readTree(second.http().post().uri("/reconcile/" + names.pair() + "?settle=10s").retrieve()
                        .body(String.class));
                assertThat(report.path("mismatches").asLong()).as(report.toString()).isZero();
                assertThat(report.path("serviceRows").asLong()).isEqualTo(PAYMENTS);

                // one snapshot read plus ROUNDS updates per payment, each applied exactly once
                assertThat(service.rows("select apply_count, count(*) as payments from strangler_cdc.applied"
                        + " group by apply_count")).containsExactly(java.util.Map.of(
                                "apply_count", ROUNDS + 1, "payments", (long) PAYMENTS));
                assertThat(service.count("select count(*) from payments where version = ?", ROUNDS))
                        .isEqualTo(PAYMENTS);
                assertThat(second.logText() + first.logText()).doesNotContain("4242424242424242")
                        .doesNotContain("5555555555554444");
            }
        } finally {
            legacy.dropSlot(names.legacySlot());
            service.dropSlot(names.serviceSlot());
        }
    }

    private static JsonNode status(ChildApp bridge) {
        return JSON.readTree(bridge.http().get().uri("/cdc/status").retrieve().body(String.class));
    }
}

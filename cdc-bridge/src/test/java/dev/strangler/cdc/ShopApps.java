package dev.strangler.cdc;

import dev.strangler.lab.junit.TestLab;
import java.util.List;

/**
 * The two applications the bridge sits between, started once per test JVM: the real monolith (its own database,
 * seeded with orders and their payments, card numbers included) and the real payment service (its own database,
 * asking the monolith for order totals). Both run their own Flyway migrations.
 */
final class ShopApps {

    static final int SEEDED_ORDERS = 40;

    private static ShopApps shared;

    final String legacyDatabase;
    final String serviceDatabase;
    final ChildApp monolith;
    final ChildApp paymentService;

    private ShopApps() {
        legacyDatabase = TestLab.freshDatabase(TestLab.legacyPostgres(), "shop");
        serviceDatabase = TestLab.freshDatabase(TestLab.paymentsPostgres(), "payments");
        monolith = new ChildApp("monolith", ChildApp.moduleJar("legacy-monolith", "legacy-monolith.jar"), List.of(
                "--spring.datasource.url=" + legacyDatabase,
                "--shop.psp.base-url=" + TestLab.psp().baseUrl(),
                "--shop.seed.orders-on-empty=" + SEEDED_ORDERS));
        paymentService = new ChildApp("payment-service",
                ChildApp.moduleJar("extracted/payment-service", "payment-service.jar"), List.of(
                "--spring.datasource.url=" + serviceDatabase,
                "--payments.psp.base-url=" + TestLab.psp().baseUrl(),
                "--payments.orders.base-url=" + monolith.baseUrl()));
    }

    static synchronized ShopApps shared() {
        if (shared == null) {
            ShopApps apps = new ShopApps();
            apps.monolith.start();
            apps.paymentService.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                apps.paymentService.close();
                apps.monolith.close();
            }));
            shared = apps;
        }
        return shared;
    }
}

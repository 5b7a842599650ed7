package dev.strangler.decommissioned;

import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.process.Ports;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The decommissioned monolith and the real payment service, each on a fresh database, calling each other, with one
 * product in stock (this build has no seed feature).
 */
record DecommissionedShop(ChildApp service, ChildApp shop, String shopDb, long product) implements AutoCloseable {

    static DecommissionedShop start(String name, List<String> shopArgs) throws SQLException {
        int shopPort = Ports.freePort();
        ChildApp service = ChildApp.start("payment-service-" + name,
                Path.of("..", "extracted", "payment-service", "target", "payment-service.jar"), List.of(
                        "--spring.datasource.url=" + TestLab.freshDatabase(TestLab.paymentsPostgres(), name),
                        "--payments.psp.base-url=" + TestLab.psp().baseUrl(),
                        "--payments.orders.base-url=http://127.0.0.1:" + shopPort));
        String shopDb = TestLab.freshDatabase(TestLab.legacyPostgres(), name);
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + shopDb,
                "--shop.payments.remote-base-url=" + service.baseUrl()));
        args.addAll(shopArgs);
        ChildApp shop = ChildApp.start("decommissioned-monolith-" + name, shopPort,
                Path.of("target", "legacy-monolith-decommissioned.jar"), args);
        try (Connection c = DriverManager.getConnection(shopDb); Statement s = c.createStatement()) {
            long product;
            try (ResultSet rs = s.executeQuery(
                    "insert into products (sku, name, price) values ('D-1', 'Decommission mug', 12.50) returning id")) {
                rs.next();
                product = rs.getLong(1);
            }
            s.executeUpdate("insert into inventory (product_id, stock) values (" + product + ", 1000)");
            return new DecommissionedShop(service, shop, shopDb, product);
        }
    }

    @Override
    public void close() {
        shop.close();
        service.close();
    }
}

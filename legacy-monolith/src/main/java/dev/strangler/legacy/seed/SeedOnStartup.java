package dev.strangler.legacy.seed;

import dev.strangler.legacy.seed.internal.ShopSeeder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Seeds {@code shop.seed.orders-on-empty} orders when the shop starts with no orders at all. */
@Component
class SeedOnStartup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SeedOnStartup.class);

    private final SeedProperties properties;
    private final ShopSeeder seeder;

    SeedOnStartup(SeedProperties properties, ShopSeeder seeder) {
        this.properties = properties;
        this.seeder = seeder;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.ordersOnEmpty() > 0 && !seeder.hasOrders()) {
            log.info("No orders yet: seeding {} orders", properties.ordersOnEmpty());
            seeder.seed(properties.ordersOnEmpty());
        }
    }
}

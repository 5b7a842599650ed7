package dev.strangler.customers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests against the real shop: the service asks the shared real monolith (as it would ask
 * the proxy) for orders and payments.
 * All subclasses share one Spring context: no {@code @DirtiesContext}, no extra properties in subclasses.
 */
public abstract class ServiceTest extends RunningService {

    @Autowired
    protected DSLContext db;

    @DynamicPropertySource
    static void realShop(DynamicPropertyRegistry registry) {
        lab(registry, () -> Monolith.shared().baseUrl());
    }

    protected static Monolith monolith() {
        return Monolith.shared();
    }

    /** Runs {@code work} on the monolith's own database: what the CDC bridge does to it, done by hand. */
    protected static void inMonolithDatabase(Consumer<DSLContext> work) {
        try (Connection connection = DriverManager.getConnection(monolith().databaseUrl())) {
            work.accept(DSL.using(connection, SQLDialect.POSTGRES));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Gives the monolith a row for the service's customer {@code id}, same id, email, name and creation time, as the
     * CDC bridge will: the shop then takes orders for that customer.
     */
    protected void copyIntoMonolith(long id) {
        Api.Reply customer = api.get("/api/customers/" + id);
        inMonolithDatabase(shop -> shop.execute("insert into customers (id, email, name, created_at)"
                        + " values (?, ?, ?, ?::timestamptz) on conflict (id) do nothing",
                id, customer.text("email"), customer.text("name"), customer.text("createdAt")));
    }
}

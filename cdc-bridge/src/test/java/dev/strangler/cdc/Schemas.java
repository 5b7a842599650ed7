package dev.strangler.cdc;

import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.postgres.PostgresServer;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/**
 * Fresh databases with the two applications' real schemas (their own Flyway scripts, read from the sibling modules)
 * and payments inserted by SQL, for tests that need many rows or their own database server.
 */
final class Schemas {

    private Schemas() {
    }

    /** A fresh monolith database on {@code server}, holding {@code payments} captured payments with test PANs. */
    static Db legacy(PostgresServer server, int payments) {
        Db db = new Db(TestLab.freshDatabase(server, "shop"));
        migrate(db, "legacy-monolith");
        db.update("insert into customers (email, name) values ('ada@example.test', 'Ada')");
        db.update("""
                insert into orders (customer_id, status, total, currency)
                select 1, 'PAID', 10 + (i % 90) + 0.99, 'EUR' from generate_series(1, ?) i""", payments);
        db.update("""
                insert into payments (order_id, amount, currency, status, captured_amount, psp_reference, card_number)
                select o.id, o.total, 'EUR', 'CAPT', o.total, 'psp_' || o.id,
                       case o.id % 3 when 0 then '4242424242424242' when 1 then '5555555555554444'
                                     else '378282246310005' end
                from orders o""");
        return db;
    }

    /**
     * Makes the monolith's customers ids 1..{@code customers} (the one {@link #legacy} inserted becomes the first),
     * with the shapes the customers pair converts: names of two or three words (split at the last space), mixed-case
     * e-mails (stored in lower case by the service), creation times a minute apart.
     */
    static void seedCustomers(Db legacy, int customers) {
        legacy.update("""
                insert into customers (id, email, name, created_at)
                select i,
                       (array['Ada', 'Grace', 'Alan', 'Barbara'])[1 + i % 4] || '.'
                           || (array['Lovelace', 'Hopper', 'Turing', 'Liskov'])[1 + i % 4] || '.' || i
                           || '@Example.Test',
                       (array['Ada', 'Grace', 'Alan', 'Barbara'])[1 + i % 4]
                           || case when i % 2 = 0 then ' M' || i else '' end || ' '
                           || (array['Lovelace', 'Hopper', 'Turing', 'Liskov'])[1 + i % 4],
                       now() - make_interval(mins => i)
                from generate_series(1, ?) i
                on conflict (id) do update set email = excluded.email, name = excluded.name,
                    created_at = excluded.created_at""", customers);
        legacy.rows("select setval(pg_get_serial_sequence('customers', 'id'), (select max(id) from customers))");
    }

    /** A fresh payment-service database on {@code server}, empty. */
    static Db service(PostgresServer server) {
        Db db = new Db(TestLab.freshDatabase(server, "payments"));
        migrate(db, "extracted/payment-service");
        return db;
    }

    /** A fresh customer-service database on {@code server}, empty. */
    static Db customers(PostgresServer server) {
        Db db = new Db(TestLab.freshDatabase(server, "customers"));
        migrate(db, "extracted/customer-service");
        return db;
    }

    private static void migrate(Db db, String module) {
        Path scripts = Path.of("..").resolve(module).resolve("src/main/resources/db/migration").toAbsolutePath()
                .normalize();
        Flyway.configure().dataSource(db.url(), null, null).locations("filesystem:" + scripts).load().migrate();
    }
}

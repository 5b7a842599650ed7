package dev.strangler.payments;

import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.psp.FakePsp;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every integration test of the service: the whole service on a random port, on its own database of the
 * lab's payments PostgreSQL, talking to the lab's fake PSP and asking the shared real monolith for order totals.
 * All subclasses share one Spring context: no {@code @DirtiesContext}, no extra properties in subclasses. The
 * background reconciler is slowed to once an hour so tests drive it explicitly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "payments.psp.read-timeout=1s",
    "payments.psp.connect-timeout=1s",
    "payments.psp.circuit-failure-rate=100",
    "payments.psp.circuit-minimum-calls=10",
    "payments.reconcile.every=1h",
    "payments.reconcile.after=2s",
    "payments.idempotency.wait-for=10s"
})
public abstract class ServiceTest {

    private static String databaseUrl;

    @LocalServerPort
    protected int port;

    @Autowired
    protected DSLContext db;

    protected Api api;

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", ServiceTest::database);
        registry.add("payments.psp.base-url", () -> TestLab.psp().baseUrl());
        registry.add("payments.orders.base-url", () -> Monolith.shared().baseUrl());
    }

    private static synchronized String database() {
        if (databaseUrl == null) {
            databaseUrl = TestLab.freshDatabase(TestLab.paymentsPostgres(), "payments");
        }
        return databaseUrl;
    }

    protected static FakePsp psp() {
        return TestLab.psp();
    }

    protected static Monolith monolith() {
        return Monolith.shared();
    }

    @BeforeEach
    void wireApi() {
        api = new Api("http://127.0.0.1:" + port);
    }

    /** Row counts of every table of the service: equal before and after means nothing was stored. */
    protected String tableCounts() {
        return db.fetch("select (select count(*) from payments) p, (select count(*) from vault_cards) v, "
                + "(select count(*) from idempotency_keys) i, (select count(*) from outbox) o, "
                + "(select coalesce(sum(version), 0) from payments) ver").formatCSV(false);
    }
}

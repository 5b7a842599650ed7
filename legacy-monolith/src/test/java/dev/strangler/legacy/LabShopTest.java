package dev.strangler.legacy;

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
 * Base of every integration test: the whole shop on a random port, on its own database of the lab's real
 * PostgreSQL, talking to the lab's fake PSP. All subclasses share one Spring context (same configuration), so keep
 * it that way: no {@code @DirtiesContext}, no extra properties in subclasses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "shop.psp.read-timeout=2s",
    "shop.psp.connect-timeout=1s"
})
public abstract class LabShopTest {

    private static String databaseUrl;

    @LocalServerPort
    protected int port;

    @Autowired
    protected DSLContext db;

    protected Api api;
    protected Fixtures fixtures;

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", LabShopTest::database);
        registry.add("shop.psp.base-url", () -> TestLab.psp().baseUrl());
    }

    private static synchronized String database() {
        if (databaseUrl == null) {
            databaseUrl = TestLab.freshDatabase(TestLab.legacyPostgres(), "shop");
        }
        return databaseUrl;
    }

    protected static FakePsp psp() {
        return TestLab.psp();
    }

    @BeforeEach
    void wireHelpers() {
        api = new Api(port);
        fixtures = new Fixtures(db, api);
    }

    /** A content checksum of every shop table: equal before and after means nothing changed. */
    protected String checksum() {
        return DbChecksum.of(db);
    }
}

package dev.strangler.customers;

import static dev.strangler.customers.db.Tables.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.customers.db.tables.records.CustomersRecord;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.jooq.Record;
import org.junit.jupiter.api.Test;

/**
 * The service's table as the CDC bridge will meet it: what a registration stores, the origin marker of the bridge's
 * own writes, and rows copied from the monolith (same id, {@code legacy_id = id}), which must answer exactly as the
 * monolith answers for the same customer, last card included.
 */
class CustomerTableIT extends ServiceTest {

    /**
     * The mapping rules in SQL, as a descriptor can state them: the monolith's row (id, email, name, created_at
     * timestamptz) into this table. Parameters: id twice, name four times, email, created_at.
     */
    private static final String COPY_FROM_MONOLITH = """
            insert into customers (id, legacy_id, given_name, family_name, email, created_at, updated_at)
            values (?, ?,
                    case when strpos(?, ' ') = 0 then ? else regexp_replace(?, ' [^ ]*$', '') end,
                    regexp_replace(?, '^[^ ]*$|^.* ', ''),
                    lower(trim(?)),
                    ?::timestamptz at time zone 'UTC', ?::timestamptz at time zone 'UTC')
            """;

    @Test
    void storesTheNameInTwoPartsAndTheEmailNormalizedWithAnIdFromOneBillion() {
        String email = "Split-" + UUID.randomUUID() + "@Example.test";

        Api.Reply created = api.post("/api/customers", "{\"email\":\"" + email + "\",\"name\":\"Ada King Lovelace\"}");

        CustomersRecord row = db.fetchSingle(CUSTOMERS, CUSTOMERS.ID.eq(created.id()));
        assertThat(row.getId()).isGreaterThanOrEqualTo(1_000_000_000L);
        assertThat(row.getLegacyId()).isNull();
        assertThat(row.getGivenName()).isEqualTo("Ada King");
        assertThat(row.getFamilyName()).isEqualTo("Lovelace");
        assertThat(row.getEmail()).isEqualTo(email.toLowerCase(Locale.ROOT));
        assertThat(row.getVersion()).isZero();
        assertThat(row.getUpdatedAt()).isEqualTo(row.getCreatedAt());
        assertThat(row.getCdcOrigin()).isNull();
        assertThat(created.text("createdAt")).isEqualTo(row.getCreatedAt().toInstant(ZoneOffset.UTC).toString());
    }

    @Test
    void stampsTheBridgesOwnWritesWithTheirOriginAndNoOtherWrite() {
        LocalDateTime now = LocalDateTime.of(2025, 1, 1, 12, 0);
        long marked = db.transactionResult(tx -> {
            tx.dsl().execute("set local strangler.origin = 'cdc-bridge'");
            return tx.dsl().insertInto(CUSTOMERS).set(CUSTOMERS.GIVEN_NAME, "Bridge").set(CUSTOMERS.FAMILY_NAME, "")
                    .set(CUSTOMERS.EMAIL, "bridge-" + UUID.randomUUID() + "@example.test")
                    .set(CUSTOMERS.CREATED_AT, now).set(CUSTOMERS.UPDATED_AT, now)
                    .returning(CUSTOMERS.ID).fetchSingle(CUSTOMERS.ID);
        });
        long unmarked = api.post("/api/customers", "{\"email\":\"own-" + UUID.randomUUID()
                + "@example.test\",\"name\":\"Own Write\"}").id();

        assertThat(db.fetchValue(CUSTOMERS.CDC_ORIGIN, CUSTOMERS.ID.eq(marked))).isEqualTo("cdc-bridge");
        assertThat(db.fetchValue(CUSTOMERS.CDC_ORIGIN, CUSTOMERS.ID.eq(unmarked))).isNull();
        // an update outside the bridge's transactions clears the marker: the next capture must see that change
        db.update(CUSTOMERS).set(CUSTOMERS.VERSION, CUSTOMERS.VERSION.plus(1)).where(CUSTOMERS.ID.eq(marked)).execute();
        assertThat(db.fetchValue(CUSTOMERS.CDC_ORIGIN, CUSTOMERS.ID.eq(marked))).isNull();
    }

    @Test
    void answersForACustomerCopiedFromTheMonolithExactlyAsTheMonolithDoes() {
        // the seeded customers (two-word names, whole hours, paid orders) and two at the edges of the rules
        long spaced = insertIntoMonolith("spaced-" + UUID.randomUUID() + "@example.test", "Jean Claude  Van Damme",
                "2024-02-29T23:59:59.123400Z");
        monolith().paidOrder(spaced, CustomerContract.VISA);
        long single = insertIntoMonolith("single-" + UUID.randomUUID() + "@example.test", "Cher",
                "2024-03-01T00:00:00.000001Z");
        List<Long> ids = new ArrayList<>(LongStream.rangeClosed(1, 10).boxed().toList());
        ids.addAll(List.of(spaced, single));

        for (long id : ids) {
            inMonolithDatabase(shop -> {
                Record row = shop.fetchSingle("select id, email, name, created_at from customers where id = ?", id);
                String name = row.get("name", String.class);
                OffsetDateTime createdAt = row.get("created_at", OffsetDateTime.class);
                db.execute(COPY_FROM_MONOLITH, id, id, name, name, name, name, row.get("email", String.class),
                        createdAt, createdAt);
            });
        }

        for (long id : ids) {
            Api.Reply legacy = monolith().api().get("/api/customers/" + id);
            Api.Reply service = api.get("/api/customers/" + id);
            assertThat(service.status()).as(service.body()).isEqualTo(200);
            assertThat(service.body()).as("customer " + id).isEqualTo(legacy.body());
        }
        assertThat(api.get("/api/customers/" + spaced).text("lastCardLast4")).isEqualTo("4242");
        assertThat(api.get("/api/customers/" + spaced).text("createdAt")).isEqualTo("2024-02-29T23:59:59.123400Z");
        CustomersRecord spacedRow = db.fetchSingle(CUSTOMERS, CUSTOMERS.ID.eq(spaced));
        assertThat(spacedRow.getGivenName()).isEqualTo("Jean Claude  Van");
        assertThat(spacedRow.getFamilyName()).isEqualTo("Damme");
        assertThat(spacedRow.getLegacyId()).isEqualTo(spaced);
        assertThat(db.fetchSingle(CUSTOMERS, CUSTOMERS.ID.eq(single)).getFamilyName()).isEmpty();
    }

    /** A customer written straight into the monolith's table, with a creation time of the test's choosing. */
    private static long insertIntoMonolith(String email, String name, String createdAt) {
        AtomicLong id = new AtomicLong();
        inMonolithDatabase(shop -> id.set(shop.resultQuery(
                "insert into customers (email, name, created_at) values (?, ?, ?::timestamptz) returning id",
                email, name, createdAt).fetchSingle().get(0, Long.class)));
        return id.get();
    }
}

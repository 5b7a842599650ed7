package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.strangler.cdc.reconcile.ReconcileReport;
import dev.strangler.cdc.reconcile.Reconciler;
import dev.strangler.extraction.Extractions;
import dev.strangler.extraction.TablePair;
import dev.strangler.lab.junit.TestLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconciliation on two real databases, driven by a table pair of a descriptor: in sync, then with rows corrupted,
 * deleted and added on one side; for the payments pair and for a second pair that maps its fields differently.
 */
class ReconcilerIT {

    private Db legacy;
    private Db service;
    private HikariDataSource legacyDs;
    private HikariDataSource serviceDs;

    @BeforeEach
    void databases() {
        legacy = Schemas.legacy(TestLab.legacyPostgres(), 2_500);
        service = Schemas.service(TestLab.paymentsPostgres());
        // the service side as the bridge would have written it (tokens are opaque here)
        java.util.List<Object[]> rows = new java.util.ArrayList<>();
        for (var row : legacy.rows("select * from payments")) {
            String card = (String) row.get("card_number");
            rows.add(new Object[] {row.get("id"), row.get("order_id"), row.get("id"),
                    ((java.math.BigDecimal) row.get("amount")).movePointRight(2).longValueExact(),
                    ((java.math.BigDecimal) row.get("captured_amount")).movePointRight(2).longValueExact(),
                    card.substring(card.length() - 4), row.get("psp_reference")});
        }
        service.batch("""
                insert into payments (id, order_id, legacy_id, status, currency, amount_minor, captured_minor,
                    refunded_minor, card_token, card_last4, card_brand, psp_reference, created_at, updated_at)
                values (?, ?, ?, 'CAPTURED', 'EUR', ?, ?, 0, 'tok', ?, 'VISA', ?, now(), now())""", rows);
        legacyDs = dataSource(legacy);
        serviceDs = dataSource(service);
    }

    @AfterEach
    void close() {
        legacyDs.close();
        serviceDs.close();
    }

    /** The payments pair of {@code extractions/payments.yaml}, in chunks of 1000 so that 2,500 rows make 3. */
    private Reconciler reconciler() {
        return new Reconciler(TablePairs.load(TablePairs.REPOSITORY, "payments", 1000), legacyDs, serviceDs);
    }

    @Test
    void findsNothingWhenBothSidesAgree() {
        ReconcileReport report = reconciler().reconcile(Duration.ZERO, () -> true);
        assertThat(report.consistent()).as(report.toString()).isTrue();
        assertThat(report.legacyRows()).isEqualTo(2_500);
        assertThat(report.serviceRows()).isEqualTo(2_500);
        assertThat(report.chunks()).isEqualTo(3);
    }

    @Test
    void namesRowsCorruptedDeletedAndAddedOnOneSide() {
        service.update("update payments set captured_minor = captured_minor - 1 where id = 17");
        service.update("update payments set card_last4 = '0000' where id = 1999");
        legacy.update("update payments set status = 'RFND' where id = 1200");
        service.update("delete from payments where id = 42");
        service.update("""
                insert into payments (id, order_id, status, currency, amount_minor, card_token, card_last4,
                    card_brand, created_at, updated_at)
                values (1000000777, 999991, 'AUTHORIZED', 'EUR', 100, 'tok', '4242', 'VISA', now(), now())""");
        // service-only states are out of scope: not a mismatch
        service.update("""
                insert into payments (id, order_id, status, currency, amount_minor, card_token, card_last4,
                    card_brand, created_at, updated_at)
                values (1000000778, 999992, 'PENDING', 'EUR', 100, 'tok', '4242', 'VISA', now(), now())""");

        ReconcileReport report = reconciler().reconcile(Duration.ZERO, () -> true);

        assertThat(report.consistent()).isFalse();
        assertThat(report.differing()).containsExactly(17L, 1200L, 1999L);
        assertThat(report.missingInService()).containsExactly(42L);
        assertThat(report.extraInService()).containsExactly(1000000777L);
        assertThat(report.mismatches()).isEqualTo(5);
        assertThat(report.chunksDiffering()).isEqualTo(3);
    }

    @Test
    void settlesRowsThatCatchUpWhileItRechecks() {
        service.update("update payments set status = 'REFUNDED' where id = 5");
        boolean[] caughtUp = {false};
        ReconcileReport report = reconciler().reconcile(Duration.ofSeconds(20), () -> {
            if (!caughtUp[0]) {
                // the bridge applies the pending change, then reports that it has caught up
                service.update("update payments set status = 'CAPTURED' where id = 5");
                caughtUp[0] = true;
            }
            return true;
        });
        assertThat(report.consistent()).as(report.toString()).isTrue();
    }

    @Test
    void refusesAnUnreachableDatabaseInsteadOfReportingConsistency() {
        serviceDs.close();
        assertThatThrownBy(() -> reconciler().reconcile(Duration.ZERO, () -> true))
                .isInstanceOf(Reconciler.ReconcileFailed.class);
    }

    @Test
    void reconcilesAnotherTablePairAsItsDescriptorMapsIt(@TempDir Path dir) throws IOException {
        TablePair people = Extractions.read(Files.writeString(dir.resolve("people.yaml"), PEOPLE)).table("people")
                .orElseThrow();
        Db legacyPeople = new Db(TestLab.freshDatabase(TestLab.legacyPostgres(), "people"));
        Db servicePeople = new Db(TestLab.freshDatabase(TestLab.paymentsPostgres(), "people"));
        // the legacy side keeps a full name, e-mails as typed and instants; the other side the name split at its
        // last space, e-mails trimmed in lower case and UTC wall-clock times: every row carried correctly
        legacyPeople.update("create table people (id bigint primary key, name text, email text,"
                + " created_at timestamptz not null)");
        servicePeople.update("create table people (id bigint primary key, given_name text, family_name text,"
                + " email text, created_at timestamp not null)");
        legacyPeople.update("""
                insert into people (id, name, email, created_at)
                select i, (array['Ada Lovelace', 'Plato', 'Jean Claude Van Damme', '', null])[1 + i % 5],
                       case when i % 7 = 0 then null else ' Person' || i || '@Example.TEST ' end,
                       timestamptz '2024-03-31 01:30:00.123456+00' + i * interval '1 hour 0.000007 second'
                from generate_series(1, 50) i""");
        servicePeople.update("""
                insert into people (id, given_name, family_name, email, created_at)
                select i, (array['Ada', 'Plato', 'Jean Claude Van', '', null])[1 + i % 5],
                       (array['Lovelace', '', 'Damme', '', null])[1 + i % 5],
                       case when i % 7 = 0 then null else 'person' || i || '@example.test' end,
                       (timestamptz '2024-03-31 01:30:00.123456+00' + i * interval '1 hour 0.000007 second')
                           at time zone 'UTC'
                from generate_series(1, 50) i""");
        // the e-mail's case is not compared: lower-case on the legacy side
        legacyPeople.update("update people set email = upper(email) where id = 3");

        try (HikariDataSource l = dataSource(legacyPeople); HikariDataSource s = dataSource(servicePeople)) {
            Reconciler reconciler = new Reconciler(people, l, s);
            ReconcileReport report = reconciler.reconcile(Duration.ZERO, () -> true);
            assertThat(report.consistent()).as(report.toString()).isTrue();
            assertThat(report.legacyRows()).isEqualTo(50);
            assertThat(report.chunks()).isEqualTo(6);

            servicePeople.update("update people set family_name = 'Byron' where id = 5");
            // id 4 has no name on either side: two empty parts are an empty name, not none
            servicePeople.update("update people set given_name = '', family_name = '' where id = 4");
            legacyPeople.update("update people set created_at = created_at + interval '1 microsecond' where id = 21");
            legacyPeople.update("update people set email = null where id = 22");
            report = reconciler.reconcile(Duration.ZERO, () -> true);

            assertThat(report.differing()).containsExactly(4L, 5L, 21L, 22L);
            assertThat(report.missingInService()).isEmpty();
            assertThat(report.extraInService()).isEmpty();
        }
    }

    /** A second extraction, written as a team would: one table pair whose sides store a person differently. */
    private static final String PEOPLE = """
            name: people
            description: people, to prove that reconciliation knows only the descriptor
            legacy: {service: legacy-app, database: legacy}
            extracted: {service: people-service, database: people}
            routes:
              - {id: people-read, path: /api/people/**, methods: [GET]}
            data:
              - name: people
                conflict: legacy-wins
                legacy: {table: people, key: id, capture: {origin-marker: cdc_origin}}
                extracted: {table: people, key: id, capture: {origin-marker: cdc_origin}}
                fields:
                  - {name: personId, type: long, key: true, legacy: id, extracted: id}
                  - name: name
                    type: string
                    legacy: name
                    extracted: {columns: [given_name, family_name], convert: {split: last-space}}
                  - name: email
                    type: string
                    legacy: {column: email, convert: lower-case}
                    extracted: email
                  - name: createdAt
                    type: timestamp
                    legacy: created_at
                    extracted: {column: created_at, convert: utc}
                reconcile:
                  fields: [name, email, createdAt]
                  chunk-size: 10
            playbook:
              steps:
                - {id: data-in-sync, action: cdc-in-sync}
            """;

    private static HikariDataSource dataSource(Db db) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        ds.setConnectionTimeout(3_000);
        return ds;
    }
}

package dev.strangler.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.lab.junit.TestLab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's descriptors against the schemas the modules' own Flyway scripts create, on a real PostgreSQL; and
 * the problems a descriptor that does not fit them gets.
 */
class LiveSchemaCheckIT {

    @TempDir
    Path dir;

    /** A fresh database with the migrations of {@code module} applied, in version order. */
    private static Connection migrated(String module) throws SQLException {
        Connection c = DriverManager.getConnection(TestLab.freshDatabase(TestLab.legacyPostgres(), "live"));
        Path migrations = Path.of("..", module, "src", "main", "resources", "db", "migration");
        try (Stream<Path> files = Files.list(migrations); Statement s = c.createStatement()) {
            for (Path f : files.sorted((a, b) -> Integer.compare(version(a), version(b))).toList()) {
                s.execute(Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private static Extraction repository(String name) {
        return Extractions.read(Descriptors.REPOSITORY.resolve(name + ".yaml"));
    }

    @Test
    void thePaymentsDescriptorFitsTheMonolithAndThePaymentService() throws SQLException {
        try (Connection shop = migrated("legacy-monolith"); Connection payments = migrated("extracted/payment-service")) {
            assertThat(LiveSchemaCheck.check(repository("payments"), shop, payments)).isEmpty();
        }
    }

    @Test
    void theCustomersDescriptorFitsTheMonolithAndTheCustomerService() throws SQLException {
        try (Connection shop = migrated("legacy-monolith");
                Connection customers = migrated("extracted/customer-service")) {
            assertThat(LiveSchemaCheck.check(repository("customers"), shop, customers)).isEmpty();
        }
    }

    @Test
    void anUnknownColumnIsNamedWithItsLine() throws SQLException {
        Path file = Descriptors.broken(dir, "payments", "extracted: psp_reference}", "extracted: psp_ref}");
        try (Connection shop = migrated("legacy-monolith"); Connection payments = migrated("extracted/payment-service")) {
            assertThatThrownBy(() -> LiveSchemaCheck.verify(Extractions.read(file), shop, payments))
                    .isInstanceOf(InvalidDescriptorException.class)
                    .hasMessageContaining(file + ":" + Descriptors.lineOf(file, "psp_ref}")
                            + ": data[0].fields[9].extracted: column 'psp_ref' does not exist in payments.payments");
        }
    }

    @Test
    void aTypeThatDoesNotFitTheMappingIsRefused() throws SQLException {
        try (Connection shop = migrated("legacy-monolith"); Connection payments = migrated("extracted/payment-service");
                Statement s = payments.createStatement()) {
            s.execute("alter table payments alter column amount_minor type numeric(12,2)");

            assertThat(LiveSchemaCheck.check(repository("payments"), shop, payments))
                    .extracting(DescriptorProblem::toString)
                    .containsExactly(repository("payments").file() + ":"
                            + Descriptors.lineOf(repository("payments").file(), "extracted: amount_minor")
                            + ": data[0].fields[5].extracted: column 'amount_minor' of payments.payments is"
                            + " numeric(scale 2), but the long field 'amountMinor' needs int8 (bigint) here");
        }
    }

    @Test
    void aTransformOnAColumnThatDoesNotExistIsRefused() throws SQLException {
        Path file = Descriptors.broken(dir, "payments", "{column: card_number, transform: tokenize",
                "{column: card_pan, transform: tokenize");
        try (Connection shop = migrated("legacy-monolith"); Connection payments = migrated("extracted/payment-service")) {
            assertThat(LiveSchemaCheck.check(Extractions.read(file), shop, payments))
                    .extracting(DescriptorProblem::toString)
                    .anySatisfy(p -> assertThat(p).startsWith(file + ":" + Descriptors.lineOf(file, "card_pan")
                            + ": data[0].fields[8].legacy: column 'card_pan' does not exist in shop.payments"))
                    .anySatisfy(p -> assertThat(p).contains("column 'card_number' of shop.payments is NOT NULL"
                            + " without a default and no field writes it"));
        }
    }

    @Test
    void aMissingOriginMarkerIsRefused() throws SQLException {
        try (Connection shop = migrated("legacy-monolith"); Connection customers = migrated("extracted/customer-service");
                Statement s = shop.createStatement()) {
            s.execute("alter table customers drop column cdc_origin cascade");

            assertThat(LiveSchemaCheck.check(repository("customers"), shop, customers))
                    .extracting(DescriptorProblem::field, DescriptorProblem::message)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("data[0].legacy.capture.origin-marker",
                            "column 'cdc_origin' does not exist in shop.customers (it has: id, email, name,"
                                    + " created_at)"));
        }
    }

    @Test
    void serviceIdsThatStartBelowIdsFromAreRefused() throws SQLException {
        try (Connection shop = migrated("legacy-monolith"); Connection payments = migrated("extracted/payment-service");
                Statement s = payments.createStatement()) {
            s.execute("alter table payments alter column id restart with 1");
            s.execute("alter table payments alter column id set start with 1");

            assertThat(LiveSchemaCheck.check(repository("payments"), shop, payments))
                    .extracting(DescriptorProblem::field, DescriptorProblem::message)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("data[0].extracted.ids-from",
                            "the key of payments.payments starts at 1, below ids-from 1000000000: new rows would"
                                    + " collide with the other side's"));
        }
    }
}

package dev.strangler.customers.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.customers.customer.CustomerMapping.NameParts;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mapping rules the CDC descriptor shares: name split and join, email normalization, the shown time. */
class CustomerMappingTests {

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\" + \"{2}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Ada Lovelace            | Ada               | Lovelace",
        "Jean Claude Van Damme   | Jean Claude Van   | Damme",
        "Cher                    | Cher              | \"\"",
        "\"Ada  Lovelace\"       | \"Ada \"          | Lovelace",
        "\"Mary-Jane O'Neil\"    | Mary-Jane         | O'Neil",
        "\"Ada\tLovelace\"       | \"Ada\tLovelace\" | \"\"",
    })
    void splitsANameAtItsLastSpace(String name, String given, String family) {
        assertThat(CustomerMapping.split(name)).isEqualTo(new NameParts(given, family));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Ada Lovelace", "Jean Claude Van Damme", "Cher", "\"Ada  Lovelace\"", "Zoë Ångström-Łukasiewicz",
    })
    void aTrimmedNameSurvivesTheRoundTripExactly(String name) {
        NameParts parts = CustomerMapping.split(name);

        assertThat(CustomerMapping.join(parts.given(), parts.family())).isEqualTo(name);
    }

    @Test
    void joinsPartsAsConcatWsOfTheNonEmptyOnes() {
        assertThat(CustomerMapping.join("Ada", "Lovelace")).isEqualTo("Ada Lovelace");
        assertThat(CustomerMapping.join("Cher", "")).isEqualTo("Cher");
        assertThat(CustomerMapping.join("", "Lovelace")).isEqualTo("Lovelace");
        assertThat(CustomerMapping.join("", "")).isEmpty();
    }

    @Test
    void aPartLongerThanTheColumnDoesNotFit() {
        assertThat(CustomerMapping.split("g".repeat(100) + " " + "f".repeat(100)).fits()).isTrue();
        assertThat(CustomerMapping.split("g".repeat(101) + " f").fits()).isFalse();
        assertThat(CustomerMapping.split("g " + "f".repeat(101)).fits()).isFalse();
        assertThat(CustomerMapping.split("w".repeat(101)).fits()).isFalse();
    }

    @Test
    void normalizesAnEmailToTrimmedLowerCase() {
        assertThat(CustomerMapping.normalizeEmail("  Ada.Lovelace@Example.TEST ")).isEqualTo("ada.lovelace@example.test");
        assertThat(CustomerMapping.normalizeEmail("ada@example.test")).isEqualTo("ada@example.test");
        // Locale.ROOT: a Turkish default locale would turn I into a dotless ı
        assertThat(CustomerMapping.normalizeEmail("INFO@EXAMPLE.TEST")).isEqualTo("info@example.test");
    }

    @Test
    void showsAUtcTimestampAsTheMonolithShowsTheSameInstant() {
        assertThat(CustomerMapping.shownTime(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_400_000)))
                .isEqualTo("2024-02-29T23:59:59.123400Z");
        assertThat(CustomerMapping.shownTime(LocalDateTime.of(2024, 3, 1, 10, 0))).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(CustomerMapping.shownTime(LocalDateTime.of(2024, 3, 1, 10, 0, 0, 1_000)))
                .isEqualTo("2024-03-01T10:00:00.000001Z");
    }
}

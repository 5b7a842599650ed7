package dev.strangler.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversionsTests {

    private static final Conversion.Codes STATUS = new Conversion.Codes(Map.of("AUTH", "AUTHORIZED", "CAPT", "CAPTURED"));

    @Test
    void minorUnitsAreExactBothWays() {
        Conversion c = new Conversion.MinorUnits(2);

        assertThat(Conversions.toField(c, List.of(new BigDecimal("160.67")))).isEqualTo(16067L);
        assertThat(Conversions.toField(c, List.of(new BigDecimal("5")))).isEqualTo(500L);
        assertThat(Conversions.toColumns(c, 16067L)).containsExactly(new BigDecimal("160.67"));
    }

    @Test
    void moreDecimalsThanTheScaleAreRefusedNotRounded() {
        assertThatThrownBy(() -> Conversions.toField(new Conversion.MinorUnits(2), List.of(new BigDecimal("1.005"))))
                .isInstanceOf(Conversions.Untranslatable.class);
    }

    @Test
    void codesBecomeNamesAndNamesWithoutACodeAreNotOnThisSide() {
        assertThat(Conversions.toField(STATUS, List.of("AUTH"))).isEqualTo("AUTHORIZED");
        assertThat(Conversions.toColumns(STATUS, "CAPTURED")).containsExactly("CAPT");
        assertThatThrownBy(() -> Conversions.toColumns(STATUS, "PENDING"))
                .isInstanceOf(Conversions.NotOnThisSide.class);
        assertThatThrownBy(() -> Conversions.toField(STATUS, List.of("ZZZZ")))
                .isInstanceOf(Conversions.Untranslatable.class);
    }

    @Test
    void emailsAreTrimmedAndLowerCasedOneWay() {
        Conversion c = new Conversion.LowerCase();

        assertThat(Conversions.toField(c, List.of("  Ada@Example.COM "))).isEqualTo("ada@example.com");
        assertThat(Conversions.toColumns(c, "ada@example.com")).containsExactly("ada@example.com");
    }

    @Test
    void utcTimestampsBecomeInstantsToTheMicrosecond() {
        Conversion c = new Conversion.Utc();
        LocalDateTime utc = LocalDateTime.parse("2026-12-07T20:49:26.123456");

        assertThat(Conversions.toField(c, List.of(utc))).isEqualTo(Instant.parse("2026-12-07T20:49:26.123456Z"));
        assertThat(Conversions.toColumns(c, Instant.parse("2026-12-07T20:49:26.123456Z"))).containsExactly(utc);
        assertThat(Conversions.toField(new Conversion.Identity(),
                List.of(Instant.parse("2026-12-07T20:49:26.123456789Z"))))
                .as("Avro carries microseconds").isEqualTo(Instant.parse("2026-12-07T20:49:26.123456Z"));
    }

    @Test
    void aNameSplitsAtItsLastSpaceAndJoinsBackExactly() {
        Conversion c = new Conversion.Split(true);

        for (String name : List.of("Ada Lovelace", "Jean  Paul Sartre", "Madonna", "")) {
            List<Object> parts = Conversions.toColumns(c, name);
            assertThat(Conversions.toField(c, parts)).as(name).isEqualTo(name);
        }
        assertThat(Conversions.toColumns(c, "Jean Paul Sartre")).containsExactly("Jean Paul", "Sartre");
        assertThat(Conversions.toColumns(c, "Madonna")).containsExactly("Madonna", "");
        assertThat(Conversions.toColumns(new Conversion.Split(false), "Jean Paul Sartre"))
                .containsExactly("Jean", "Paul Sartre");
    }

    @Test
    void nullsStayNull() {
        for (Conversion c : List.of(new Conversion.Identity(), new Conversion.MinorUnits(2), STATUS,
                new Conversion.LowerCase(), new Conversion.Utc())) {
            assertThat(Conversions.toField(c, Arrays.asList((Object) null))).as(c.toString()).isNull();
            assertThat(Conversions.toColumns(c, null)).as(c.toString()).containsExactly((Object) null);
        }
        assertThat(Conversions.toField(new Conversion.Split(true), Arrays.asList(null, null))).isNull();
        assertThat(Conversions.toColumns(new Conversion.Split(true), null)).containsExactly(null, null);
    }
}

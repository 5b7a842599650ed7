package dev.strangler.cdc.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debezium.time.ZonedTimestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcTimestampsTests {

    @Test
    void readsWhatDebeziumWritesAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(20261205);
        long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            // whole seconds, whole micros (PostgreSQL's precision) and any nanos, so every fraction length occurs
            int nanos = switch (i % 3) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max + 1), nanos);
            String text = ZonedTimestamp.toIsoString(instant.atOffset(ZoneOffset.UTC), null);

            assertThat(UtcTimestamps.parse(text)).as(text).isEqualTo(Instant.parse(text)).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-05T08:42:28Z", "2026-12-05T08:42:28.1Z", "2026-12-05T08:42:28.123456Z",
            "2026-12-05T08:42:28.123456789Z", "2024-02-29T23:59:59.999999Z", "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.000001Z", "0000-01-01T00:00:00Z",
            // not the fixed layout: left to Instant.parse, same answer
            "2026-12-05T10:42:28.5+02:00", "+10000-01-01T00:00:00Z", "2026-12-31T23:59:60Z",
            "2026-12-05T24:00:00Z", "2026-12-05T08:42:28.Z"})
    void givesInstantParsesAnswer(String text) {
        assertThat(UtcTimestamps.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
            "2026-12-05T08:60:00Z", "2026-12-05T08:42:28.1234567890Z",
            "2026-12-05 08:42:28Z", "2026-12-05T08:42:2xZ", "2026-12-05T08:42:28", "2026-1x-05T08:42:28.123Z", "",
            "2026-12-05T08:42:28.-12345Z"})
    void refusesWhatInstantParseRefuses(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> UtcTimestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void keepsEveryDigitOfTheFraction() {
        assertThat(UtcTimestamps.parse("2026-12-05T08:42:28.000000001Z"))
                .isEqualTo(OffsetDateTime.of(2026, 12, 5, 8, 42, 28, 1, ZoneOffset.UTC).toInstant());
        assertThat(UtcTimestamps.parse("2026-12-05T08:42:28.12Z").getNano()).isEqualTo(120_000_000);
    }
}

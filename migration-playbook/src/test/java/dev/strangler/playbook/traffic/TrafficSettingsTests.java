package dev.strangler.playbook.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrafficSettingsTests {

    private static final URI SHOP = URI.create("http://127.0.0.1:8080");

    @Test
    void withoutARampRequestsAreDueAtTheFullRateFromTheStart() {
        TrafficSettings s = TrafficSettings.of(SHOP, 50, Duration.ofSeconds(10));
        assertThat(s.dueOffsetNanos(0)).isZero();
        assertThat(s.dueOffsetNanos(50)).isEqualTo(1_000_000_000L);
        assertThat(s.dueOffsetNanos(125)).isEqualTo(2_500_000_000L);
    }

    @Test
    void aRampStartsAtATenthOfTheRateAndReachesItLinearly() {
        TrafficSettings s = TrafficSettings.of(SHOP, 50, null).withRampUp(Duration.ofSeconds(30));
        // first gaps ~ 1 / 5 s; the ramp holds 0.55 * 50 * 30 = 825 requests; then exactly 1 / 50 s apart
        assertThat(s.dueOffsetNanos(1) / 1e9).isCloseTo(0.2, within(0.01));
        assertThat(s.dueOffsetNanos(825) / 1e9).isCloseTo(30.0, within(0.01));
        assertThat(s.dueOffsetNanos(875) - s.dueOffsetNanos(825)).isCloseTo(1_000_000_000L, within(1_000L));
        long previous = -1;
        for (long i = 0; i < 2_000; i++) {
            long due = s.dueOffsetNanos(i);
            assertThat(due).isGreaterThan(previous);
            previous = due;
        }
    }

    @Test
    void aNegativeRampIsRefused() {
        assertThatThrownBy(() -> TrafficSettings.of(SHOP, 5, null).withRampUp(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ramp-up");
    }
}

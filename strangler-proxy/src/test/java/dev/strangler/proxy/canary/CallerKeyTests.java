package dev.strangler.proxy.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallerKeyTests {

    @Test
    void anIssuedKeyIsARandomVersionFourUuidThatComesBackAsTheSameCaller() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            CallerKey issued = CallerKey.of(null, null);
            assertThat(issued.issued()).isTrue();
            UUID id = UUID.fromString(issued.value().substring("cookie:".length()));
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(seen.add(issued.value())).as("unique").isTrue();

            String cookie = issued.setCookie().substring(0, issued.setCookie().indexOf(';'));
            CallerKey back = CallerKey.of(null, "theme=dark; " + cookie);
            assertThat(back).isEqualTo(new CallerKey(issued.value(), false));
        }
    }

    @Test
    void theCustomerHeaderWinsOverTheCookie() {
        assertThat(CallerKey.of(" 42 ", "strangler_id=abc-123")).isEqualTo(new CallerKey("caller:42", false));
    }

    @Test
    void aCookieNotOfTheIssuedShapeIsIgnoredAndANewKeyIssued() {
        for (String bad : new String[] {"strangler_id=", "strangler_id=xyz", "strangler_id=abc def",
                "strangler_id=" + "a".repeat(65)}) {
            assertThat(CallerKey.of(null, bad).issued()).as(bad).isTrue();
        }
        assertThat(CallerKey.of(null, "strangler_id=" + "A-f".repeat(21))).isEqualTo(new CallerKey("cookie:" + "A-f".repeat(21), false));
    }
}

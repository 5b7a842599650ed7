package dev.strangler.proxy.canary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanarySplitTests {

    private static final int KEYS = 10_000;

    @Test
    void observedShareIsWithinTwoPointsOfThePercentageOverTenThousandKeys() {
        for (int percent : new int[] {1, 5, 10, 25, 50, 75, 90, 99}) {
            int extracted = 0;
            for (int i = 0; i < KEYS; i++) {
                if (CanarySplit.toExtracted("caller:" + i, percent)) {
                    extracted++;
                }
            }
            assertThat(100.0 * extracted / KEYS).as("share at %d%%", percent).isCloseTo(percent, org.assertj.core.data.Offset.offset(2.0));
        }
    }

    @Test
    void raisingThePercentageNeverMovesACallerBackToLegacy() {
        for (int i = 0; i < KEYS; i++) {
            String key = "cookie:" + java.util.UUID.nameUUIDFromBytes(("k" + i).getBytes());
            boolean wasExtracted = false;
            for (int percent = 0; percent <= 100; percent++) {
                boolean extracted = CanarySplit.toExtracted(key, percent);
                assertThat(!wasExtracted || extracted).as("key %s at %d%%", key, percent).isTrue();
                wasExtracted = extracted;
            }
        }
    }

    @Test
    void sameKeyAlwaysGetsTheSameSide() {
        for (int i = 0; i < KEYS; i++) {
            assertThat(CanarySplit.toExtracted("caller:" + i, 30)).isEqualTo(CanarySplit.toExtracted("caller:" + i, 30));
        }
    }

    @Test
    void zeroSendsNobodyAndHundredSendsEverybody() {
        for (int i = 0; i < KEYS; i++) {
            assertThat(CanarySplit.toExtracted("caller:" + i, 0)).isFalse();
            assertThat(CanarySplit.toExtracted("caller:" + i, 100)).isTrue();
        }
    }

    @Test
    void callerKeyPrefersTheCustomerHeaderThenTheCookieElseIssuesOne() {
        assertThat(CallerKey.of("42", "strangler_id=abc-1")).isEqualTo(new CallerKey("caller:42", false));
        assertThat(CallerKey.of(null, "a=b; strangler_id=abc-1")).isEqualTo(new CallerKey("cookie:abc-1", false));
        CallerKey issued = CallerKey.of(null, "strangler_id=<script>");
        assertThat(issued.issued()).isTrue();
        assertThat(issued.setCookie()).startsWith("strangler_id=").contains("HttpOnly");
    }
}

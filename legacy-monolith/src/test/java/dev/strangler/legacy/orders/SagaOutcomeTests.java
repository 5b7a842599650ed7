package dev.strangler.legacy.orders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which failed authorizations cancel the order at once, and which leave it to recovery. */
class SagaOutcomeTests {

    @Test
    void aLostAnswerOrAFailureInsideTheServiceLeavesTheOutcomeOpen() {
        assertThat(Orders.outcomeUnknown(504)).as("payment-service-timeout, psp-timeout").isTrue();
        assertThat(Orders.outcomeUnknown(503)).as("database-unavailable: maybe after the gateway authorized").isTrue();
        assertThat(Orders.outcomeUnknown(500)).as("internal-error: maybe after the gateway authorized").isTrue();
    }

    @Test
    void aDefinitiveNoCancelsTheOrder() {
        for (int status : new int[] {400, 402, 404, 409, 422, 502}) {
            assertThat(Orders.outcomeUnknown(status)).as("status %d", status).isFalse();
        }
    }
}

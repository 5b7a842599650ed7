package dev.strangler.playbook.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.playbook.traffic.RequestKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a drill's failures are judged: those that needed the killed payment service, and those that must not fail. */
class ChaosDrillTests {

    @Test
    void onlyRequestsThatNeedPaymentsMayFailWhileThePaymentServiceIsDead() {
        ChaosDrill.Outcome outcome = new ChaosDrill.Outcome("payment-service", true, Instant.EPOCH, Instant.EPOCH.plusSeconds(20),
                Map.of(RequestKind.PAY, 7L, RequestKind.CHECKOUT, 3L, RequestKind.VIEW_PAYMENT, 2L,
                        RequestKind.CREATE_ORDER, 0L), null);

        assertThat(outcome.failedNeedingTheKilledService()).isEqualTo(12);
        assertThat(outcome.failedThatShouldNotHave()).isZero();
        assertThat(outcome.evidence(Duration.ofSeconds(20))).containsEntry("failed_that_should_not_have", 0L)
                .containsEntry("failed_by_kind", Map.of("PAY", 7L, "CHECKOUT", 3L, "VIEW_PAYMENT", 2L));
    }

    @Test
    void aFailedOrderViewOrOrderWithoutACardIsAFailureThatShouldNotHaveHappened() {
        ChaosDrill.Outcome outcome = new ChaosDrill.Outcome("payment-service", true, Instant.EPOCH, Instant.EPOCH,
                Map.of(RequestKind.VIEW_ORDER, 74L, RequestKind.CREATE_ORDER, 137L, RequestKind.VIEW_CUSTOMER, 29L,
                        RequestKind.SALES_REPORT, 4L, RequestKind.PAY, 5L), null);

        assertThat(outcome.failedThatShouldNotHave()).isEqualTo(244);
        assertThat(outcome.failedNeedingTheKilledService()).isEqualTo(5);
    }

    @Test
    void everyRequestKindIsJudgedOneWayOrTheOther() {
        assertThat(RequestKind.values()).filteredOn(RequestKind::needsPayments)
                .containsExactlyInAnyOrder(RequestKind.CHECKOUT, RequestKind.PAY, RequestKind.CAPTURE,
                        RequestKind.REFUND, RequestKind.VIEW_PAYMENT);
    }
}

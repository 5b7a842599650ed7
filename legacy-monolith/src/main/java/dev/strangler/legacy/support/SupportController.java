package dev.strangler.legacy.support;

import dev.strangler.legacy.ShopProblem;
import dev.strangler.legacy.payments.PaymentStatus;
import dev.strangler.legacy.support.internal.PaymentOverrides;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The support desk API. */
@RestController
@RequestMapping(path = "/api/support", produces = MediaType.APPLICATION_JSON_VALUE)
class SupportController {

    private static final Logger log = LoggerFactory.getLogger(SupportController.class);

    private final PaymentOverrides support;
    private final Clock clock;

    SupportController(PaymentOverrides support, Clock clock) {
        this.support = support;
        this.clock = clock;
    }

    /** Body of the status override: the new API status word and why. */
    record StatusOverrideRequest(@NotBlank String status, @Nullable @Size(max = 200) String note) {
    }

    /** What changed. */
    record StatusOverrideResponse(long paymentId, String previousStatus, String status) {
    }

    @PostMapping(path = "/payments/{id}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Transactional
    StatusOverrideResponse overrideStatus(@PathVariable long id, @Valid @RequestBody StatusOverrideRequest request) {
        PaymentStatus target = Arrays.stream(PaymentStatus.values())
                .filter(s -> s.name().equals(request.status()))
                .findFirst()
                .orElseThrow(() -> ShopProblem.badRequest("invalid-status",
                        "'status' must be one of " + Arrays.toString(PaymentStatus.values()) + "."));
        PaymentStatus previous = support.override(id, target,
                request.note() == null ? "support override" : request.note(), clock.instant())
                .orElseThrow(() -> ShopProblem.notFound("payment"));
        log.info("Support set payment {} from {} to {}", id, previous, target);
        return new StatusOverrideResponse(id, previous.name(), target.name());
    }
}

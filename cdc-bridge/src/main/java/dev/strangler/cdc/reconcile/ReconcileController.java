package dev.strangler.cdc.reconcile;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /reconcile/payments} runs a reconciliation and answers its report (200 whether consistent or not: the
 * report says); {@code GET /reconcile/payments} answers the last one. {@code strangler reconcile payments} calls
 * these.
 */
@RestController
class ReconcileController {

    private final Reconciliations reconciliations;

    ReconcileController(Reconciliations reconciliations) {
        this.reconciliations = reconciliations;
    }

    /** @param settle how long to recheck differing rows while the bridge catches up, e.g. {@code 10s}, {@code 0s} */
    @PostMapping(path = "/reconcile/payments", produces = "application/json")
    ReconcileReport reconcile(@RequestParam(defaultValue = "10s") String settle) {
        return reconciliations.run(parse(settle));
    }

    @GetMapping(path = "/reconcile/payments", produces = "application/json")
    ReconcileReport last() {
        ReconcileReport last = reconciliations.last();
        if (last == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No reconciliation has run yet.");
        }
        return last;
    }

    @ExceptionHandler(Reconciler.ReconcileFailed.class)
    ResponseEntity<ProblemDetail> failed(Reconciler.ReconcileFailed e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        p.setType(URI.create("/problems/reconcile-failed"));
        p.setTitle("Reconciliation failed");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(p);
    }

    private static Duration parse(String settle) {
        try {
            Duration d = Duration.parse("PT" + settle.trim().toUpperCase(java.util.Locale.ROOT));
            if (d.isNegative() || d.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "'settle' must be between 0s and 5m, e.g. 10s.");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'settle' must be a duration such as 10s.");
        }
    }
}

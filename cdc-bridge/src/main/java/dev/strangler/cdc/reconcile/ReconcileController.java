package dev.strangler.cdc.reconcile;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /reconcile/<pair>} reconciles a table pair and answers its report (200 whether consistent or not: the
 * report says); {@code GET /reconcile/<pair>} answers the last one. {@code strangler reconcile <extraction>} calls
 * these; 404 problem+json for a pair the bridge does not serve.
 */
@RestController
class ReconcileController {

    private final Reconciliations reconciliations;

    ReconcileController(Reconciliations reconciliations) {
        this.reconciliations = reconciliations;
    }

    /** @param settle how long to recheck differing rows while the bridge catches up, e.g. {@code 10s}, {@code 0s} */
    @PostMapping(path = "/reconcile/{pair}", produces = "application/json")
    ReconcileReport reconcile(@PathVariable("pair") String pair, @RequestParam(defaultValue = "10s") String settle) {
        Duration d = parse(settle);
        return reconciliations.run(pair, d);
    }

    @GetMapping(path = "/reconcile/{pair}", produces = "application/json")
    ReconcileReport last(@PathVariable("pair") String pair) {
        if (!reconciliations.names().contains(pair)) {
            throw new Reconciliations.UnknownPair(pair, reconciliations.names());
        }
        ReconcileReport last = reconciliations.last(pair);
        if (last == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No reconciliation has run yet.");
        }
        return last;
    }

    @ExceptionHandler(Reconciliations.UnknownPair.class)
    ResponseEntity<ProblemDetail> unknown(Reconciliations.UnknownPair e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setType(URI.create("/problems/unknown-table-pair"));
        p.setTitle("Unknown table pair");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
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

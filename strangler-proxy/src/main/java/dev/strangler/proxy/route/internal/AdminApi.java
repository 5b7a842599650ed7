package dev.strangler.proxy.route.internal;

import dev.strangler.proxy.route.AuditEntry;
import dev.strangler.proxy.route.Faults;
import dev.strangler.proxy.route.Route;
import dev.strangler.proxy.route.RouteChangeException;
import dev.strangler.proxy.route.RouteStore;
import dev.strangler.proxy.route.RouteTable;
import dev.strangler.proxy.route.Stage;
import dev.strangler.proxy.shadow.ShadowMirror;
import dev.strangler.proxy.shadow.ShadowStats;
import dev.strangler.proxy.slo.SloFigures;
import dev.strangler.proxy.slo.SloWatch;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The admin API on the management port. Route endpoints carry the route's version as ETag; a write with a stale
 * {@code If-Match} gets 412 and changes nothing. Every write needs a reason, which goes to the audit log.
 */
@RestController
@RequestMapping(path = "/admin", produces = "application/json")
class AdminApi {

    private final RouteStore store;
    private final ShadowMirror shadow;
    private final SloWatch slo;

    AdminApi(RouteStore store, ShadowMirror shadow, SloWatch slo) {
        this.store = store;
        this.shadow = shadow;
        this.slo = slo;
    }

    /** The table with each route's live figures, as the dashboard and {@code strangler route list} show it. */
    record TableView(long version, List<RouteView> routes) {
    }

    record RouteView(Route route, SloFigures slo, ShadowStats shadow) {
    }

    /** Body of {@code PUT /admin/routes/{id}}. */
    record RouteUpdate(@Nullable Route route, @Nullable String reason) {
    }

    /** Body of {@code POST /admin/routes/{id}/stage}. */
    record StageChange(@Nullable Stage stage, @Nullable Integer percent, @Nullable String reason) {
    }

    @GetMapping("/routes")
    ResponseEntity<TableView> routes() {
        RouteTable table = store.current();
        List<RouteView> views = table.routes().stream()
                .map(r -> new RouteView(r, slo.figures(r), shadow.stats(r))).toList();
        return ResponseEntity.ok().eTag(etag(table.version())).body(new TableView(table.version(), views));
    }

    @GetMapping("/routes/{id}")
    ResponseEntity<Route> route(@PathVariable String id) {
        Route route = find(id);
        return ResponseEntity.ok().eTag(etag(route.version())).body(route);
    }

    @PutMapping(path = "/routes/{id}", consumes = "application/json")
    ResponseEntity<Route> put(@PathVariable String id, @RequestBody RouteUpdate update,
                              @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
                              @RequestHeader(name = "X-Operator", required = false) @Nullable String operator) {
        if (ifMatch == null) {
            throw new AdminProblem(HttpStatus.PRECONDITION_REQUIRED, "precondition-required",
                    "Replacing a route needs If-Match with the version you read (0 to create one).");
        }
        if (update.route() == null) {
            throw new RouteChangeException(RouteChangeException.Kind.INVALID, "the body needs a route");
        }
        Route stored = store.put(update.route(), version(ifMatch), who(operator), reasonOf(update.reason()));
        return ResponseEntity.ok().eTag(etag(stored.version())).body(stored);
    }

    @PostMapping(path = "/routes/{id}/stage", consumes = "application/json")
    ResponseEntity<Route> stage(@PathVariable String id, @RequestBody StageChange change,
                                @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
                                @RequestHeader(name = "X-Operator", required = false) @Nullable String operator) {
        if (change.stage() == null) {
            throw new RouteChangeException(RouteChangeException.Kind.INVALID,
                    UnreadableInput.describe("stage", Stage.class));
        }
        if (change.stage() == Stage.CANARY && change.percent() == null) {
            throw new RouteChangeException(RouteChangeException.Kind.INVALID, "stage CANARY needs a percent");
        }
        if (change.stage() != Stage.CANARY && change.percent() != null) {
            // said and silently dropped, a percent would make the caller believe the stage takes a share
            throw new RouteChangeException(RouteChangeException.Kind.INVALID, "percent is only for stage CANARY");
        }
        int percent = change.percent() == null ? 0 : change.percent();
        Route stored = store.changeStage(id, change.stage(), percent, ifMatch == null ? null : version(ifMatch),
                who(operator), reasonOf(change.reason()));
        return ResponseEntity.ok().eTag(etag(stored.version())).body(stored);
    }

    /** Body of {@code POST /admin/routes/{id}/faults}: both figures 0 clear the faults. */
    record FaultChange(@Nullable Integer latencyMillis, @Nullable Integer errorPercent, @Nullable String reason) {
    }

    /** Injects (or clears) faults on the route's extracted side: a chaos drill, audited like any route change. */
    @PostMapping(path = "/routes/{id}/faults", consumes = "application/json")
    ResponseEntity<Route> faults(@PathVariable String id, @RequestBody FaultChange change,
                                 @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
                                 @RequestHeader(name = "X-Operator", required = false) @Nullable String operator) {
        if (change.latencyMillis() == null && change.errorPercent() == null) {
            throw new RouteChangeException(RouteChangeException.Kind.INVALID,
                    "give latencyMillis (0..60000) and/or errorPercent (0..100)");
        }
        Faults now = find(id).faults();
        Faults faults = new Faults(change.latencyMillis() == null ? now.latencyMillis() : change.latencyMillis(),
                change.errorPercent() == null ? now.errorPercent() : change.errorPercent());
        Route stored = store.changeFaults(id, faults, ifMatch == null ? null : version(ifMatch), who(operator),
                reasonOf(change.reason()));
        return ResponseEntity.ok().eTag(etag(stored.version())).body(stored);
    }

    @GetMapping("/routes/{id}/diffs")
    ShadowStats diffs(@PathVariable String id) {
        return shadow.stats(find(id));
    }

    @GetMapping("/slo")
    List<SloFigures> sloFigures() {
        return slo.figures();
    }

    @GetMapping("/audit")
    List<AuditEntry> audit(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new RouteChangeException(RouteChangeException.Kind.INVALID, "limit must be 1..10000");
        }
        return store.audit(limit);
    }

    @ExceptionHandler(RouteChangeException.class)
    ProblemDetail refused(RouteChangeException e) {
        return switch (e.kind()) {
            case INVALID -> problem(HttpStatus.BAD_REQUEST, "invalid-route-change", e.getMessage());
            case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "route-not-found", e.getMessage());
            case STALE -> problem(HttpStatus.PRECONDITION_FAILED, "stale-route-version", e.getMessage());
        };
    }

    @ExceptionHandler(AdminProblem.class)
    ProblemDetail adminProblem(AdminProblem e) {
        return problem(e.status, e.type, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "malformed-request", UnreadableInput.detail(e));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mistyped(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "malformed-request",
                UnreadableInput.describe(e.getName(), e.getRequiredType()));
    }

    private Route find(String id) {
        return store.current().route(id)
                .orElseThrow(() -> new RouteChangeException(RouteChangeException.Kind.NOT_FOUND, "no route " + id));
    }

    private static ProblemDetail problem(HttpStatus status, String type, @Nullable String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail == null ? status.getReasonPhrase() : detail);
        p.setType(URI.create("/problems/" + type));
        return p;
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }

    private static long version(String ifMatch) {
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new RouteChangeException(RouteChangeException.Kind.INVALID, "If-Match must be a route version in quotes");
        }
    }

    private static String who(@Nullable String operator) {
        String clean = operator == null ? "" : operator.replaceAll("[^A-Za-z0-9._@-]", "");
        return clean.isEmpty() ? "admin" : "admin:" + clean.substring(0, Math.min(64, clean.length()));
    }

    private static String reasonOf(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RouteChangeException(RouteChangeException.Kind.INVALID, "a reason is required");
        }
        if (reason.length() > 500) {
            throw new RouteChangeException(RouteChangeException.Kind.INVALID, "the reason is limited to 500 characters");
        }
        return reason.trim();
    }

    static final class AdminProblem extends RuntimeException {
        final HttpStatus status;
        final String type;

        AdminProblem(HttpStatus status, String type, String detail) {
            super(detail);
            this.status = status;
            this.type = type;
        }
    }
}

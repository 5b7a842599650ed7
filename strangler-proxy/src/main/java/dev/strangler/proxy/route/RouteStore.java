package dev.strangler.proxy.route;

import dev.strangler.proxy.route.RouteChangeException.Kind;
import dev.strangler.proxy.route.internal.RouteFile;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the route table changes. Every change is validated, checked against the version the caller saw,
 * written to the file, audited, and only then made visible to the data plane by swapping the snapshot; listeners
 * (the Kafka sync, metrics) hear about it afterwards.
 */
public final class RouteStore {

    private static final Logger log = LoggerFactory.getLogger(RouteStore.class);

    private final RouteFile file;
    private final String replicaId;
    private final Clock clock;
    private final List<Consumer<RouteChanged>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile RouteTable current;

    public RouteStore(RouteFile file, String replicaId, Clock clock, RouteTableDocument seed) {
        this.file = file;
        this.replicaId = replicaId;
        this.clock = clock;
        RouteTableDocument loaded = file.load().orElse(null);
        if (loaded == null) {
            List<String> problems = RouteValidation.problems(seed.routes());
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the default route table is invalid: " + problems);
            }
            file.save(seed);
            for (Route route : seed.routes()) {
                file.append(new AuditEntry(clock.instant(), "proxy", "seeded from the default table", route.id(),
                        seed.version(), null, route));
            }
            loaded = seed;
            log.info("Seeded the route table ({} routes) into {}", seed.routes().size(), file.tableFile());
        } else {
            log.info("Loaded route table version {} ({} routes) from {}", loaded.version(), loaded.routes().size(),
                    file.tableFile());
        }
        this.current = new RouteTable(loaded);
    }

    /** The snapshot to route one request with. */
    public RouteTable current() {
        return current;
    }

    public String replicaId() {
        return replicaId;
    }

    public void addListener(Consumer<RouteChanged> listener) {
        listeners.add(listener);
    }

    /**
     * Replaces (or creates) the route {@code route.id()}.
     *
     * @param expectedVersion the route version the caller based its change on ({@code If-Match}); null skips the check
     * @return the route as stored, with its new version
     */
    public Route put(Route route, @Nullable Long expectedVersion, String who, String why) {
        return change(route.id(), before -> route, expectedVersion, who, why, true);
    }

    /** Moves a route to another stage, keeping everything else. */
    public Route changeStage(String id, Stage stage, int percent, @Nullable Long expectedVersion, String who, String why) {
        return change(id, before -> {
            if (before == null) {
                throw new RouteChangeException(Kind.NOT_FOUND, "no route " + id);
            }
            return before.withStage(stage, stage == Stage.CANARY ? percent : 0, why);
        }, expectedVersion, who, why, false);
    }

    /** Sets (or, with {@link Faults#NONE}, clears) the faults injected into a route's extracted side. */
    public Route changeFaults(String id, Faults faults, @Nullable Long expectedVersion, String who, String why) {
        return change(id, before -> {
            if (before == null) {
                throw new RouteChangeException(Kind.NOT_FOUND, "no route " + id);
            }
            return before.withFaults(faults);
        }, expectedVersion, who, why, false);
    }

    /**
     * Rolls a route back to the monolith unless it no longer serves the extracted side (an operator or another
     * replica got there first). Returns whether this call rolled it back.
     */
    public boolean rollBack(String id, String reason, String who) {
        try {
            Route before = current.route(id).orElse(null);
            if (before == null || !before.stage().servesExtracted()) {
                return false;
            }
            change(id, r -> r.withStage(Stage.ROLLED_BACK, 0, reason), before.version(), who, reason, false);
            return true;
        } catch (RouteChangeException e) {
            return false;
        }
    }

    private synchronized Route change(String id, java.util.function.Function<@Nullable Route, Route> edit,
                                      @Nullable Long expectedVersion, String who, String why, boolean creates) {
        if (why == null || why.isBlank()) {
            throw new RouteChangeException(Kind.INVALID, "a reason is required");
        }
        RouteTable table = current;
        Route before = table.route(id).orElse(null);
        if (before == null && !creates) {
            throw new RouteChangeException(Kind.NOT_FOUND, "no route " + id);
        }
        long beforeVersion = before == null ? 0 : before.version();
        if (expectedVersion != null && expectedVersion != beforeVersion) {
            throw new RouteChangeException(Kind.STALE,
                    "route " + id + " is at version " + beforeVersion + ", the change was based on " + expectedVersion);
        }
        Route edited = edit.apply(before);
        if (!id.equals(edited.id())) {
            throw new RouteChangeException(Kind.INVALID, "the id in the body differs from the one in the path");
        }
        Route after = edited.withVersion(beforeVersion + 1);
        List<Route> routes = new ArrayList<>(table.routes());
        if (before == null) {
            routes.add(after);
        } else {
            routes.set(routes.indexOf(before), after);
        }
        List<String> problems = RouteValidation.problems(routes);
        if (!problems.isEmpty()) {
            throw new RouteChangeException(Kind.INVALID, String.join("; ", problems));
        }
        RouteTableDocument next = new RouteTableDocument(table.version() + 1, replicaId, routes);
        RouteTable compiled = new RouteTable(next);
        file.save(next);
        file.append(new AuditEntry(clock.instant(), who, why, id, next.version(), before, after));
        current = compiled;
        log.info("Route {} changed by {}: {} -> {} (table version {})", id, who,
                before == null ? "new" : describe(before), describe(after), next.version());
        notify(new RouteChanged(next, true));
        return after;
    }

    /**
     * Takes a table another replica published, if it supersedes ours; returns whether it did. Routes that differ
     * are audited with the other replica as the author.
     */
    public synchronized boolean accept(RouteTableDocument remote) {
        RouteTable table = current;
        if (!remote.supersedes(table.document())) {
            return false;
        }
        List<String> problems = RouteValidation.problems(remote.routes());
        if (!problems.isEmpty()) {
            log.warn("Ignored route table version {} from replica {}: {}", remote.version(), remote.origin(), problems);
            return false;
        }
        RouteTable compiled = new RouteTable(remote);
        file.save(remote);
        for (Route after : remote.routes()) {
            Route before = table.route(after.id()).orElse(null);
            if (!Objects.equals(before, after)) {
                file.append(new AuditEntry(clock.instant(), "replica:" + remote.origin(),
                        after.reason() == null ? "change received from another replica" : after.reason(),
                        after.id(), remote.version(), before, after));
            }
        }
        current = compiled;
        log.info("Took route table version {} from replica {}", remote.version(), remote.origin());
        notify(new RouteChanged(remote, false));
        return true;
    }

    /** The newest {@code limit} audit entries, oldest first. */
    public List<AuditEntry> audit(int limit) {
        return file.tail(limit);
    }

    private void notify(RouteChanged event) {
        for (Consumer<RouteChanged> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("A route change listener failed", e);
            }
        }
    }

    private static String describe(Route route) {
        String stage = route.stage() == Stage.CANARY ? "CANARY " + route.percent() + "%" : route.stage().name();
        Faults f = route.faults();
        return f.any() ? stage + " with injected faults (+" + f.latencyMillis() + " ms, " + f.errorPercent() + "% errors)"
                : stage;
    }
}

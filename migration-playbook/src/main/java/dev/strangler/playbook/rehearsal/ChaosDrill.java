package dev.strangler.playbook.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strangler.playbook.chaos.ChaosLog;
import dev.strangler.playbook.chaos.ComponentKill;
import dev.strangler.playbook.lab.Lab;
import dev.strangler.playbook.traffic.RequestKind;
import dev.strangler.playbook.traffic.TrafficRun;
import dev.strangler.playbook.traffic.TrafficSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The rehearsal's chaos drill ({@code --with-chaos}): once the playbook's canary step runs under load, the CDC bridge
 * and the extraction's service are killed with -9, left down for an outage, and started again (as {@code strangler chaos
 * kill} and {@code restore} would, both in the lab's chaos audit log). The traffic's failures between the kill and a
 * grace period after the restart are split by what the request needed: a request that needs the killed service may
 * fail while it is dead; any other must not (the shop's promise of failure isolation).
 */
public final class ChaosDrill {

    /** What the drill kills besides the extracted service. */
    public static final String BRIDGE = "cdc-bridge";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What happened.
     *
     * @param ran          false when the step never ran while the drill waited (the drill did nothing)
     * @param failedByKind requests failed between the kill and the end of the grace period, per kind
     */
    public record Outcome(String service, boolean ran, @Nullable Instant killedAt, @Nullable Instant restoredAt,
            Map<RequestKind, Long> failedByKind, @Nullable String error) {

        /** Failures of requests that needed the killed service: expected while it was dead. */
        public long failedNeedingTheKilledService() {
            return failedByKind.entrySet().stream().filter(e -> e.getKey().needs(service))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        /** Failures of requests that needed nothing that was killed: must be 0. */
        public long failedThatShouldNotHave() {
            return failedByKind.entrySet().stream().filter(e -> !e.getKey().needs(service))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        public List<String> killed() {
            return List.of(BRIDGE, service);
        }

        public Map<String, Object> evidence(Duration outage) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("ran", ran);
            e.put("killed", killed());
            e.put("killed_at", String.valueOf(killedAt));
            e.put("restored_at", String.valueOf(restoredAt));
            e.put("outage_seconds", outage.toSeconds());
            e.put("failed_needing_the_killed_service", failedNeedingTheKilledService());
            e.put("failed_that_should_not_have", failedThatShouldNotHave());
            Map<String, Long> byKind = new LinkedHashMap<>();
            failedByKind.forEach((k, n) -> {
                if (n > 0) {
                    byKind.put(k.name(), n);
                }
            });
            e.put("failed_by_kind", byKind);
            if (error != null) {
                e.put("error", error);
            }
            return e;
        }
    }

    private final Lab lab;
    private final Path playbookState;
    private final String step;
    private final String service;
    private final Duration outage;
    private final Duration grace;
    private final PrintWriter out;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private volatile boolean playbookOver;

    /** @param service the extracted service killed with the bridge (the extraction's {@code extracted.service}) */
    public ChaosDrill(Lab lab, String service, Path playbookState, String step, Duration outage, Duration grace,
            PrintWriter out) {
        this.lab = lab;
        this.service = service;
        this.playbookState = playbookState;
        this.step = step;
        this.outage = outage;
        this.grace = grace;
        this.out = out;
    }

    public Duration outage() {
        return outage;
    }

    /** Starts waiting for the step, on a thread of its own; {@code load} is the rehearsal's traffic. */
    public void start(TrafficRun load) {
        Thread.ofPlatform().daemon().name("chaos-drill").start(() -> {
            try {
                outcome.complete(drill(load));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome.complete(new Outcome(service, false, null, null, Map.of(), "interrupted"));
            } catch (RuntimeException e) {
                outcome.complete(new Outcome(service, false, null, null, Map.of(), e.getMessage()));
            }
        });
    }

    /** The playbook returned: a drill still waiting for its step stops waiting. */
    public void playbookEnded() {
        playbookOver = true;
    }

    /** The outcome, once the drill is over (or it gave up waiting for the step). */
    public Outcome await(Duration atMost) {
        try {
            return outcome.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return new Outcome(service, false, null, null, Map.of(), "the drill did not end in " + atMost);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(service, false, null, null, Map.of(), "interrupted");
        }
    }

    private Outcome drill(TrafficRun load) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(30));
        while (!stepRunning()) {
            if (playbookOver || Instant.now().isAfter(giveUp) || load.isComplete()) {
                return new Outcome(service, false, null, null, Map.of(), "step " + step + " never ran");
            }
            Thread.sleep(500); // polling another process's state file
        }
        Thread.sleep(3_000); // into the step: the canary has moved callers to the service
        ChaosLog log = new ChaosLog(lab.layout().root(), Clock.systemUTC());
        TrafficSnapshot before = load.snapshot();
        Instant killedAt = Instant.now();
        for (String victim : List.of(BRIDGE, service)) {
            long pid = ComponentKill.kill(lab, victim);
            log.append("kill", victim, "SIGKILL pid " + pid, "rehearsal chaos drill during " + step);
            out.printf("      chaos: killed %s (pid %d)%n", victim, pid);
        }
        out.flush();
        Thread.sleep(outage.toMillis()); // the outage itself
        lab.up();
        Instant restoredAt = Instant.now();
        log.append("restore", BRIDGE + "," + service, "started again", "rehearsal chaos drill over");
        out.printf("      chaos: %s back after %d s%n", List.of(BRIDGE, service),
                Duration.between(killedAt, restoredAt).toSeconds());
        out.flush();
        Thread.sleep(grace.toMillis()); // requests already in flight at the restart finish
        TrafficSnapshot after = load.snapshot();
        Map<RequestKind, Long> failed = new EnumMap<>(RequestKind.class);
        after.failedByKind().forEach((kind, n) -> failed.put(kind, n - before.failedByKind().getOrDefault(kind, 0L)));
        return new Outcome(service, true, killedAt, restoredAt, failed, null);
    }

    private boolean stepRunning() {
        try {
            if (!Files.exists(playbookState)) {
                return false;
            }
            JsonNode state = JSON.readTree(playbookState.toFile());
            List<String> running = new ArrayList<>();
            state.path("steps").forEach(s -> {
                if ("RUNNING".equals(s.path("status").asText())) {
                    running.add(s.path("id").asText());
                }
            });
            return running.contains(step);
        } catch (IOException e) {
            return false; // written at this moment: read it again next time
        }
    }
}

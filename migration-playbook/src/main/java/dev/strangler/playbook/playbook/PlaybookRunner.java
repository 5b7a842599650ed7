package dev.strangler.playbook.playbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.strangler.playbook.cdc.DeadLetterTopic;
import dev.strangler.playbook.playbook.PlaybookDefinition.StepDefinition;
import dev.strangler.playbook.playbook.PlaybookState.StepState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a playbook's steps in order against the lab, skipping those already done, stopping at the first failed gate
 * with what failed, the figures and what to try. Each step's evidence goes to {@code <reports>/playbook/<step>.json}.
 */
public final class PlaybookRunner {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PlaybookDefinition playbook;
    private final PlaybookState state;
    private final StepContext context;
    private final PrintWriter out;
    private final Map<String, Step> actions;
    private final DeadLetterTopic deadLetters;

    public PlaybookRunner(PlaybookDefinition playbook, PlaybookState state, StepContext context, PrintWriter out,
            Map<String, Step> actions) {
        this(playbook, state, context, out, actions, context.deadLetters());
    }

    /** With the dead-letter topic every step's gate checks ({@link #deadLetterGate}). */
    public PlaybookRunner(PlaybookDefinition playbook, PlaybookState state, StepContext context, PrintWriter out,
            Map<String, Step> actions, DeadLetterTopic deadLetters) {
        this.playbook = playbook;
        this.state = state;
        this.context = context;
        this.out = out;
        this.actions = actions;
        this.deadLetters = deadLetters;
    }

    /** Prints what a run would do, step by step, and where it stands. */
    public int plan() {
        out.printf("Playbook %s: %s%n", playbook.name(), playbook.description());
        int i = 0;
        for (StepDefinition s : playbook.steps()) {
            i++;
            StepState st = state.step(s.id()).orElseThrow();
            out.printf("%n%d. %s [%s]%n   %s%n", i, s.title(), st.status(), action(s).plan(s, playbook)
                    .replace("\n", "\n   "));
        }
        out.printf("%nNothing was changed (--dry-run).%n");
        out.flush();
        return 0;
    }

    /** Runs every step not yet done; 0 when the playbook completed, 1 when a gate failed. */
    public int run() {
        List<StepDefinition> steps = playbook.steps();
        Instant started = Instant.now();
        for (int i = 0; i < steps.size(); i++) {
            StepDefinition s = steps.get(i);
            StepState st = state.step(s.id()).orElseThrow();
            String counter = "[" + (i + 1) + "/" + steps.size() + "]";
            if (st.status().equals("DONE")) {
                out.printf("%s %s: done before (%s)%n", counter, s.id(), st.summary());
                continue;
            }
            out.printf("%s %s: %s%n", counter, s.id(), s.title());
            out.flush();
            state.update(st.with("RUNNING", "", ""));
            long t0 = System.nanoTime();
            StepOutcome outcome;
            try {
                outcome = action(s).run(s, playbook, context);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = StepOutcome.failed("interrupted", Map.of(), "run the playbook again: it resumes here");
            } catch (Exception e) {
                outcome = StepOutcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage(), Map.of(),
                        "check ./strangler status; run the playbook again to retry this step");
            }
            if (outcome.passed()) {
                outcome = deadLetterGate(outcome);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            writeEvidence(s, outcome, seconds);
            if (outcome.passed()) {
                state.update(state.step(s.id()).orElseThrow().with("DONE", outcome.summary(), ""));
                out.printf("      passed in %.1f s: %s%n", seconds, outcome.summary());
            } else {
                state.update(state.step(s.id()).orElseThrow().with("FAILED", outcome.summary(), outcome.hint()));
                out.printf("      FAILED after %.1f s: %s%n", seconds, outcome.summary());
                // the figures; long ones (diff samples, id lists) are in the evidence file only
                outcome.evidence().forEach((k, v) -> {
                    String text = String.valueOf(v);
                    out.printf("        %s: %s%n", k, text.length() > 120 ? "(see the evidence file)" : text);
                });
                if (!outcome.hint().isEmpty()) {
                    out.printf("      Try: %s%n", outcome.hint());
                }
                out.printf("      Evidence: %s%n", evidenceFile(s));
                out.flush();
                return 1;
            }
            out.flush();
        }
        out.printf("Playbook %s complete in %s. Evidence of every gate: %s%n", playbook.name(),
                pretty(Duration.between(started, Instant.now())), context.reports().resolve("playbook").resolve(playbook.name()));
        out.flush();
        return 0;
    }

    /**
     * The gate after every step: a step cannot pass while changes sit on the bridge's dead-letter topic, whatever its
     * own gate measured (a decommission once left 10,067 there after every gate said PASS). Counted from the topic.
     */
    private StepOutcome deadLetterGate(StepOutcome passed) {
        DeadLetterTopic topic = deadLetters;
        long dead;
        try {
            dead = topic.records();
        } catch (IllegalArgumentException e) {
            return StepOutcome.failed("the dead-letter topic cannot be read: " + e.getMessage(), passed.evidence(),
                    "./strangler status (is Kafka up?)");
        }
        Map<String, Object> evidence = new LinkedHashMap<>(passed.evidence());
        evidence.put("deadLetters", dead);
        if (dead > 0) {
            return StepOutcome.failed(dead + " changes on the dead-letter topic " + topic.topic()
                    + " (the step's own gate passed: " + passed.summary() + ")", evidence,
                    "curl -s localhost:" + context.ports().cdcBridge() + "/cdc/status; the bridge's README says how to"
                            + " read, replay and clear dead letters");
        }
        return StepOutcome.passed(passed.summary(), evidence);
    }

    /** Prints each step's state. */
    public int status() {
        out.printf("Playbook %s%n", playbook.name());
        for (StepState s : state.steps()) {
            out.printf("  %-16s %-8s %s%s%n", s.id(), s.status(), s.summary(),
                    s.hint().isEmpty() ? "" : "  (try: " + s.hint() + ")");
        }
        out.flush();
        boolean complete = state.steps().stream().allMatch(s -> s.status().equals("DONE"));
        return complete ? 0 : 1;
    }

    /** Undoes the last completed (or failed, half-done) step and marks it pending. */
    public int rollback() throws Exception {
        List<StepDefinition> steps = playbook.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            StepDefinition s = steps.get(i);
            StepState st = state.step(s.id()).orElseThrow();
            if (st.status().equals("PENDING")) {
                continue;
            }
            String undone = action(s).undo(s, playbook, context);
            state.update(st.with("PENDING", "rolled back: " + undone, ""));
            out.printf("Rolled back %s: %s%n", s.id(), undone);
            out.flush();
            return 0;
        }
        out.println("Nothing to roll back: no step has run.");
        out.flush();
        return 0;
    }

    private Step action(StepDefinition s) {
        Step step = actions.get(s.action());
        if (step == null) {
            throw new IllegalArgumentException("no action '" + s.action() + "'");
        }
        return step;
    }

    private Path evidenceFile(StepDefinition s) {
        // one directory per extraction: two playbooks have steps of the same ids
        return context.reports().resolve("playbook").resolve(playbook.name()).resolve(s.id() + ".json");
    }

    private void writeEvidence(StepDefinition s, StepOutcome outcome, double seconds) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("step", s.id());
        doc.put("title", s.title());
        doc.put("passed", outcome.passed());
        doc.put("summary", outcome.summary());
        doc.put("seconds", Math.round(seconds * 10) / 10.0);
        doc.put("at", Instant.now().toString());
        doc.put("gate", s.settings().gate());
        doc.put("evidence", outcome.evidence());
        if (!outcome.hint().isEmpty()) {
            doc.put("hint", outcome.hint());
        }
        try {
            Files.createDirectories(evidenceFile(s).getParent());
            JSON.writeValue(evidenceFile(s).toFile(), doc);
        } catch (IOException e) {
            out.printf("      (could not write the evidence file %s: %s)%n", evidenceFile(s), e.getMessage());
        }
    }

    private static String pretty(Duration d) {
        return d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
    }
}

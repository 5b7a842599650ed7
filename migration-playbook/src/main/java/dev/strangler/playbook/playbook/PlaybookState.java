package dev.strangler.playbook.playbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a playbook run stands, persisted after every change of a step ({@code <lab>/playbook/<name>.json}, written
 * to a temporary file and moved into place, so a kill -9 leaves the old or the new state, never half of one).
 */
public final class PlaybookState {

    /** A step's state: PENDING, RUNNING (a run stopped in the middle of it: it is run again), DONE, FAILED. */
    public record StepState(String id, String status, @Nullable String startedAt, @Nullable String finishedAt,
                            String summary, String hint) {

        public StepState with(String newStatus, String newSummary, String newHint) {
            String now = Instant.now().toString();
            return switch (newStatus) {
                case "RUNNING" -> new StepState(id, newStatus, now, null, newSummary, newHint);
                case "PENDING" -> new StepState(id, newStatus, null, null, newSummary, newHint);
                default -> new StepState(id, newStatus, startedAt, now, newSummary, newHint);
            };
        }
    }

    /** The document on disk. */
    public record Document(String playbook, List<StepState> steps) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private Document document;

    private PlaybookState(Path file, Document document) {
        this.file = file;
        this.document = document;
    }

    public static PlaybookState load(Path file, PlaybookDefinition playbook) {
        Document stored = null;
        if (Files.exists(file)) {
            try {
                stored = JSON.readValue(file.toFile(), Document.class);
            } catch (IOException e) {
                throw new IllegalArgumentException("the playbook state " + file + " is unreadable (" + e.getMessage()
                        + "); move it away to start over");
            }
        }
        List<StepState> steps = new ArrayList<>();
        for (PlaybookDefinition.StepDefinition s : playbook.steps()) {
            StepState known = stored == null ? null : stored.steps().stream().filter(x -> x.id().equals(s.id()))
                    .findFirst().orElse(null);
            steps.add(known != null ? known : new StepState(s.id(), "PENDING", null, null, "", ""));
        }
        return new PlaybookState(file, new Document(playbook.name(), steps));
    }

    public List<StepState> steps() {
        return document.steps();
    }

    public Optional<StepState> step(String id) {
        return document.steps().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public boolean isDone(String id) {
        return step(id).map(s -> s.status().equals("DONE")).orElse(false);
    }

    public void update(StepState state) {
        List<StepState> steps = new ArrayList<>(document.steps());
        steps.replaceAll(s -> s.id().equals(state.id()) ? state : s);
        document = new Document(document.playbook(), steps);
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), document);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the playbook state " + file, e);
        }
    }
}

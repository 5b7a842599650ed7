package dev.strangler.playbook.analysis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.strangler.playbook.analysis.internal.MarkdownReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an analysis as {@code analysis-<name>.json} and {@code analysis-<name>.md}, and appends it to
 * {@code analysis-<name>-history.json}, so that a later run shows the burndown; {@code <name>} is the extraction's, so
 * the analyses of several extractions sit side by side in one reports directory. Each file is written to a temporary
 * file and moved into place, so a reader never sees half a report.
 */
public final class AnalysisOutput {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What was written.
     *
     * @param json the JSON report
     * @param markdown the readable report
     * @param history the history file
     * @param entries the history, this run last
     */
    public record Written(Path json, Path markdown, Path history, List<HistoryEntry> entries) {
    }

    private AnalysisOutput() {
    }

    /** {@code analysis-invoices.json}: the JSON report of the extraction {@code name}. */
    public static String json(String name) {
        return "analysis-" + name + ".json";
    }

    /** {@code analysis-invoices.md}: the readable report of the extraction {@code name}. */
    public static String markdown(String name) {
        return "analysis-" + name + ".md";
    }

    /** {@code analysis-invoices-history.json}: the runs of the extraction {@code name}, for its burndown. */
    public static String history(String name) {
        return "analysis-" + name + "-history.json";
    }

    public static Written write(AnalysisReport report, Path outDir) {
        try {
            Files.createDirectories(outDir);
            Path history = outDir.resolve(history(report.extraction()));
            List<HistoryEntry> entries = new ArrayList<>(readHistory(history));
            entries.add(HistoryEntry.of(report));
            Path json = outDir.resolve(json(report.extraction()));
            Path markdown = outDir.resolve(markdown(report.extraction()));
            replace(json, MAPPER.writeValueAsString(report) + "\n");
            replace(markdown, MarkdownReport.render(report, entries));
            replace(history, MAPPER.writeValueAsString(entries) + "\n");
            return new Written(json, markdown, history, List.copyOf(entries));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the analysis to " + outDir, e);
        }
    }

    /** The runs recorded in {@code history}, oldest first; empty when there is no such file. */
    public static List<HistoryEntry> readHistory(Path history) {
        if (!Files.exists(history)) {
            return List.of();
        }
        try {
            return MAPPER.readValue(history.toFile(), new TypeReference<List<HistoryEntry>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the analysis history " + history
                    + " (" + e.getMessage() + "); move it away to start a new history", e);
        }
    }

    private static void replace(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

package dev.strangler.playbook.pcireport;

import dev.strangler.lab.pan.CardNumberScanner;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.strangler.playbook.pcireport.internal.Markdown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code pci-scope.md} and {@code pci-scope.json}, keeping the first scan as the baseline
 * ({@code pci-scope-baseline.json}) that every later report shows beside the current scan: before and after the
 * migration, from the same kind of evidence.
 */
public final class PciScopeReport {

    public static final String MARKDOWN = "pci-scope.md";
    public static final String JSON = "pci-scope.json";
    public static final String BASELINE = "pci-scope-baseline.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PciScopeReport() {
    }

    /**
     * The JSON report.
     *
     * @param outsideScope    each place (or unscanned source) that keeps the scope from being only the vault
     * @param expectExtracted whether the scan was asked to prove the extraction
     * @param passed          with {@code expectExtracted}: nothing outside the vault and nothing unscanned
     */
    public record Evidence(PciScopeScan now, PciScopeScan baseline, List<String> outsideScope, boolean expectExtracted,
            boolean passed) {
    }

    /** What happened to the baseline. */
    public enum Baseline {
        /** This scan became the baseline (the first complete one, or {@code resetBaseline}). */
        CREATED,
        /** An earlier scan is the baseline. */
        KEPT,
        /** No baseline yet, and this scan has sources it could not read: it is not kept as one. */
        NONE_INCOMPLETE_SCAN
    }

    /** What was written. */
    public record Written(Path markdown, Path json, Path baselineFile, Baseline baseline, Evidence evidence) {

        public boolean baselineCreated() {
            return baseline == Baseline.CREATED;
        }
    }

    /**
     * What keeps the scope from being the vault and the capture alone: places holding card numbers in clear outside
     * the vault, and sources that could not be scanned (nothing proves they are clean).
     */
    public static List<String> outsideScope(PciScopeScan scan) {
        List<String> reasons = new ArrayList<>();
        Path lab = Path.of(scan.lab());
        for (PciScopeScan.Finding f : scan.outsideVault()) {
            String place = f.source() == PciScopeScan.Source.LOG_FILE && !Path.of(f.location()).isAbsolute()
                    ? lab.resolve(f.location()).toString() : f.location();
            reasons.add(String.format(Locale.ROOT, "%s %s (%s): %,d card numbers (%s), e.g. %s",
                    switch (f.source()) {
                        case DATABASE -> "column";
                        case KAFKA_TOPIC -> "topic";
                        case LOG_FILE -> "log file";
                        case DATA_FILE -> "database files";
                    }, place, f.component(), f.occurrences(), String.join(", ", f.last4()),
                    String.join("; ", f.examples())));
        }
        for (PciScopeScan.Unscanned u : scan.unscanned()) {
            reasons.add("not scanned: " + u.what() + " (" + u.reason() + ")");
        }
        return reasons;
    }

    /**
     * Writes the report into {@code directory}. The first complete scan (or any complete one with
     * {@code resetBaseline}) is stored as the baseline too; a scan with unscanned sources never is: a baseline with a
     * hole in it would make every later scan look better than it is.
     */
    public static Written write(Path directory, PciScopeScan now, boolean resetBaseline, boolean expectExtracted) {
        try {
            Files.createDirectories(directory);
            Path baselineFile = directory.resolve(BASELINE);
            PciScopeScan baseline = resetBaseline ? null : readBaseline(baselineFile);
            Baseline state = Baseline.KEPT;
            if (baseline == null) {
                state = now.unscanned().isEmpty() ? Baseline.CREATED : Baseline.NONE_INCOMPLETE_SCAN;
                baseline = now;
            }
            List<String> outside = outsideScope(now);
            boolean passed = outside.isEmpty();
            String verdict = !expectExtracted ? null : passed
                    ? "**PASS**: card numbers only in the payment service's vault (and the capture side of the bridge, by design)."
                    : "**FAIL**: card numbers outside the payment service's vault, or sources not scanned:";
            Evidence evidence = new Evidence(now, baseline, outside, expectExtracted, passed);
            String md = Markdown.render(baseline, now, state != Baseline.KEPT, state == Baseline.CREATED, outside, verdict);
            String json = MAPPER.writeValueAsString(evidence);
            // the report is evidence about card numbers: it must never become a place holding one. PciScopeScan masks
            // the names it holds, so a card number here is a bug: nothing is written, not even the baseline
            if (CardNumberScanner.containsCardNumber(md) || CardNumberScanner.containsCardNumber(json)) {
                throw new IllegalStateException("refusing to write a PCI report that contains a card number (a bug)");
            }
            if (state == Baseline.CREATED) {
                writeAtomically(baselineFile, MAPPER.writeValueAsString(now));
            }
            Path mdFile = directory.resolve(MARKDOWN);
            Path jsonFile = directory.resolve(JSON);
            writeAtomically(mdFile, md);
            writeAtomically(jsonFile, json);
            return new Written(mdFile, jsonFile, baselineFile, state, evidence);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PCI scope report into " + directory, e);
        }
    }

    /** The baseline scan in {@code file}, or null when there is none (or it cannot be read: it is replaced then). */
    public static @Nullable PciScopeScan readBaseline(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return MAPPER.readValue(file.toFile(), PciScopeScan.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

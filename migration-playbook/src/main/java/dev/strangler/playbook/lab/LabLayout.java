package dev.strangler.playbook.lab;

import java.nio.file.Path;

/**
 * Where the lab keeps its state: {@code .lab/} in the repository unless {@code STRANGLER_LAB_DIR} says otherwise, and
 * where reports and evidence go.
 *
 * <pre>
 * .lab/data/&lt;component&gt;/   databases, Kafka log, registry storage (kept across down/up)
 * .lab/logs/&lt;component&gt;.log
 * .lab/run/&lt;component&gt;.pid
 * .lab/playbook/&lt;name&gt;.json where a playbook run stands
 * </pre>
 *
 * {@link Lab#reset} lists everything else the lab and the playbook write, and what a reset keeps.
 *
 * @param home    the repository root (where the module jars are built)
 * @param root    the lab directory
 * @param reports where reports and evidence go by default ({@code analyse}, {@code pci-scope}, {@code playbook})
 */
public record LabLayout(Path home, Path root, Path reports) {

    public LabLayout {
        home = home.toAbsolutePath().normalize();
        root = root.toAbsolutePath().normalize();
        reports = reports.toAbsolutePath().normalize();
    }

    /** Reports where {@code STRANGLER_REPORTS_DIR} says, else in {@code reports/} of the repository. */
    public LabLayout(Path home, Path root) {
        this(home, root, defaultReports(home));
    }

    /** The layout for this process: {@code -Dstrangler.home} (set by ./strangler) and {@code STRANGLER_LAB_DIR}. */
    public static LabLayout fromEnvironment() {
        Path home = Path.of(System.getProperty("strangler.home", "."));
        String labDir = System.getenv("STRANGLER_LAB_DIR");
        return new LabLayout(home, labDir == null || labDir.isBlank() ? home.resolve(".lab") : Path.of(labDir));
    }

    private static Path defaultReports(Path home) {
        String dir = System.getenv("STRANGLER_REPORTS_DIR");
        return dir == null || dir.isBlank() ? home.resolve("reports") : Path.of(dir);
    }

    public Path data(String component) {
        return root.resolve("data").resolve(component);
    }

    public Path log(String component) {
        return root.resolve("logs").resolve(component + ".log");
    }

    public Path pidFile(String component) {
        return root.resolve("run").resolve(component + ".pid");
    }

    /** Where a playbook's run stands ({@code playbook/<name>.json}), so that a run resumes where the last one stopped. */
    public Path playbookState(String playbook) {
        return playbookStates().resolve(playbook + ".json");
    }

    Path playbookStates() {
        return root.resolve("playbook");
    }

    /** A file of the repository, e.g. a module's jar. */
    public Path inRepository(String relative) {
        return home.resolve(relative);
    }
}

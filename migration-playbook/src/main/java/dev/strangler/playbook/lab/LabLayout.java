package dev.strangler.playbook.lab;

import java.nio.file.Path;

/**
 * Where the lab keeps its state: {@code .lab/} in the repository unless {@code STRANGLER_LAB_DIR} says otherwise.
 *
 * <pre>
 * .lab/data/&lt;component&gt;/   databases, Kafka log, registry storage (kept across down/up)
 * .lab/logs/&lt;component&gt;.log
 * .lab/run/&lt;component&gt;.pid
 * </pre>
 *
 * @param home the repository root (where the module jars are built)
 * @param root the lab directory
 */
public record LabLayout(Path home, Path root) {

    public LabLayout {
        home = home.toAbsolutePath().normalize();
        root = root.toAbsolutePath().normalize();
    }

    /** The layout for this process: {@code -Dstrangler.home} (set by ./strangler) and {@code STRANGLER_LAB_DIR}. */
    public static LabLayout fromEnvironment() {
        Path home = Path.of(System.getProperty("strangler.home", "."));
        String labDir = System.getenv("STRANGLER_LAB_DIR");
        return new LabLayout(home, labDir == null || labDir.isBlank() ? home.resolve(".lab") : Path.of(labDir));
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

    /**
     * Where reports and evidence go by default ({@code analyse}, {@code pci-scope}, {@code playbook}):
     * {@code STRANGLER_REPORTS_DIR}, else {@code reports/} in the repository.
     */
    public Path reports() {
        String dir = System.getenv("STRANGLER_REPORTS_DIR");
        return dir == null || dir.isBlank() ? home.resolve("reports") : Path.of(dir).toAbsolutePath().normalize();
    }

    /** A file of the repository, e.g. a module's jar. */
    public Path inRepository(String relative) {
        return home.resolve(relative);
    }
}

package dev.strangler.playbook.lab;

import dev.strangler.lab.process.DetachedProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Prometheus in the lab, from Debian's package when it is installed ({@code up --with-prometheus}): the shipped
 * scrape configuration ({@code observability/prometheus/}) with this lab's ports, its alert rules, data under the
 * lab. Once enabled it stays part of the lab (up, status, down) until {@code up --without-prometheus}.
 */
public final class PrometheusSetup {

    static final String NAME = "prometheus";
    private static final Pattern TARGET = Pattern.compile("\"127\\.0\\.0\\.1:(\\d+)\"");

    private PrometheusSetup() {
    }

    /** The {@code prometheus} program on the PATH, if any. */
    public static Optional<Path> executable() {
        return DetachedProcesses.onPath(NAME);
    }

    public static Path config(LabLayout layout) {
        return layout.root().resolve(NAME).resolve("prometheus.yml");
    }

    public static boolean enabled(LabLayout layout) {
        return Files.isRegularFile(config(layout));
    }

    /** Writes the lab's configuration (targets shifted by the port offset) and copies the rules beside it. */
    public static void enable(LabLayout layout, LabPorts ports) {
        Path shipped = layout.inRepository("observability/prometheus");
        try {
            Files.createDirectories(config(layout).getParent());
            String config = Files.readString(shipped.resolve("prometheus.yml"));
            // one pass: shifting target by target would shift a port twice when the offset maps one onto another
            config = TARGET.matcher(config).replaceAll(target -> "\"127.0.0.1:"
                    + (Integer.parseInt(target.group(1)) + ports.offset()) + "\"");
            Files.writeString(config(layout), config);
            Files.copy(shipped.resolve("strangler-rules.yml"), config(layout).resolveSibling("strangler-rules.yml"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab's Prometheus configuration", e);
        }
    }

    public static void disable(LabLayout layout) {
        try {
            Files.deleteIfExists(config(layout));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LabComponent component(LabLayout layout, LabPorts ports, Path executable) {
        int port = ports.prometheus();
        List<String> command = List.of(executable.toString(), "--config.file=" + config(layout),
                "--storage.tsdb.path=" + layout.data(NAME), "--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.retention.time=2d");
        return new LabComponent(NAME, "Prometheus (Debian package): scrapes every component, evaluates the alerts",
                port, List.of(), "http://127.0.0.1:" + port + "/alerts",
                List.of("legacy-monolith", "payment-service", "cdc-bridge", "strangler-proxy"),
                PidFileLauncher.program(command, config(layout).toString(), layout.pidFile(NAME), layout.log(NAME),
                        layout.data(NAME)),
                HealthCheck.http("http://127.0.0.1:" + port + "/-/ready"), java.time.Duration.ofSeconds(60),
                LabComponent.AfterStart.NOTHING);
    }
}

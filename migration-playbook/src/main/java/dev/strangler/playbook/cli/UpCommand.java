package dev.strangler.playbook.cli;

import dev.strangler.playbook.lab.Lab;
import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import dev.strangler.playbook.lab.LogFormat;
import dev.strangler.playbook.lab.PrometheusSetup;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "up", description = "Start every lab component as its own process (idempotent) and print where to click.")
final class UpCommand extends LabCommand implements Callable<Integer> {

    @Option(names = "--reset", description = "Stop the lab and delete everything it made first (data, logs, the"
            + " monolith build the playbook deployed, the playbook's state and its evidence in reports/): start from"
            + " scratch. Overrides, the log format and Prometheus, which you chose, are kept.")
    boolean reset;

    @Option(names = "--with-prometheus", description = "Also run Prometheus (Debian's package, when installed) with the"
            + " shipped scrape configuration and alert rules; it stays part of the lab until --without-prometheus.")
    boolean withPrometheus;

    @Option(names = "--without-prometheus", description = "Stop running Prometheus in the lab.")
    boolean withoutPrometheus;

    @Option(names = "--log-format", paramLabel = "plain|json", description = "How the Spring applications log: plain"
            + " text lines or one JSON object per line (trace id, span id and correlation id as fields). Kept for later"
            + " ups; components already running keep theirs until restarted (down, then up).")
    LogFormat logFormat;

    @Override
    public Integer call() {
        ContextChoice.labOnly(spec, "It starts the lab's processes on this machine; a deployment is started by its own"
                + " tooling.");
        long t0 = System.nanoTime();
        LabLayout layout = LabLayout.fromEnvironment();
        if (reset) {
            // before the components are read below: which monolith build runs, and on which port, is lab state too
            lab().reset();
        }
        if (logFormat != null) {
            if (logFormat != LogFormat.of(layout) && lab().components().stream().anyMatch(c -> c.launcher().running().isPresent())) {
                out().println("Log format " + logFormat.name().toLowerCase(java.util.Locale.ROOT) + ": components already"
                        + " running keep theirs; ./strangler down, then up, restarts them with it.");
            }
            logFormat.keep(layout);
        }
        if (withoutPrometheus) {
            lab().component("prometheus").ifPresent(p -> p.launcher().stop());
            PrometheusSetup.disable(layout);
        }
        if (withPrometheus) {
            if (PrometheusSetup.executable().isEmpty()) {
                out().println("Prometheus is not installed, so the lab runs without it. On Debian or Ubuntu:"
                        + " sudo apt-get install prometheus (it brings promtool too), then ./strangler up"
                        + " --with-prometheus.");
            } else {
                PrometheusSetup.enable(layout, LabPorts.fromEnvironment());
            }
        }
        Lab lab = lab();
        out().println("Starting the lab in " + lab.layout().root() + " ...");
        lab.up();
        out().printf("%nThe lab is up (%.1f s).%n%n", (System.nanoTime() - t0) / 1e9);
        StatusTable.print(lab.status(), lab.layout(), out());
        ProxyToken.print(lab.layout(), out());
        out().println();
        out().println("Next steps:");
        lab.component("strangler-proxy").ifPresent(proxy -> {
            out().printf("  open %-23s the shop, through the proxy (a test card: 4242424242424242)%n", proxy.url());
            out().printf("  open %-23s the proxy dashboard: routes, stages, traffic split, links to traces%n",
                    "http://127.0.0.1:" + proxy.otherPorts().getFirst() + "/");
        });
        lab.component("zipkin").ifPresent(zipkin ->
                out().printf("  open %-23s Zipkin: one trace per request, proxy to the CDC bridge's apply%n", zipkin.url()));
        lab.component("legacy-monolith").ifPresent(shop ->
                out().printf("  open %-23s the legacy shop directly%n", shop.url()));
        out().println("  ./strangler route list       the routes and their stages; route set moves one");
        out().println("  ./strangler status          health, pid, memory of every component");
        out().println("  ./strangler logs kafka      a component's log (under " + lab.layout().root().resolve("logs") + ")");
        lab.component("prometheus").ifPresent(prometheus ->
                out().printf("  open %-23s Prometheus: the migration's alerts (observability/README.md)%n",
                        prometheus.url()));
        out().println("  ./strangler down            stop everything (data is kept; up --reset wipes it)");
        return 0;
    }
}

package dev.strangler.playbook.playbook;

import dev.strangler.playbook.cdc.CdcBridge;
import dev.strangler.playbook.cdc.DeadLetterTopic;
import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import dev.strangler.playbook.route.ProxyAdmin;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a step works with: the lab's ports and directory, the proxy's admin API, the CDC bridge, the load generator,
 * where evidence goes, and the terminal.
 */
public final class StepContext {

    private final LabLayout layout;
    private final LabPorts ports;
    private final PrintWriter out;
    private final Path reports;
    private final Traffic traffic;

    public StepContext(LabLayout layout, LabPorts ports, PrintWriter out, Path reports, Traffic traffic) {
        this.layout = layout;
        this.ports = ports;
        this.out = out;
        this.reports = reports;
        this.traffic = traffic;
    }

    public LabLayout layout() {
        return layout;
    }

    public LabPorts ports() {
        return ports;
    }

    public ProxyAdmin proxy() {
        return ProxyAdmin.ofLab(layout.root(), ports.offset());
    }

    public CdcBridge bridge() {
        return new CdcBridge(URI.create("http://127.0.0.1:" + ports.cdcBridge()));
    }

    /** The bridge's dead-letter topic in the lab's Kafka, counted from the topic. */
    public DeadLetterTopic deadLetters() {
        return new DeadLetterTopic("127.0.0.1:" + ports.kafka(), DeadLetterTopic.LAB_TOPIC);
    }

    /** The lab as configured now: its components can be restarted from a step. */
    public dev.strangler.playbook.lab.Lab lab() {
        return new dev.strangler.playbook.lab.Lab(layout,
                dev.strangler.playbook.lab.LabComponents.standard(layout, ports), out);
    }

    public Traffic traffic() {
        return traffic;
    }

    public Path reports() {
        return reports;
    }

    /** A progress line, flushed at once. */
    public void progress(String format, Object... args) {
        out.printf("      " + format + "%n", args);
        out.flush();
    }

    /** Waits the given time: an observation window of a step, not a synchronisation. */
    public static void observe(Duration window) throws InterruptedException {
        Thread.sleep(window.toMillis());
    }

    /** Load that runs while a step observes. */
    public interface Traffic {

        /** Starts sending about {@code rps} requests per second through the proxy until the handle is closed. */
        Running start(int rps);

        /** A running load. */
        interface Running extends AutoCloseable {
            long requests();

            long failures();

            @Override
            void close();
        }
    }
}

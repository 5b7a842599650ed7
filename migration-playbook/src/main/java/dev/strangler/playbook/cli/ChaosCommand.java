package dev.strangler.playbook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strangler.playbook.chaos.ChaosLog;
import dev.strangler.playbook.chaos.ComponentKill;
import dev.strangler.playbook.lab.Lab;
import dev.strangler.playbook.lab.LabLayout;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strangler chaos ...}: drills for exercises. Kill a lab component, or make a route's extracted side slow or
 * failing at the proxy; each step is reversible and written to the lab's chaos audit log (and, for faults, to the
 * proxy's audit log too).
 */
@Command(name = "chaos", description = "Chaos drills: kill a component, slow down or fail a route's extracted side; each audited, each reversible.",
        subcommands = {ChaosCommand.Kill.class, ChaosCommand.Latency.class, ChaosCommand.Errors.class,
                ChaosCommand.Clear.class, ChaosCommand.Restore.class, ChaosCommand.Log.class})
public final class ChaosCommand {

    /** What a drill outside the lab must be instead. */
    static final String INSTEAD = "Chaos drills kill the lab's processes and inject faults into its proxy, for"
            + " exercises; against a deployment, run drills with its own tooling, on purpose and announced.";

    static ChaosLog log() {
        return new ChaosLog(LabLayout.fromEnvironment().root(), Clock.systemUTC());
    }

    @Command(name = "kill", description = "Kill -9 a lab component (e.g. payment-service). Undo: strangler chaos restore.")
    static final class Kill extends LabCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "COMPONENT", description = "A component as ./strangler status names it.")
        String component;

        @Option(names = "--reason", defaultValue = "chaos drill", description = "Why: goes to the chaos audit log.")
        String reason;

        @Override
        public Integer call() throws InterruptedException {
            ContextChoice.labOnly(spec, INSTEAD);
            long pid = ComponentKill.kill(lab(), component);
            log().append("kill", component, "SIGKILL pid " + pid, reason);
            out().printf("Killed %s (pid %d). Bring it back with: ./strangler chaos restore%n", component, pid);
            return 0;
        }
    }

    @Command(name = "restore", description = "Start every lab component that is not running (after a kill).")
    static final class Restore extends LabCommand implements Callable<Integer> {
        @Option(names = "--reason", defaultValue = "chaos drill over", description = "Goes to the chaos audit log.")
        String reason;

        @Override
        public Integer call() {
            ContextChoice.labOnly(spec, INSTEAD);
            Lab lab = lab();
            var stopped = lab.status().stream().filter(s -> s.pid().isEmpty()).map(s -> s.component().name()).toList();
            lab.up();
            log().append("restore", stopped.isEmpty() ? "-" : String.join(",", stopped),
                    stopped.isEmpty() ? "nothing was down" : "started again", reason);
            out().println(stopped.isEmpty() ? "Nothing was down." : "Started again: " + String.join(", ", stopped));
            return 0;
        }
    }

    /** What the three fault commands share: a route, a reason, one call to the proxy, one audit line. */
    abstract static class RouteFault implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ROUTE", description = "The route, e.g. payments-write.")
        String route;

        @Option(names = "--reason", description = "Why: goes to both audit logs (default: chaos drill).")
        String reason;

        /** Latency and error share to set; null leaves one as it is. */
        abstract @Nullable Integer latencyMillis();

        abstract @Nullable Integer errorPercent();

        /** The audit line's action and detail. */
        abstract String action();

        abstract String detail();

        String defaultReason() {
            return "chaos drill";
        }

        @Override
        public Integer call() {
            String why = reason == null || reason.isBlank() ? defaultReason() : reason;
            ContextChoice.labOnly(spec, INSTEAD);
            JsonNode r = RouteCommand.labAdmin().setFaults(route, latencyMillis(), errorPercent(), why);
            log().append(action(), route, detail(), why);
            printFaults(spec.commandLine().getOut(), r);
            return 0;
        }
    }

    @Command(name = "latency", description = "Add latency to the extracted side of a route, at the proxy. 0 removes it.")
    static final class Latency extends RouteFault {
        @Parameters(index = "1", paramLabel = "MS", description = "Milliseconds added, 0..60000.")
        int millis;

        @Override
        Integer latencyMillis() {
            return millis;
        }

        @Override
        @Nullable Integer errorPercent() {
            return null;
        }

        @Override
        String action() {
            return "latency";
        }

        @Override
        String detail() {
            return millis + " ms";
        }
    }

    @Command(name = "errors", description = "Fail a share of the extracted side's requests with 503, at the proxy. 0 removes it.")
    static final class Errors extends RouteFault {
        @Parameters(index = "1", paramLabel = "PERCENT", description = "Share of requests failed, 0..100.")
        int percent;

        @Override
        @Nullable Integer latencyMillis() {
            return null;
        }

        @Override
        Integer errorPercent() {
            return percent;
        }

        @Override
        String action() {
            return "errors";
        }

        @Override
        String detail() {
            return percent + " %";
        }
    }

    @Command(name = "clear", description = "Remove every fault injected into a route.")
    static final class Clear extends RouteFault {
        @Override
        Integer latencyMillis() {
            return 0;
        }

        @Override
        Integer errorPercent() {
            return 0;
        }

        @Override
        String action() {
            return "clear";
        }

        @Override
        String detail() {
            return "no faults";
        }

        @Override
        String defaultReason() {
            return "chaos drill over";
        }
    }

    @Command(name = "log", description = "The chaos audit log: who did what, when and why.")
    static final class Log implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--last", defaultValue = "20", description = "How many entries (default 20).")
        int last;

        @Override
        public Integer call() {
            ContextChoice.labOnly(spec, INSTEAD);
            PrintWriter out = spec.commandLine().getOut();
            var entries = log().last(last);
            if (entries.isEmpty()) {
                out.println("No chaos drill yet.");
            }
            for (ChaosLog.Entry e : entries) {
                out.printf("%s  %-8s %-8s %-16s %-24s %s%n", e.at(), e.who(), e.action(), e.target(), e.detail(),
                        e.reason());
            }
            return 0;
        }
    }

    static void printFaults(PrintWriter out, JsonNode route) {
        JsonNode f = route.path("faults");
        int latency = f.path("latencyMillis").asInt();
        int errors = f.path("errorPercent").asInt();
        out.printf("%s (%s): %s (route version %d)%n", route.path("id").asText(), route.path("stage").asText(),
                latency == 0 && errors == 0 ? "no injected faults"
                        : "extracted side gets +" + latency + " ms and " + errors + " % injected 503s",
                route.path("version").asLong());
        if (!route.path("stage").asText().equals("CANARY") && !route.path("stage").asText().equals("EXTRACTED")
                && (latency > 0 || errors > 0)) {
            out.println("Note: faults apply to requests the extracted side serves; in this stage it serves none.");
        }
    }

}

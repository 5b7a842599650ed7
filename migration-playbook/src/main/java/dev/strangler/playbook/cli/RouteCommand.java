package dev.strangler.playbook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strangler.playbook.context.StranglerContext;
import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import dev.strangler.playbook.route.ProxyAdmin;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strangler route ...}: read and move the proxy's routes through its admin API. */
@Command(name = "route", description = "List the proxy's routes, move one to another stage, show shadow differences.",
        subcommands = {RouteCommand.ListRoutes.class, RouteCommand.SetStage.class, RouteCommand.Diffs.class})
public final class RouteCommand {

    /** The proxy of the context chosen: the lab's, or a deployment's with the token read from where it is kept. */
    static ProxyAdmin admin(CommandSpec spec) {
        StranglerContext context = ContextChoice.context(spec);
        if (context.isLab()) {
            return labAdmin();
        }
        return new ProxyAdmin(context.requireProxyAdmin("route").url(),
                context.proxyAdminToken("route", System::getenv));
    }

    /** The lab's proxy: admin port 8090 + offset, the token the proxy wrote into the lab directory. */
    static ProxyAdmin labAdmin() {
        return ProxyAdmin.ofLab(LabLayout.fromEnvironment().root(), LabPorts.fromEnvironment().offset());
    }

    /** Nothing in the lab, which is what the output always showed; {@code " (context staging)"} elsewhere. */
    static String contextNote(CommandSpec spec) {
        StranglerContext context = ContextChoice.context(spec);
        return context.isLab() ? "" : " (context " + context.name() + ")";
    }

    @Command(name = "list", description = "The route table with stage, split, error rate, p99 and diff rate.")
    static final class ListRoutes implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode table = admin(spec).routes();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("route table version %d%s%n", table.path("version").asLong(), contextNote(spec));
            out.printf("%-16s %-20s %-14s %9s %11s %9s %9s  %s%n", "ROUTE", "PATH", "STAGE", "EXTRACTED", "ERRORS(EXT)",
                    "P99(EXT)", "DIFFRATE", "REASON");
            for (JsonNode view : table.path("routes")) {
                JsonNode route = view.path("route");
                JsonNode slo = view.path("slo");
                JsonNode shadow = view.path("shadow");
                String stage = route.path("stage").asText()
                        + (route.path("stage").asText().equals("CANARY") ? " " + route.path("percent").asInt() + "%" : "");
                out.printf(Locale.ROOT, "%-16s %-20s %-14s %8.1f%% %10.1f%% %7.1fms %8s  %s%n", route.path("id").asText(),
                        route.path("path").asText(), stage, 100 * slo.path("extractedShare").asDouble(),
                        100 * slo.path("extracted").path("errorRate").asDouble(),
                        slo.path("extracted").path("p99Millis").asDouble(),
                        shadow.path("compared").asLong() == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * shadow.path("diffRate").asDouble()),
                        route.path("reason").asText(""));
            }
            return 0;
        }
    }

    @Command(name = "set", description = "Move a route to LEGACY, SHADOW, CANARY (with --percent), EXTRACTED or ROLLED_BACK.")
    static final class SetStage implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The route, e.g. payments-read.")
        String id;

        @Parameters(index = "1", paramLabel = "STAGE", description = "LEGACY, SHADOW, CANARY, EXTRACTED or ROLLED_BACK.")
        String stage;

        @Option(names = "--percent", paramLabel = "N", description = "Share of callers for CANARY, 0..100.")
        Integer percent;

        @Option(names = "--reason", required = true, description = "Why: goes to the proxy's audit log.")
        String reason;

        @Override
        public Integer call() {
            String upper = stage.toUpperCase(Locale.ROOT);
            if (upper.equals("CANARY") && percent == null) {
                throw new IllegalArgumentException("CANARY needs --percent N");
            }
            JsonNode route = admin(spec).setStage(id, upper, percent, reason);
            spec.commandLine().getOut().printf("%s is now %s%s (route version %d)%s%n", route.path("id").asText(),
                    route.path("stage").asText(), upper.equals("CANARY") ? " " + route.path("percent").asInt() + "%" : "",
                    route.path("version").asLong(), contextNote(spec));
            return 0;
        }
    }

    @Command(name = "diffs", description = "Shadow comparison of a route: diff rate and the last differing samples (redacted).")
    static final class Diffs implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The route, e.g. payments-read.")
        String id;

        @Override
        public Integer call() {
            JsonNode stats = admin(spec).diffs(id);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%s: %d compared, %d differing (%.1f%%), %d not mirrored%n", id,
                    stats.path("compared").asLong(), stats.path("differing").asLong(),
                    100 * stats.path("diffRate").asDouble(), stats.path("skipped").asLong());
            for (JsonNode sample : stats.path("samples")) {
                out.printf("%s %s %s  legacy %d / extracted %d  %s  cid=%s%n", sample.path("at").asText(),
                        sample.path("method").asText(), sample.path("path").asText(), sample.path("legacyStatus").asInt(),
                        sample.path("extractedStatus").asInt(), sample.path("differences"), sample.path("correlationId").asText());
            }
            return 0;
        }
    }
}

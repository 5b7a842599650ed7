package dev.strangler.playbook.cli;

import dev.strangler.extraction.Extraction;
import dev.strangler.extraction.Extractions;
import dev.strangler.extraction.TablePair;
import dev.strangler.playbook.context.ContextException;
import dev.strangler.playbook.context.Contexts;
import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import dev.strangler.playbook.lab.SqlNames;
import dev.strangler.playbook.playbook.Actions;
import dev.strangler.playbook.playbook.CanarySettings;
import dev.strangler.playbook.playbook.DecommissionSettings;
import dev.strangler.playbook.playbook.PlaybookDefinition;
import dev.strangler.playbook.playbook.PlaybookRunner;
import dev.strangler.playbook.playbook.PlaybookState;
import dev.strangler.playbook.playbook.StepContext;
import dev.strangler.playbook.playbook.internal.ReadTraffic;
import dev.strangler.playbook.playbook.internal.ShopTraffic;
import dev.strangler.playbook.rehearsal.ChaosDrill;
import dev.strangler.playbook.rehearsal.Rehearsal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "playbook", description = "Run a migration playbook against the lab, step by step, with gates.",
        subcommands = {PlaybookCommand.Run.class, PlaybookCommand.Status.class, PlaybookCommand.Rollback.class})
public final class PlaybookCommand {

    /** What the three subcommands share: the playbook named, the lab, where evidence goes. */
    abstract static class Base extends LabCommand {

        @Parameters(index = "0", paramLabel = "EXTRACTION", description = "The extraction whose playbook runs, e.g."
                + " payments or customers (its descriptor extractions/EXTRACTION.yaml, section playbook:), or a path"
                + " to a descriptor file.")
        String name;

        @Option(names = "--reports", paramLabel = "DIR", description = "Where evidence goes (default: reports/ in the"
                + " repository, or $STRANGLER_REPORTS_DIR).")
        Path reports;

        /** The extraction named, its descriptor read and checked, as a playbook. */
        PlaybookDefinition playbook() {
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                Path file = Path.of(name);
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("no descriptor " + file);
                }
                return PlaybookDefinition.read(file);
            }
            Extractions all = Extractions.load(ContextChoice.context(spec)
                    .extractionsOr(LabLayout.fromEnvironment().inRepository("extractions")));
            Extraction extraction = all.find(name).orElseThrow(() -> new IllegalArgumentException(
                    "no extraction '" + name + "' in extractions/; there are "
                            + all.all().stream().map(Extraction::name).toList()));
            return PlaybookDefinition.of(extraction);
        }

        /**
         * Refuses to run outside the lab, with the steps to do by hand against the context instead: every step
         * starts, stops, redeploys or reads the lab's processes and state (.lab/playbook/), so none is run against a
         * deployment by this version.
         */
        void labOnly() {
            Contexts.Selection selection = ContextChoice.selection(spec);
            if (selection.context().isLab()) {
                return;
            }
            String steps;
            try {
                steps = byHand(playbook(), selection.context().name());
            } catch (RuntimeException e) {
                steps = "(the playbook '" + name + "' cannot be read here: " + e.getMessage() + ")";
            }
            throw new ContextException(ContextChoice.refusal(spec.qualifiedName(" ").replaceFirst("^strangler ", ""),
                    selection, "The playbook drives the lab: its steps check, restart and redeploy the lab's processes"
                            + " (the decommission step rebuilds and redeploys the monolith, --with-chaos kills"
                            + " services) and keep their state in the lab directory; it does not drive a deployment"
                            + " yet. Do its steps by hand against the context, each with its gate (extractions/"
                            + "README.md#playbook):\n" + steps + "\n"));
        }

        PlaybookRunner runner() {
            LabLayout layout = LabLayout.fromEnvironment();
            LabPorts ports = LabPorts.fromEnvironment();
            PlaybookDefinition playbook = playbook();
            PlaybookState state = PlaybookState.load(layout.playbookState(playbook.name()), playbook);
            StepContext context = new StepContext(layout, ports, out(), reportsDir(),
                    new ShopTraffic("http://127.0.0.1:" + ports.proxy(), reads(playbook, ports)));
            return new PlaybookRunner(playbook, state, context, out(), Actions.standard());
        }

        Path reportsDir() {
            return reports != null ? reports : LabLayout.fromEnvironment().reports();
        }

        /** Reads of the rows the monolith already has, on the playbook's read routes. */
        private static ReadTraffic reads(PlaybookDefinition playbook, LabPorts ports) {
            List<String> prefixes = playbook.readRoutes().stream().map(r -> r.pathPrefix()).toList();
            long maxId = 1;
            for (TablePair pair : playbook.extraction().data()) {
                maxId = Math.max(maxId, maxLegacyKey(playbook.extraction(), pair, ports));
            }
            return new ReadTraffic("http://127.0.0.1:" + ports.proxy(), prefixes, maxId);
        }

        /** The largest key of the monolith's rows (below the ids the service gives its own rows). */
        private static long maxLegacyKey(Extraction extraction, TablePair pair, LabPorts ports) {
            String database = extraction.legacy().database();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports.database(database)
                    + "/" + database + "?user=postgres");
                 ResultSet rs = c.createStatement().executeQuery(SqlNames.largestLegacyKey(pair))) {
                rs.next();
                String key = rs.getString(1);
                return key == null ? 1 : Long.parseLong(key);
            } catch (java.sql.SQLException | NumberFormatException e) {
                return 1;
            }
        }

    }

    /** What an operator does by hand, step by step, for a playbook outside the lab, with the context's commands. */
    static String byHand(PlaybookDefinition playbook, String context) {
        String cli = "strangler --context " + context + " ";
        String extraction = playbook.name();
        String routes = String.join(", ", playbook.routes());
        StringBuilder text = new StringBuilder();
        int i = 0;
        for (PlaybookDefinition.StepDefinition step : playbook.steps()) {
            String what = switch (step.action()) {
                case "analyse" -> "strangler analyse " + extraction + " (reads the monolith's classes, not the"
                        + " deployment); the PCI baseline: " + cli + "pci-scope";
                case "service-healthy" -> "check that " + playbook.extraction().extracted().service() + " is ready"
                        + " where it is deployed (/actuator/health/readiness)";
                case "cdc-in-sync" -> cli + "reconcile " + extraction + " (0 mismatches)";
                case "shadow" -> cli + "route set ROUTE SHADOW --reason \"...\" for each of " + routes
                        + "; send traffic (" + cli + "traffic --rps N --duration D), then " + cli
                        + "route list for the diff rates";
                case "canary" -> cli + "route set ROUTE CANARY --percent P --reason \"...\" for each of " + routes
                        + ", P = " + step.settings(CanarySettings.class).percents().stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(", then ")) + ", under traffic; route list must"
                        + " show no ROLLED_BACK";
                case "cutover" -> cli + "route set ROUTE EXTRACTED --reason \"...\" for each of " + routes
                        + ", then " + cli + "reconcile " + extraction;
                case "decommission" -> decommission(step.settings(DecommissionSettings.class), extraction, cli);
                default -> "see extractions/README.md#playbook for what '" + step.action() + "' does";
            };
            text.append(String.format("  %d. %s: %s%n", ++i, step.id(), what));
        }
        return text.toString().stripTrailing();
    }

    private static String decommission(DecommissionSettings settings, String extraction, String cli) {
        DecommissionSettings.Seam seam = settings.seam();
        return "switch the monolith's seam (row " + seam.name() + " = " + seam.value() + " in " + seam.table()
                + ", read while it runs), deploy the monolith built without the " + extraction + " code (./mvnw -pl "
                + settings.build().module() + " package) with your deployment tooling, blue-green, mask the old card"
                + " numbers of the columns the extraction tokenizes, then " + cli + "pci-scope --expect-extracted";
    }

    @Command(name = "run", description = "Run every step not yet done; stops at the first failed gate (exit 1).")
    static final class Run extends Base implements Callable<Integer> {

        @Option(names = "--dry-run", description = "Print the plan and where each step stands; change nothing.")
        boolean dryRun;

        @Option(names = "--under-load", paramLabel = "RPS", description = "The rehearsal: keep RPS requests/s of mixed"
                + " shop traffic (browse, checkout, pay, capture, refund) on the proxy for the whole run, then prove"
                + " from evidence: requests failed, writes lost, duplicate charges, card numbers outside the PCI scope"
                + " (all must be 0; evidence in rehearsal-EXTRACTION.json beside the reports).")
        double underLoad;

        @Option(names = "--with-chaos", description = "With --under-load: during the canary step, kill -9 the CDC"
                + " bridge and the payment service, leave them down for --chaos-outage seconds and start them again;"
                + " the evidence splits the failed requests into those that needed them and those that must not have"
                + " failed (0).")
        boolean withChaos;

        @Option(names = "--chaos-outage", paramLabel = "SECONDS", defaultValue = "20",
                description = "How long the drill leaves the components down (default: ${DEFAULT-VALUE}).")
        int chaosOutageSeconds;

        @Override
        public Integer call() {
            labOnly();
            PlaybookRunner runner = runner();
            if (dryRun) {
                return runner.plan();
            }
            if (withChaos && underLoad <= 0) {
                throw new IllegalArgumentException("--with-chaos needs --under-load RPS: a drill is judged by the"
                        + " traffic it breaks");
            }
            if (underLoad <= 0) {
                return runner.run();
            }
            LabLayout layout = LabLayout.fromEnvironment();
            ChaosDrill drill = !withChaos ? null : new ChaosDrill(lab(),
                    playbook().extraction().extracted().service(), layout.playbookState(playbook().name()),
                    "canary", Duration.ofSeconds(chaosOutageSeconds), Duration.ofSeconds(15), out());
            Rehearsal.Result result = new Rehearsal(layout, LabPorts.fromEnvironment(), out(), reportsDir(),
                    playbook().extraction()).run(underLoad, runner::run, drill);
            return result.passed() ? 0 : 1;
        }
    }

    @Command(name = "status", description = "Where the playbook stands; exit 0 only when every step is done.")
    static final class Status extends Base implements Callable<Integer> {
        @Override
        public Integer call() {
            labOnly();
            return runner().status();
        }
    }

    @Command(name = "rollback", description = "Undo the last step that ran (routes back, monolith back).")
    static final class Rollback extends Base implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            labOnly();
            return runner().rollback();
        }
    }
}

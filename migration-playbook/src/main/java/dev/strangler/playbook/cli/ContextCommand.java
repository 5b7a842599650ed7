package dev.strangler.playbook.cli;

import dev.strangler.playbook.context.ContextException;
import dev.strangler.playbook.context.Contexts;
import dev.strangler.playbook.context.StranglerContext;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code strangler context ...}: the deployments the command line can work against, as kubectl's contexts. */
@Command(name = "context", description = "The contexts: the lab, and the deployments of the contexts file"
        + " (~/.config/strangler/contexts.yaml) that route, reconcile, traffic and pci-scope can work against.",
        subcommands = {ContextCommand.ListContexts.class, ContextCommand.Show.class})
public final class ContextCommand {

    @Command(name = "list", description = "Every context; * marks the one commands use now.")
    static final class ListContexts implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Contexts contexts = ContextChoice.contexts(spec);
            String chosen = null;
            ContextException problem = null;
            try {
                chosen = ContextChoice.selection(spec).context().name();
            } catch (ContextException e) {
                problem = e;
            }
            out.printf("%-8s %-20s %s%n", "CURRENT", "NAME", "DEFINED IN");
            for (String name : contexts.names()) {
                out.printf("%-8s %-20s %s%n", name.equals(chosen) ? "*" : "", name,
                        name.equals(Contexts.LAB) ? "built in: the lab on this machine" : contexts.file());
            }
            if (contexts.file() == null) {
                out.println("No contexts file (" + Contexts.defaultFile(System::getenv, ContextChoice.home())
                        + "): the lab is the only context.");
            }
            out.flush();
            if (problem != null) {
                throw problem;
            }
            return 0;
        }
    }

    @Command(name = "show", description = "A context as resolved: URLs, databases, Kafka, and where each secret is"
            + " kept (never its value). Without NAME: the one commands use now.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A context (default: the one"
                + " chosen by --context, STRANGLER_CONTEXT or the file's current-context, else lab).")
        @Nullable String name;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            StranglerContext context;
            String chosenBy = null;
            if (name != null) {
                context = ContextChoice.contexts(spec).get(name, ContextChoice::lab);
            } else {
                Contexts.Selection selection = ContextChoice.selection(spec);
                context = selection.context();
                chosenBy = selection.reason();
            }
            print(context, chosenBy, out);
            out.flush();
            return 0;
        }
    }

    /** The context, resolved: secrets as where they are kept, unset parts with what lacks them. */
    static void print(StranglerContext c, @Nullable String chosenBy, PrintWriter out) {
        out.println("context: " + c.name());
        out.println("defined in: " + (c.isLab() ? "built in: the lab on this machine (STRANGLER_LAB_DIR,"
                + " STRANGLER_PORT_OFFSET)" : c.file()));
        if (chosenBy != null) {
            out.println("chosen by: " + chosenBy);
        }
        if (c.proxyAdmin() == null) {
            out.println("proxy-admin: (not set: route needs it)");
        } else {
            out.println("proxy-admin:");
            out.println("  url: " + c.proxyAdmin().url());
            out.println("  token: " + c.proxyAdmin().token().describe());
        }
        out.println("shop: " + (c.shop() == null ? "(not set: traffic needs it, or --target)" : c.shop()));
        out.println("cdc-bridge: " + (c.cdcBridge() == null ? "(not set: reconcile needs it)" : c.cdcBridge()));
        if (c.databases().isEmpty()) {
            out.println("databases: (none: pci-scope needs shop and payments, or --legacy-db and --payments-db)");
        } else {
            out.println("databases:");
            for (Map.Entry<String, StranglerContext.Database> e : c.databases().entrySet()) {
                StranglerContext.Database db = e.getValue();
                out.println("  " + e.getKey() + ":");
                out.println("    jdbc-url: " + db.jdbcUrl());
                out.println("    user: " + (db.user() == null ? "(as the URL says)" : db.user()));
                out.println("    password: " + (db.password() == null ? "(none)" : db.password().describe()));
                out.println("    data-directory: " + (db.dataDirectory() == null
                        ? "(not set: pci-scope reads none of this server's files)" : db.dataDirectory()));
            }
        }
        if (c.kafka() == null) {
            out.println("kafka: (not set: pci-scope needs it, or --kafka)");
        } else {
            out.println("kafka:");
            out.println("  bootstrap-servers: " + c.kafka().bootstrapServers());
            out.println("  client-properties: " + (c.kafka().clientProperties() == null ? "(none)"
                    : c.kafka().clientProperties() + " (values not shown)"));
        }
        out.println("extractions: " + (c.extractions() == null ? "(not set: the repository's extractions/)"
                : c.extractions()));
        out.println("logs: " + (c.logs() == null ? "(not set: pci-scope scans no log files)" : c.logs()));
    }
}

package dev.strangler.playbook.cli;

import dev.strangler.playbook.context.ContextException;
import dev.strangler.playbook.lab.LabException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of {@code ./strangler}. */
@Command(name = "strangler",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = StranglerCli.Version.class,
        description = "Rehearse a strangler-fig migration: run the lab, analyse the monolith, move routes, prove the PCI scope.",
        subcommands = {UpCommand.class, StatusCommand.class, DownCommand.class, LogsCommand.class, SeedCommand.class, RouteCommand.class, ReconcileCommand.class, PlaybookCommand.class, AnalyseCommand.class, TrafficCommand.class,
                PciScopeCommand.class, ChaosCommand.class, InitCommand.class, ContextCommand.class,
                CommandLine.HelpCommand.class})
public final class StranglerCli {

    @Option(names = "--context", scope = CommandLine.ScopeType.INHERIT, paramLabel = "NAME",
            description = "The deployment to work against: a context of the contexts file, or lab (default:"
                    + " $STRANGLER_CONTEXT, else the file's current-context, else lab).")
    @Nullable String context;

    @Option(names = "--context-file", scope = CommandLine.ScopeType.INHERIT, paramLabel = "PATH",
            description = "The contexts file (default: $XDG_CONFIG_HOME/strangler/contexts.yaml, else"
                    + " ~/.config/strangler/contexts.yaml).")
    @Nullable Path contextFile;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code: 0 success, 1 failure, 2 usage error. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line {@link #run} executes, to run in-process with other output and error writers. */
    static CommandLine commandLine() {
        return new CommandLine(new StranglerCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    if (e instanceof ContextException) {
                        // a contexts file or a choice of context to correct: a usage error, as picocli's own
                        commandLine.getErr().println("error: " + e.getMessage());
                        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
                    }
                    if (e instanceof LabException || e instanceof IllegalArgumentException) {
                        commandLine.getErr().println("error: " + e.getMessage());
                        return 1;
                    }
                    throw e;
                });
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = StranglerCli.class.getPackage().getImplementationVersion();
            return new String[] {"strangler " + (version == null ? "(development build)" : version)};
        }
    }
}

package dev.strangler.playbook.cli;

import dev.strangler.playbook.lab.LabException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./strangler}. */
@Command(name = "strangler",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = StranglerCli.Version.class,
        description = "Rehearse a strangler-fig migration: run the lab, analyse the monolith, move routes, prove the PCI scope.",
        subcommands = {UpCommand.class, StatusCommand.class, DownCommand.class, LogsCommand.class, SeedCommand.class, RouteCommand.class, ReconcileCommand.class, PlaybookCommand.class, AnalyseCommand.class, TrafficCommand.class,
                PciScopeCommand.class, ChaosCommand.class, InitCommand.class,
                CommandLine.HelpCommand.class})
public final class StranglerCli {

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

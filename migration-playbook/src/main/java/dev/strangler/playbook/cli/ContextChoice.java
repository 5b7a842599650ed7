package dev.strangler.playbook.cli;

import dev.strangler.playbook.context.ContextException;
import dev.strangler.playbook.context.Contexts;
import dev.strangler.playbook.context.StranglerContext;
import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The context a command runs against: the top command's {@code --context} and {@code --context-file} (wherever on
 * the line they were given: they are inherited), {@code STRANGLER_CONTEXT}, the contexts file's
 * {@code current-context}, else the lab. A command run on its own (a test's {@code new CommandLine(new
 * TrafficCommand())}) has no top command: it gets what the environment chooses.
 */
final class ContextChoice {

    private ContextChoice() {
    }

    /** The user's home: where {@code ~/.config} and the {@code ~/} of the contexts file's paths are. */
    static Path home() {
        return Path.of(System.getProperty("user.home"));
    }

    /** The contexts there are: the lab, and those of the contexts file when there is one. */
    static Contexts contexts(CommandSpec spec) {
        Path home = home();
        return Contexts.load(options(spec).contextFile, Contexts.defaultFile(System::getenv, home), home);
    }

    /** The context chosen, and by what. */
    static Contexts.Selection selection(CommandSpec spec) {
        return contexts(spec).select(options(spec).context, System.getenv(Contexts.ENVIRONMENT_VARIABLE),
                ContextChoice::lab);
    }

    /** The context chosen. */
    static StranglerContext context(CommandSpec spec) {
        return selection(spec).context();
    }

    /** The lab's context, its ports and directory from the environment. */
    static StranglerContext lab() {
        return StranglerContext.lab(LabLayout.fromEnvironment(), LabPorts.fromEnvironment());
    }

    /**
     * Refuses a command that only runs in the lab (it starts, stops or reads the lab's processes, or writes its
     * databases) when another context is chosen: a deployment is never touched by the lab's tooling.
     *
     * @param instead what the operator does instead, for a deployment
     */
    static void labOnly(CommandSpec spec, String instead) {
        Contexts.Selection selection = selection(spec);
        if (!selection.context().isLab()) {
            throw new ContextException(refusal(spec.qualifiedName(" ").replaceFirst("^strangler ", ""),
                    selection, instead));
        }
    }

    /** Why {@code command} does not run in the context {@code selection} chose, and what to do instead. */
    static String refusal(String command, Contexts.Selection selection, String instead) {
        return "`strangler " + command + "` only runs in the lab, and the context is '" + selection.context().name()
                + "' (chosen by " + selection.reason() + "). " + instead + (instead.endsWith("\n") ? "" : " ")
                + "To run it in the lab: strangler"
                + " --context lab " + command + " ...";
    }

    private static StranglerCli options(CommandSpec spec) {
        @Nullable Object root = spec.root().userObject();
        return root instanceof StranglerCli cli ? cli : new StranglerCli();
    }
}

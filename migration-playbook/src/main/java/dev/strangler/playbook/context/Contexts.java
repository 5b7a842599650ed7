package dev.strangler.playbook.context;

import dev.strangler.playbook.context.internal.ContextFileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The contexts a command can run against: the lab ({@value #LAB}), always there, and those of the contexts file, if
 * there is one. Which one a command uses: {@code --context}, else {@code STRANGLER_CONTEXT}, else the file's
 * {@code current-context}, else the lab; with no file and no choice, everything is the lab as before contexts existed.
 */
public final class Contexts {

    /** The context that is always there: the lab, on 127.0.0.1, ports shifted by {@code STRANGLER_PORT_OFFSET}. */
    public static final String LAB = ContextFileReader.LAB;

    /** The environment variable that chooses a context when {@code --context} does not. */
    public static final String ENVIRONMENT_VARIABLE = "STRANGLER_CONTEXT";

    private final @Nullable Path file;
    private final @Nullable String currentContext;
    private final Map<String, StranglerContext> defined;

    private Contexts(@Nullable Path file, @Nullable String currentContext, Map<String, StranglerContext> defined) {
        this.file = file;
        this.currentContext = currentContext;
        this.defined = new LinkedHashMap<>(defined);
    }

    /**
     * The context chosen, and what chose it ({@code --context}, {@code STRANGLER_CONTEXT}, the file's
     * {@code current-context}, or nothing: the lab by default), for messages that must say why a command runs there.
     */
    public record Selection(StranglerContext context, String reason) {
    }

    /**
     * Where the contexts file is when {@code --context-file} does not say: {@code $XDG_CONFIG_HOME/strangler/
     * contexts.yaml} when that variable holds an absolute path (the XDG base directory specification ignores relative
     * ones), else {@code ~/.config/strangler/contexts.yaml}.
     */
    public static Path defaultFile(java.util.function.UnaryOperator<String> environment, Path home) {
        String xdg = environment.apply("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : home.resolve(".config");
        return config.resolve("strangler").resolve("contexts.yaml");
    }

    /**
     * The contexts of {@code explicit} (which must exist: it was asked for), else of {@code defaultFile} when it
     * exists, else the lab's alone.
     *
     * @param home the user's home directory, for paths written {@code ~/...} in the file
     */
    public static Contexts load(@Nullable Path explicit, Path defaultFile, Path home) {
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new ContextException("no contexts file at " + explicit + " (--context-file)");
            }
            return read(explicit, home);
        }
        return Files.exists(defaultFile) ? read(defaultFile, home) : new Contexts(null, null, Map.of());
    }

    /** The contexts of {@code file}, read strictly. */
    public static Contexts read(Path file, Path home) {
        ContextFileReader.Result result = ContextFileReader.read(file, home);
        return new Contexts(file.toAbsolutePath().normalize(), result.currentContext(), result.contexts());
    }

    /** The file they were read from; null: there is none, only the lab exists. */
    public @Nullable Path file() {
        return file;
    }

    /** The file's {@code current-context}; null when it names none. */
    public @Nullable String currentContext() {
        return currentContext;
    }

    /** Every context's name: the lab first, then the file's in its order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(List.of(LAB));
        names.addAll(defined.keySet());
        return names;
    }

    /** The context named {@code name}; {@code lab} builds the lab's. */
    public StranglerContext get(String name, Supplier<StranglerContext> lab) {
        if (name.equals(LAB)) {
            return lab.get();
        }
        StranglerContext context = defined.get(name);
        if (context == null) {
            throw new ContextException("no context '" + name + "' " + (file == null
                    ? "(there is no contexts file; " + "the lab, '" + LAB + "', is the only context)"
                    : "in " + file + "; there are " + String.join(", ", names())));
        }
        return context;
    }

    /**
     * The context a command runs against.
     *
     * @param option      {@code --context}, or null
     * @param environment {@code STRANGLER_CONTEXT}, or null
     * @param lab         builds the lab's context (its ports and directory come from the environment)
     */
    public Selection select(@Nullable String option, @Nullable String environment, Supplier<StranglerContext> lab) {
        if (option != null && !option.isBlank()) {
            return new Selection(get(option.strip(), lab), "--context " + option.strip());
        }
        if (environment != null && !environment.isBlank()) {
            return new Selection(get(environment.strip(), lab), ENVIRONMENT_VARIABLE + "=" + environment.strip());
        }
        if (currentContext != null) {
            return new Selection(get(currentContext, lab), "current-context of " + file);
        }
        return new Selection(lab.get(), "the default");
    }
}

package dev.strangler.playbook.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where a secret (the proxy's admin token, a database password) is kept: never its value, which is read only when a
 * command needs it and never printed. A contexts file gets copied, shared and committed; a secret in it would go
 * wherever the file goes.
 */
public sealed interface Secret {

    /**
     * The secret's value, surrounding white space (the file's final newline) removed.
     *
     * @param environment the process's environment variables ({@code System::getenv})
     * @param field       the field that names this secret, for the error ({@code context 'staging' in F:
     *                    proxy-admin.token-file})
     * @throws ContextException when the file cannot be read, the variable is not set, or either is empty
     */
    String read(UnaryOperator<String> environment, String field);

    /** What {@code context show} prints instead of the value. */
    String describe();

    /** A file holding only the secret (owner-only permissions, as the proxy writes its token). */
    record InFile(Path path) implements Secret {

        @Override
        public String read(UnaryOperator<String> environment, String field) {
            String value;
            try {
                value = Files.readString(path, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ContextException(field + ": cannot read " + path + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null || e.getMessage().equals(path.toString()) ? ""
                                : ": " + e.getMessage())
                        + ")");
            }
            if (value.isEmpty()) {
                throw new ContextException(field + ": " + path + " is empty");
            }
            return value;
        }

        @Override
        public String describe() {
            return "<from file " + path + ">";
        }
    }

    /** An environment variable of the process that runs the command. */
    record InEnvironment(String variable) implements Secret {

        @Override
        public String read(UnaryOperator<String> environment, String field) {
            String value = environment.apply(variable);
            if (value == null || value.isBlank()) {
                throw new ContextException(field + ": the environment variable " + variable + " is not set");
            }
            return value.strip();
        }

        @Override
        public String describe() {
            return "<from environment variable " + variable + ">";
        }
    }
}

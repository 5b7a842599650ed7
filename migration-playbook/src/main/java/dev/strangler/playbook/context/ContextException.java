package dev.strangler.playbook.context;

/**
 * A contexts file that cannot be read as it is, a context that does not exist, or one that lacks what the command
 * needs: a usage error (exit code 2), whose message names the file, the context and the field.
 */
public final class ContextException extends RuntimeException {

    public ContextException(String message) {
        super(message);
    }
}

package dev.strangler.playbook.lab;

/** A failure the user can act on; its message says what happened and what to try. */
public class LabException extends RuntimeException {

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}

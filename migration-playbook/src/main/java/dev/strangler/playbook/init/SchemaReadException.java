package dev.strangler.playbook.init;

/** A database that could not be read: unreachable, refused the login, or failed a catalogue query. */
public final class SchemaReadException extends RuntimeException {

    public SchemaReadException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.strangler.cdc.translate;

/** A change that no retry will fix (an unknown status, a malformed outbox payload): it goes to the dead letters. */
public class UntranslatableChange extends RuntimeException {

    public UntranslatableChange(String message) {
        super(message);
    }

    public UntranslatableChange(String message, Throwable cause) {
        super(message, cause);
    }
}

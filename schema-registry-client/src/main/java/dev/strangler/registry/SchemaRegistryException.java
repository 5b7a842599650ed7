package dev.strangler.registry;

/**
 * The registry refused a request. {@link #status()} is the HTTP status, {@link #errorCode()} Confluent's finer
 * {@code error_code} (e.g. 409 incompatible schema, 40401 subject not found, 40403 schema not found, 42201 invalid
 * schema), or -1 when the answer had none. Registries word their messages differently: branch on the codes.
 */
public class SchemaRegistryException extends RuntimeException {

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(int status, int errorCode, String message) {
        super("schema registry answered " + status + (errorCode >= 0 ? " (error_code " + errorCode + ")" : "") + ": " + message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
        this.errorCode = -1;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    /** True for a schema refused by the subject's compatibility rule. */
    public boolean isIncompatible() {
        return status == 409;
    }
}

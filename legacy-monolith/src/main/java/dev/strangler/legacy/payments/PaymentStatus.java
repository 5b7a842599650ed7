package dev.strangler.legacy.payments;

import java.util.Arrays;

/**
 * A payment's state. The database keeps the legacy four-letter {@link #code()}; the API speaks the enum name.
 */
public enum PaymentStatus {

    AUTHORIZED("AUTH"),
    CAPTURED("CAPT"),
    PARTIALLY_REFUNDED("PRFD"),
    REFUNDED("RFND"),
    DECLINED("DECL"),
    VOIDED("VOID");

    private final String code;

    PaymentStatus(String code) {
        this.code = code;
    }

    /** The code stored in {@code payments.status}. */
    public String code() {
        return code;
    }

    /** The status for a stored code; an unknown code means someone wrote the table by hand. */
    public static PaymentStatus fromCode(String code) {
        return Arrays.stream(values())
                .filter(s -> s.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown payment status code " + code));
    }
}

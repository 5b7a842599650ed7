package dev.strangler.legacy.orders;

import java.util.Arrays;

/** An order's state: the legacy code in {@code orders.status}, the enum name on the API. */
public enum OrderStatus {

    AWAITING_PAYMENT("AWPY"),
    PAID("PAID"),
    CANCELLED("CANC");

    private final String code;

    OrderStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static OrderStatus fromCode(String code) {
        return Arrays.stream(values())
                .filter(s -> s.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown order status code " + code));
    }
}

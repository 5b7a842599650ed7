package dev.strangler.cdc.translate;

import java.util.Map;
import java.util.Optional;

/**
 * The monolith stores four-letter status codes; the service stores names. PENDING and FAILED have no legacy code:
 * the monolith never stored a payment before the gateway had answered, so those states stay in the new world.
 */
public final class LegacyStatus {

    private static final Map<String, String> NAME_BY_CODE = Map.of(
            "AUTH", "AUTHORIZED",
            "CAPT", "CAPTURED",
            "PRFD", "PARTIALLY_REFUNDED",
            "RFND", "REFUNDED",
            "DECL", "DECLINED",
            "VOID", "VOIDED");

    private LegacyStatus() {
    }

    /** The service's name for a legacy code; an unknown code is a row the bridge cannot translate. */
    public static String nameOf(String code) {
        String name = NAME_BY_CODE.get(code);
        if (name == null) {
            throw new UntranslatableChange("unknown legacy payment status code '" + code + "'");
        }
        return name;
    }

    /** The legacy code for a service status, or empty for the service-only states (PENDING, FAILED). */
    public static Optional<String> codeOf(String name) {
        return NAME_BY_CODE.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                .findFirst();
    }
}

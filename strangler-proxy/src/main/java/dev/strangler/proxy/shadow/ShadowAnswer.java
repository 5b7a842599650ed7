package dev.strangler.proxy.shadow;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One side's answer to a mirrored request, as far as the comparison needs it.
 *
 * @param status the HTTP status, or 0 when the request failed
 * @param headers the compared headers, lower-case names
 * @param body the body when it was small enough to buffer, else null
 * @param failure why the request failed (connect error, timeout), else null
 */
public record ShadowAnswer(int status, Map<String, String> headers, byte @Nullable [] body, @Nullable String failure) {

    public static ShadowAnswer failed(String failure) {
        return new ShadowAnswer(0, Map.of(), null, failure);
    }

    @Override
    public String toString() {
        // bodies can hold card data: never print them
        return "ShadowAnswer[status=" + status + ", failure=" + failure + "]";
    }
}

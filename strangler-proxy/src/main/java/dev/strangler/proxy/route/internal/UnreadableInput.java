package dev.strangler.proxy.route.internal;

import dev.strangler.proxy.route.Stage;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.core.NestedExceptionUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Tells an admin caller which field of the body could not be read and what it must be, from the path Jackson keeps
 * on its exception. The value itself is never echoed: it can be anything, and problems end up in logs and terminals.
 */
final class UnreadableInput {

    private static final Set<Class<?>> INTEGERS = Set.of(int.class, Integer.class, long.class, Long.class);
    private static final String STAGES =
            Arrays.stream(Stage.values()).map(Stage::name).collect(Collectors.joining(", "));

    private UnreadableInput() {
    }

    /** The detail for a body that did not read as the expected type. */
    static String detail(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        if (!(root instanceof JacksonException jackson) || jackson.getPath().isEmpty()) {
            return "The request body is not the JSON object the admin API expects.";
        }
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference step : jackson.getPath()) {
            if (step.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(step.getPropertyName());
            } else {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        if (jackson instanceof InputCoercionException) {
            return field + " is out of range";
        }
        return describe(field.toString(), jackson instanceof MismatchedInputException m ? m.getTargetType() : null);
    }

    /** What {@code field} must be, for a value that is not of {@code type} (a body's field, or a parameter's). */
    static String describe(String field, @Nullable Class<?> type) {
        if (type == Stage.class) {
            return field + " must be a stage name as a JSON string: one of " + STAGES;
        }
        if (INTEGERS.contains(type)) {
            return field + " must be an integer (in JSON: no fraction, no quotes)";
        }
        return field + " does not have the expected type";
    }
}

package dev.strangler.support.settings;

import java.util.Locale;

/**
 * A setting a component cannot run without is not set, or is wrong: the component stops at start and says which, as
 * {@link MissingSettingFailureAnalyzer} prints it. The message never holds a secret's value.
 */
public class MissingSetting extends IllegalStateException {

    private final String property;

    /**
     * @param property the setting, as in a properties file ({@code strangler.kafka.bootstrap-servers})
     * @param what     what it is and what is wrong, after "<property> "
     */
    public MissingSetting(String property, String what) {
        super(property + " " + what);
        this.property = property;
    }

    public String property() {
        return property;
    }

    /** The environment variable that sets it ({@code STRANGLER_KAFKA_BOOTSTRAPSERVERS}), by Spring's relaxed binding. */
    public String environmentVariable() {
        return property.replace('.', '_').replace("-", "").replace("[", "_").replace("]", "")
                .toUpperCase(Locale.ROOT);
    }
}

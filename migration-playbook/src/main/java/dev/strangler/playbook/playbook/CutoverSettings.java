package dev.strangler.playbook.playbook;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of {@code cutover}, all under {@code gate:}.
 *
 * @param maxMismatches rows reconciliation (service -> legacy) may find differing ({@code gate.max-mismatches})
 * @param settle        how long reconciliation lets changes in flight settle ({@code gate.settle-seconds})
 */
public record CutoverSettings(long maxMismatches, Duration settle) implements StepSettings {

    /** What a step that leaves a setting out gets. */
    public static final CutoverSettings DEFAULTS = new CutoverSettings(0, Duration.ofSeconds(30));

    public CutoverSettings {
        SettingRules.zeroOrMore("gate.max-mismatches", maxMismatches);
        SettingRules.zeroOrMore("gate.settle-seconds", settle);
    }

    static CutoverSettings read(SettingsReader step) {
        SettingsReader gate = step.gate();
        return new CutoverSettings(gate.count("max-mismatches", DEFAULTS.maxMismatches),
                gate.seconds("settle-seconds", DEFAULTS.settle));
    }

    @Override
    public Map<String, Object> gate() {
        Map<String, Object> gate = new LinkedHashMap<>();
        gate.put("max-mismatches", maxMismatches);
        gate.put("settle-seconds", settle.toSeconds());
        return gate;
    }
}

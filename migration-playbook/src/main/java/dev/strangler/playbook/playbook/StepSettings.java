package dev.strangler.playbook.playbook;

import java.util.Map;

/**
 * The settings of a step, typed, one record per action. They are read from the step's entry of the descriptor when
 * the playbook is loaded ({@link PlaybookDefinition#of}), so that a value the action cannot use (a percent above 100,
 * a negative rate, a misspelt key, a text where a number goes) refuses the playbook before its first step runs, not
 * when the run reaches that step, maybe an hour and three route changes later. Each record holds its defaults, the
 * values a descriptor that leaves a setting out gets.
 */
public sealed interface StepSettings permits AnalyseSettings, ServiceHealthySettings, CdcInSyncSettings, ShadowSettings,
        CanarySettings, CutoverSettings, DecommissionSettings {

    /**
     * The gate's thresholds as they apply, defaults included, under their names in the descriptor: the step's
     * evidence file records them beside the figures they were compared with.
     */
    default Map<String, Object> gate() {
        return Map.of();
    }
}

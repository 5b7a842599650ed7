package dev.strangler.playbook.playbook;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of {@code cdc-in-sync}, all under {@code gate:}.
 *
 * @param maxMismatches   rows reconciliation may find differing ({@code gate.max-mismatches})
 * @param maxLagMs        the bridge's apply lag allowed, in milliseconds ({@code gate.max-lag-ms})
 * @param settle          how long reconciliation lets changes in flight settle ({@code gate.settle-seconds})
 * @param backfillTimeout how long the step waits for the backfills, then for the gate to hold
 *                        ({@code gate.backfill-timeout-seconds})
 */
public record CdcInSyncSettings(long maxMismatches, long maxLagMs, Duration settle, Duration backfillTimeout)
        implements StepSettings {

    /** What a step that leaves a setting out gets. */
    public static final CdcInSyncSettings DEFAULTS = new CdcInSyncSettings(0, 5000, Duration.ofSeconds(30),
            Duration.ofSeconds(600));

    public CdcInSyncSettings {
        SettingRules.zeroOrMore("gate.max-mismatches", maxMismatches);
        SettingRules.zeroOrMore("gate.max-lag-ms", maxLagMs);
        SettingRules.zeroOrMore("gate.settle-seconds", settle);
        SettingRules.moreThanZero("gate.backfill-timeout-seconds", backfillTimeout);
    }

    static CdcInSyncSettings read(SettingsReader step) {
        SettingsReader gate = step.gate();
        return new CdcInSyncSettings(gate.count("max-mismatches", DEFAULTS.maxMismatches),
                gate.count("max-lag-ms", DEFAULTS.maxLagMs), gate.seconds("settle-seconds", DEFAULTS.settle),
                gate.seconds("backfill-timeout-seconds", DEFAULTS.backfillTimeout));
    }

    @Override
    public Map<String, Object> gate() {
        Map<String, Object> gate = new LinkedHashMap<>();
        gate.put("max-mismatches", maxMismatches);
        gate.put("max-lag-ms", maxLagMs);
        gate.put("settle-seconds", settle.toSeconds());
        gate.put("backfill-timeout-seconds", backfillTimeout.toSeconds());
        return gate;
    }
}

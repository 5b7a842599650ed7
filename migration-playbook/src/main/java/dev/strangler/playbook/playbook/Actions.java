package dev.strangler.playbook.playbook;

import dev.strangler.playbook.playbook.internal.AnalyseStep;
import dev.strangler.playbook.playbook.internal.CanaryStep;
import dev.strangler.playbook.playbook.internal.CdcInSyncStep;
import dev.strangler.playbook.playbook.internal.CutoverStep;
import dev.strangler.playbook.playbook.internal.DecommissionStep;
import dev.strangler.playbook.playbook.internal.ServiceHealthyStep;
import dev.strangler.playbook.playbook.internal.ShadowStep;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The actions a playbook file can name, and how each reads its settings. */
public final class Actions {

    /** Each action's settings, read from a step's entry: the one place that says which record an action gets. */
    private static final Map<String, Function<SettingsReader, StepSettings>> SETTINGS = settingsReaders();

    private Actions() {
    }

    public static Map<String, Step> standard() {
        Map<String, Step> actions = new LinkedHashMap<>();
        actions.put("analyse", new AnalyseStep());
        actions.put("service-healthy", new ServiceHealthyStep());
        actions.put("cdc-in-sync", new CdcInSyncStep());
        actions.put("shadow", new ShadowStep());
        actions.put("canary", new CanaryStep());
        actions.put("cutover", new CutoverStep());
        actions.put("decommission", new DecommissionStep());
        return actions;
    }

    public static Set<String> known() {
        return SETTINGS.keySet();
    }

    /** The settings of a step of {@code action} (one of {@link #known()}), its problems kept by the reader. */
    static StepSettings settings(String action, SettingsReader step) {
        Function<SettingsReader, StepSettings> reader = SETTINGS.get(action);
        if (reader == null) {
            throw new IllegalArgumentException("no action '" + action + "'");
        }
        return reader.apply(step);
    }

    private static Map<String, Function<SettingsReader, StepSettings>> settingsReaders() {
        Map<String, Function<SettingsReader, StepSettings>> readers = new LinkedHashMap<>();
        readers.put("analyse", step -> new AnalyseSettings());
        readers.put("service-healthy", step -> new ServiceHealthySettings());
        readers.put("cdc-in-sync", CdcInSyncSettings::read);
        readers.put("shadow", ShadowSettings::read);
        readers.put("canary", CanarySettings::read);
        readers.put("cutover", CutoverSettings::read);
        readers.put("decommission", DecommissionSettings::read);
        return Collections.unmodifiableMap(readers);
    }
}

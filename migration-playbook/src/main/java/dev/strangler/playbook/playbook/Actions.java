package dev.strangler.playbook.playbook;

import dev.strangler.playbook.playbook.internal.AnalyseStep;
import dev.strangler.playbook.playbook.internal.CanaryStep;
import dev.strangler.playbook.playbook.internal.CdcInSyncStep;
import dev.strangler.playbook.playbook.internal.CutoverStep;
import dev.strangler.playbook.playbook.internal.DecommissionStep;
import dev.strangler.playbook.playbook.internal.ServiceHealthyStep;
import dev.strangler.playbook.playbook.internal.ShadowStep;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The actions a playbook file can name. */
public final class Actions {

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
        return standard().keySet();
    }
}

package dev.strangler.proxy.route;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One route: which requests it takes (a Spring {@code PathPattern} plus methods, none meaning all), its two
 * upstreams, and where its traffic goes now.
 *
 * @param id stable name, lower case, used by the admin API and the CLI
 * @param path a Spring {@code PathPattern}, e.g. {@code /api/orders/**}
 * @param methods upper-case HTTP methods; empty means every method
 * @param legacy the monolith's base URL
 * @param extracted the new service's base URL; only a route that never leaves the monolith may do without
 * @param stage where traffic goes
 * @param percent share of callers sent to the extracted side in {@link Stage#CANARY}, 0..100
 * @param reason why the route is in this stage (required for {@link Stage#ROLLED_BACK})
 * @param version bumped by every change of this route: the admin API's ETag
 * @param timeouts upstream timeouts
 * @param shadow comparison rules for {@link Stage#SHADOW}
 * @param slo automatic rollback thresholds for {@link Stage#CANARY} and {@link Stage#EXTRACTED}
 * @param faults injected into the extracted side for chaos drills; {@link Faults#NONE} normally
 */
public record Route(String id, String path, List<String> methods, @Nullable URI legacy, @Nullable URI extracted,
                    Stage stage, int percent, @Nullable String reason, long version, Timeouts timeouts,
                    ShadowRules shadow, SloPolicy slo, Faults faults) {

    public Route {
        methods = methods == null ? List.of() : methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
        stage = stage == null ? Stage.LEGACY : stage;
        timeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
        shadow = shadow == null ? ShadowRules.DEFAULT : shadow;
        slo = slo == null ? SloPolicy.DEFAULT : slo;
        faults = faults == null ? Faults.NONE : faults;
    }

    public Route withStage(Stage newStage, int newPercent, @Nullable String newReason) {
        return new Route(id, path, methods, legacy, extracted, newStage, newPercent, newReason, version, timeouts, shadow, slo, faults);
    }

    public Route withVersion(long newVersion) {
        return new Route(id, path, methods, legacy, extracted, stage, percent, reason, newVersion, timeouts, shadow, slo, faults);
    }

    public Route withUpstreams(@Nullable URI newLegacy, @Nullable URI newExtracted) {
        return new Route(id, path, methods, newLegacy, newExtracted, stage, percent, reason, version, timeouts, shadow, slo, faults);
    }

    public Route withFaults(Faults newFaults) {
        return new Route(id, path, methods, legacy, extracted, stage, percent, reason, version, timeouts, shadow, slo, newFaults);
    }

    /** Whether {@code method} is one this route takes. */
    public boolean takes(String method) {
        return methods.isEmpty() || methods.contains(method);
    }
}

package dev.strangler.playbook.playbook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strangler.playbook.route.ProxyAdmin;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The playbook's view of the proxy's route table. */
final class Routes {

    private Routes() {
    }

    /** The route's entry of {@code GET /admin/routes}: {@code route}, {@code slo}, {@code shadow}. */
    static JsonNode view(ProxyAdmin proxy, String routeId) {
        for (JsonNode v : proxy.routes().path("routes")) {
            if (routeId.equals(v.path("route").path("id").asText())) {
                return v;
            }
        }
        throw new IllegalArgumentException("the proxy has no route '" + routeId + "'");
    }

    static String stage(ProxyAdmin proxy, String routeId) {
        return view(proxy, routeId).path("route").path("stage").asText();
    }

    /** Moves every route to the stage unless it is there already (idempotent). */
    static void set(ProxyAdmin proxy, List<String> routes, String stage, @Nullable Integer percent, String reason) {
        for (String r : routes) {
            JsonNode route = view(proxy, r).path("route");
            boolean there = route.path("stage").asText().equals(stage)
                    && (percent == null || route.path("percent").asInt() == percent);
            if (!there) {
                proxy.setStage(r, stage, percent, reason);
            }
        }
    }
}

package dev.strangler.proxy.route;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/** Rules every route and every table must satisfy before they are served; the messages go to the admin caller. */
public final class RouteValidation {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE");

    private RouteValidation() {
    }

    /** Every problem with {@code route}; empty when it is valid. */
    public static List<String> problems(Route route) {
        List<String> problems = new ArrayList<>();
        if (route.id() == null || !ID.matcher(route.id()).matches()) {
            problems.add("id must be 1-63 lower-case letters, digits or dashes");
        }
        if (route.path() == null || !route.path().startsWith("/")) {
            problems.add("path must be a path pattern starting with /");
        } else {
            try {
                PathPatternParser.defaultInstance.parse(route.path());
            } catch (PatternParseException e) {
                problems.add("path is not a valid path pattern: " + e.getMessage());
            }
        }
        for (String method : route.methods()) {
            if (!METHODS.contains(method)) {
                problems.add("methods may only name " + METHODS);
                break;
            }
        }
        upstream("legacy", route.legacy(), true, problems);
        boolean needsExtracted = route.stage() != Stage.LEGACY && route.stage() != Stage.ROLLED_BACK;
        upstream("extracted", route.extracted(), needsExtracted, problems);
        if (route.percent() < 0 || route.percent() > 100) {
            problems.add("percent must be between 0 and 100");
        }
        if (route.stage() != Stage.CANARY && route.percent() != 0) {
            problems.add("percent is only for stage CANARY");
        }
        if (route.stage() == Stage.ROLLED_BACK && (route.reason() == null || route.reason().isBlank())) {
            problems.add("stage ROLLED_BACK needs a reason");
        }
        Timeouts t = route.timeouts();
        if (t.connectMillis() < 1 || t.connectMillis() > 60_000 || t.responseMillis() < 1 || t.responseMillis() > 600_000) {
            problems.add("timeouts must be 1..60000 ms (connect) and 1..600000 ms (response)");
        }
        if (t.legacyConnectRetryMillis() < 0 || t.legacyConnectRetryMillis() > 300_000) {
            problems.add("timeouts.legacyConnectRetryMillis must be 0..300000");
        }
        ShadowRules s = route.shadow();
        if (s.numericTolerance() < 0 || s.samples() < 1 || s.samples() > 1_000) {
            problems.add("shadow.numericTolerance must be >= 0 and shadow.samples 1..1000");
        }
        for (String path : s.ignorePaths()) {
            if (!path.startsWith("$")) {
                problems.add("shadow.ignorePaths must be JSON paths starting with $");
                break;
            }
        }
        Faults faults = route.faults();
        if (faults.latencyMillis() < 0 || faults.latencyMillis() > 60_000 || faults.errorPercent() < 0
                || faults.errorPercent() > 100) {
            problems.add("faults need latencyMillis 0..60000 and errorPercent 0..100");
        }
        SloPolicy slo = route.slo();
        if (slo.windowSeconds() < 1 || slo.windowSeconds() > 300 || slo.minSamples() < 1
                || slo.maxErrorRate() < 0 || slo.maxErrorRate() > 1 || slo.maxP99Millis() < 1 || slo.maxP99VsLegacy() < 0) {
            problems.add("slo needs windowSeconds 1..300, minSamples >= 1, maxErrorRate 0..1, maxP99Millis >= 1, maxP99VsLegacy >= 0");
        }
        return problems;
    }

    /** Every problem with a whole table: each route's, plus duplicate ids. */
    public static List<String> problems(List<Route> routes) {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Route route : routes) {
            for (String p : problems(route)) {
                problems.add(route.id() + ": " + p);
            }
            if (!ids.add(route.id())) {
                problems.add(route.id() + ": duplicate id");
            }
        }
        return problems;
    }

    private static void upstream(String name, URI uri, boolean required, List<String> problems) {
        if (uri == null) {
            if (required) {
                problems.add(name + " upstream is required in this stage");
            }
            return;
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1
                || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
            problems.add(name + " upstream must be http://host:port without a path");
        }
    }
}

package dev.strangler.proxy.shadow;

import dev.strangler.proxy.route.ShadowRules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Compares two JSON documents under a route's noise rules and names every differing JSON path. Pure: the shadow
 * mirror calls it off the event loop, and tests drive it directly.
 */
public final class JsonComparison {

    private final List<Pattern> ignored;
    private final BigDecimal tolerance;
    private final boolean ignoreArrayOrder;

    public JsonComparison(ShadowRules rules) {
        this.ignored = rules.ignorePaths().stream().map(JsonComparison::compile).toList();
        this.tolerance = BigDecimal.valueOf(rules.numericTolerance());
        this.ignoreArrayOrder = rules.ignoreArrayOrder();
    }

    /** The JSON paths where the two documents differ, e.g. {@code $.amount} or {@code $.items[1]}; empty if equal. */
    public List<String> differences(JsonNode legacy, JsonNode extracted) {
        List<String> out = new ArrayList<>();
        compare("$", legacy, extracted, out);
        return out;
    }

    private void compare(String path, JsonNode a, JsonNode b, List<String> out) {
        if (isIgnored(path)) {
            return;
        }
        if (a.isNumber() && b.isNumber()) {
            if (a.decimalValue().subtract(b.decimalValue()).abs().compareTo(tolerance) > 0) {
                out.add(path);
            }
        } else if (a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>(a.propertyNames());
            names.addAll(b.propertyNames());
            for (String name : names) {
                String child = path + "." + name;
                JsonNode x = a.get(name);
                JsonNode y = b.get(name);
                if (x == null || y == null) {
                    if (!isIgnored(child)) {
                        out.add(child);
                    }
                } else {
                    compare(child, x, y, out);
                }
            }
        } else if (a.isArray() && b.isArray()) {
            if (ignoreArrayOrder) {
                compareUnordered(path, a, b, out);
            } else {
                for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                    if (i >= a.size() || i >= b.size()) {
                        out.add(path + "[" + i + "]");
                    } else {
                        compare(path + "[" + i + "]", a.get(i), b.get(i), out);
                    }
                }
            }
        } else if (!a.equals(b)) {
            out.add(path);
        }
    }

    /** Each element of {@code a} must match a distinct element of {@code b} under the same rules. */
    private void compareUnordered(String path, JsonNode a, JsonNode b, List<String> out) {
        boolean[] used = new boolean[b.size()];
        for (int i = 0; i < a.size(); i++) {
            boolean found = false;
            for (int j = 0; j < b.size() && !found; j++) {
                if (!used[j]) {
                    List<String> probe = new ArrayList<>();
                    compare(path + "[" + i + "]", a.get(i), b.get(j), probe);
                    if (probe.isEmpty()) {
                        used[j] = true;
                        found = true;
                    }
                }
            }
            if (!found) {
                out.add(path + "[" + i + "]");
            }
        }
        for (int j = 0; j < b.size(); j++) {
            if (!used[j] && a.size() <= j) {
                out.add(path + "[" + j + "]");
            }
        }
        if (a.size() != b.size() && out.stream().noneMatch(p -> p.startsWith(path + "["))) {
            out.add(path);
        }
    }

    private boolean isIgnored(String path) {
        for (Pattern p : ignored) {
            if (p.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    /** {@code $.a.b}, {@code $.items[*].id} and {@code $..id} (any depth) into a regex over concrete paths. */
    private static Pattern compile(String jsonPath) {
        StringBuilder regex = new StringBuilder("\\$");
        String rest = jsonPath.substring(1);
        int i = 0;
        while (i < rest.length()) {
            if (rest.startsWith("..", i)) {
                regex.append("(\\.[^.\\[]+|\\[\\d+\\])*\\.");
                i += 2;
            } else if (rest.startsWith("[*]", i)) {
                regex.append("\\[\\d+\\]");
                i += 3;
            } else {
                regex.append(Pattern.quote(String.valueOf(rest.charAt(i))));
                i++;
            }
        }
        // an ignored object hides everything below it too
        regex.append("(\\..*|\\[.*)?");
        return Pattern.compile(regex.toString());
    }
}

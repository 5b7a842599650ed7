package dev.strangler.extraction;

import dev.strangler.extraction.internal.YamlPositions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What two extractions cannot share: a route id, the same requests (one path pattern with a method in common), a
 * table on either side, or a name. Each problem is reported on the second file, naming the first.
 */
final class Overlaps {

    private Overlaps() {
    }

    static List<DescriptorProblem> between(List<Extraction> extractions, Map<Path, YamlPositions> positions) {
        List<DescriptorProblem> problems = new ArrayList<>();
        for (int j = 0; j < extractions.size(); j++) {
            Extraction b = extractions.get(j);
            YamlPositions at = positions.get(b.file());
            for (int i = 0; i < j; i++) {
                Extraction a = extractions.get(i);
                if (a.name().equals(b.name())) {
                    problems.add(problem(b, at, "name", "'" + b.name() + "' is also the name of " + a.file()));
                }
                for (int r = 0; r < b.routes().size(); r++) {
                    RouteSpec rb = b.routes().get(r);
                    for (RouteSpec ra : a.routes()) {
                        if (ra.id().equals(rb.id())) {
                            problems.add(problem(b, at, "routes[" + r + "].id", "route '" + rb.id()
                                    + "' is already claimed by " + a.file()));
                        } else if (ra.path().equals(rb.path()) && shareMethod(ra.methods(), rb.methods())) {
                            problems.add(problem(b, at, "routes[" + r + "].path", rb.path() + " " + rb.methods()
                                    + " is already claimed by route '" + ra.id() + "' of " + a.file()));
                        }
                    }
                }
                for (int t = 0; t < b.data().size(); t++) {
                    TablePair tb = b.data().get(t);
                    for (TablePair ta : a.data()) {
                        if (b.legacy().database().equals(a.legacy().database())
                                && tb.legacy().table().equals(ta.legacy().table())) {
                            problems.add(problem(b, at, "data[" + t + "].legacy.table", "table '"
                                    + tb.legacy().table() + "' of database '" + b.legacy().database()
                                    + "' is already claimed by " + a.file()));
                        }
                        if (b.extracted().database().equals(a.extracted().database())
                                && tb.extracted().table().equals(ta.extracted().table())) {
                            problems.add(problem(b, at, "data[" + t + "].extracted.table", "table '"
                                    + tb.extracted().table() + "' of database '" + b.extracted().database()
                                    + "' is already claimed by " + a.file()));
                        }
                        if (tb.name().equals(ta.name())) {
                            problems.add(problem(b, at, "data[" + t + "].name", "table pair '" + tb.name()
                                    + "' (its topics) is already claimed by " + a.file()));
                        }
                    }
                }
            }
        }
        return problems;
    }

    private static boolean shareMethod(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return true;
        }
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        return !common.isEmpty();
    }

    private static DescriptorProblem problem(Extraction e, YamlPositions at, String path, String message) {
        return new DescriptorProblem(e.file(), at == null ? 0 : at.lineOf(path), path, message);
    }
}

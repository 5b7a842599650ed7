package dev.strangler.playbook.analysis.internal;

import dev.strangler.playbook.analysis.AnalysisReport;
import dev.strangler.playbook.analysis.AnalysisReport.CardData;
import dev.strangler.playbook.analysis.AnalysisReport.Mode;
import dev.strangler.playbook.analysis.AnalysisReport.PackageDependency;
import dev.strangler.playbook.analysis.AnalysisReport.TableAccess;
import dev.strangler.playbook.analysis.AnalysisReport.Tangle;
import dev.strangler.playbook.analysis.HistoryEntry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders an analysis as {@code reports/analysis-<name>.md}: summary, dependency graph, tables, tangles, burndown.
 * Every name in it comes from the report: the extraction, its packages and tables.
 */
public final class MarkdownReport {

    private static final int HISTORY_ROWS = 30;

    private final AnalysisReport r;
    private final String name;
    private final Set<String> capability;

    private MarkdownReport(AnalysisReport r) {
        this.r = r;
        this.name = r.extraction();
        this.capability = new TreeSet<>(r.packages().stream().map(this::relative).toList());
    }

    public static String render(AnalysisReport r, List<HistoryEntry> history) {
        return new MarkdownReport(r).render(history);
    }

    private String render(List<HistoryEntry> history) {
        StringBuilder md = new StringBuilder();
        md.append("# Analysis of the monolith: ").append(name).append("\n\n");
        md.append("Generated ").append(r.generatedAt()).append(" by `strangler analyse` from `").append(r.source())
                .append("` (").append(r.classes()).append(" classes under `").append(r.rootPackage().isEmpty()
                        ? "(every package)" : r.rootPackage())
                .append("`, read as bytecode; generated jOOQ classes not counted).\n\n");
        md.append("The capability: ").append(String.join(", ", capability.stream().map(p -> "`" + p + "`").toList()))
                .append(", with the tables ").append(String.join(", ", r.tables().stream().map(t -> "`" + t + "`")
                        .toList())).append(" that leave with it");
        if (!r.relatedTables().isEmpty()) {
            md.append(" (reported with them, and staying: ").append(String.join(", ", r.relatedTables().stream()
                    .map(t -> "`" + t + "`").toList())).append(')');
        }
        md.append(".\n\n");
        if (!r.rules().isEmpty()) {
            md.append("Rules once it is gone:\n\n");
            r.rules().forEach(rule -> md.append("- ").append(rule).append('\n'));
            md.append('\n');
        }
        summary(md);
        graph(md);
        tables(md);
        dependencies(md);
        if (r.cardDataSearched()) {
            cardData(md);
        }
        tangles(md);
        coupling(md);
        burndown(md, history);
        return md.toString();
    }

    private void summary(StringBuilder md) {
        long outsideClasses = r.tableAccesses().stream()
                .filter(a -> !a.insideCapability() && r.tables().contains(a.table()))
                .map(a -> Monolith.topLevel(a.className())).distinct().count();
        Set<String> dependents = new TreeSet<>(r.inbound().stream().map(PackageDependency::from).toList());
        md.append("## Summary\n\n| what | figure |\n|---|---|\n");
        md.append("| classes outside ").append(name).append(" that use ").append(codes(r.tables())).append(" | ")
                .append(outsideClasses).append(" |\n");
        md.append("| packages that depend on ").append(name).append(" | ").append(dependents.size()).append(" (")
                .append(String.join(", ", dependents)).append(") |\n");
        if (r.cardDataSearched()) {
            long cardSites = r.cardData().stream().filter(d -> !d.masked()).count();
            long cardOutside = r.cardData().stream().filter(d -> !d.masked() && !d.insideCapability()).count();
            md.append("| card-data sites (outside ").append(name).append(") | ").append(cardSites).append(" (")
                    .append(cardOutside).append(") |\n");
        }
        md.append("| tangles | ").append(r.tangles().size()).append(" |\n");
        md.append("| coupling score | ").append(r.coupling().score()).append(" |\n");
        md.append("| violations of *").append(r.rule().rule()).append("* | ").append(r.rule().violations());
        if (r.rule().frozen() != null) {
            md.append(" (freeze store: ").append(r.rule().frozen()).append(')');
        }
        md.append(" |\n\n");
    }

    private void graph(StringBuilder md) {
        md.append("## Dependency graph around ").append(name).append("\n\n");
        md.append("Solid arrows: class dependencies between packages (label: distinct class pairs). Dotted arrows:"
                + " table uses (red: a table of ").append(name).append(" used outside it, or another feature's table"
                + " used by ").append(name).append(").\n\n");
        md.append("```mermaid\nflowchart LR\n");
        Set<String> capabilityPackages = new TreeSet<>();
        Set<String> otherPackages = new TreeSet<>();
        List<PackageDependency> edges = new ArrayList<>(r.inbound());
        edges.addAll(r.outbound());
        for (PackageDependency d : edges) {
            for (String p : List.of(d.from(), d.to())) {
                (isCapability(p) ? capabilityPackages : otherPackages).add(p);
            }
        }
        Map<String, Map<String, Set<Mode>>> tableEdges = new TreeMap<>();
        List<TableAccess> uses = new ArrayList<>(r.tableAccesses());
        uses.addAll(r.otherTablesFromCapability());
        Set<String> foreign = new TreeSet<>();
        r.otherTablesFromCapability().forEach(a -> foreign.add(a.pkg() + "|" + a.table()));
        for (TableAccess a : uses) {
            (a.insideCapability() ? capabilityPackages : otherPackages).add(a.pkg());
            tableEdges.computeIfAbsent(a.pkg(), k -> new TreeMap<>())
                    .computeIfAbsent(a.table(), k -> EnumSet.noneOf(Mode.class)).addAll(a.modes());
        }
        md.append("    subgraph extract[\"").append(name).append(": to extract\"]\n");
        capabilityPackages.forEach(p -> md.append("        ").append(node(p)).append("[\"").append(p)
                .append("\"]\n"));
        md.append("    end\n");
        otherPackages.forEach(p -> md.append("    ").append(node(p)).append("[\"").append(p).append("\"]\n"));
        Set<String> tables = new TreeSet<>();
        tableEdges.values().forEach(t -> tables.addAll(t.keySet()));
        tables.forEach(t -> md.append("    ").append(tableNode(t)).append("[(\"").append(t).append("\")]\n"));
        int index = 0;
        List<Integer> red = new ArrayList<>();
        for (PackageDependency d : edges) {
            md.append("    ").append(node(d.from())).append(" -->|").append(d.classPairs()).append("| ")
                    .append(node(d.to())).append('\n');
            index++;
        }
        for (var byPackage : tableEdges.entrySet()) {
            for (var byTable : byPackage.getValue().entrySet()) {
                boolean inside = isCapability(byPackage.getKey());
                boolean tangled = inside ? foreign.contains(byPackage.getKey() + "|" + byTable.getKey())
                        : r.tables().contains(byTable.getKey());
                if (tangled) {
                    red.add(index);
                }
                md.append("    ").append(node(byPackage.getKey())).append(" -.->|").append(modes(byTable.getValue()))
                        .append("| ").append(tableNode(byTable.getKey())).append('\n');
                index++;
            }
        }
        md.append("    classDef pay fill:#fdf2d0,stroke:#b7950b\n");
        if (!capabilityPackages.isEmpty()) {
            md.append("    class ").append(String.join(",", capabilityPackages.stream().map(MarkdownReport::node)
                    .toList())).append(" pay\n");
        }
        if (!red.isEmpty()) {
            md.append("    linkStyle ").append(String.join(",", red.stream().map(String::valueOf).toList()))
                    .append(" stroke:#c0392b,stroke-width:2px\n");
        }
        md.append("```\n\n");
    }

    private void tables(StringBuilder md) {
        md.append("## Who reads and writes the tables of ").append(name).append("\n\n");
        md.append("Tables: ").append(codes(r.tables()));
        if (!r.relatedTables().isEmpty()) {
            md.append(", and related: ").append(codes(r.relatedTables()));
        }
        md.append(". Reads and writes are told from the jOOQ call that uses the table (`select`, `from`,"
                + " `fetchExists`, `get` read; `insertInto`, `update`, `deleteFrom`, `set` write) or from the SQL"
                + " statement that names it (`sql select` reads; `sql insert`, `sql update`, `sql delete` write);"
                + " *touches* means the analysis could not tell. Columns are listed with the jOOQ statement they"
                + " appear in.\n\n");
        md.append("### Outside ").append(name).append("\n\n");
        accessTable(md, r.tableAccesses().stream().filter(a -> !a.insideCapability()).toList());
        md.append("### Inside ").append(name).append("\n\n");
        accessTable(md, r.tableAccesses().stream().filter(TableAccess::insideCapability).toList());
        md.append("### Other features' tables used by ").append(name).append("\n\n");
        accessTable(md, r.otherTablesFromCapability());
    }

    private void accessTable(StringBuilder md, List<TableAccess> accesses) {
        if (accesses.isEmpty()) {
            md.append("None.\n\n");
            return;
        }
        md.append("| class | member | table | use | columns | via |\n|---|---|---|---|---|---|\n");
        for (TableAccess a : accesses) {
            md.append("| `").append(shortName(a.className())).append("` | `").append(code(a.member())).append("` | `")
                    .append(a.table()).append("` | ").append(modes(Set.copyOf(a.modes()))).append(" | ")
                    .append(cell(String.join(", ", a.columns()))).append(" | ")
                    .append(cell(String.join(", ", a.verbs()))).append(" |\n");
        }
        md.append('\n');
    }

    private void dependencies(StringBuilder md) {
        md.append("## Packages that depend on ").append(name).append("\n\n### Inbound: into ").append(name)
                .append("\n\n");
        dependencyTable(md, r.inbound());
        md.append("### Outbound: from ").append(name).append(" to the rest of the monolith\n\n");
        dependencyTable(md, r.outbound());
    }

    private static void dependencyTable(StringBuilder md, List<PackageDependency> deps) {
        if (deps.isEmpty()) {
            md.append("None.\n\n");
            return;
        }
        md.append("| from | to | class pairs | classes |\n|---|---|---|---|\n");
        for (PackageDependency d : deps) {
            md.append("| `").append(d.from()).append("` | `").append(d.to()).append("` | ").append(d.classPairs())
                    .append(" | ").append(cell(String.join(", ", d.examples()))).append(" |\n");
        }
        md.append('\n');
    }

    private void cardData(StringBuilder md) {
        md.append("## Card data\n\n");
        md.append("Columns, code, fields and parameters that hold or pass card numbers (PANs), found from names and"
                + " types. Everything listed outside ").append(name).append(" is in PCI scope until it is"
                + " untangled.\n\n");
        md.append("| kind | where | member | what | in ").append(name).append(" |\n|---|---|---|---|---|\n");
        for (CardData d : r.cardData()) {
            if (!d.masked()) {
                md.append("| ").append(d.kind()).append(" | `").append(shortName(d.className())).append("` | `")
                        .append(code(d.member())).append("` | ").append(cell(d.detail())).append(" | ")
                        .append(d.insideCapability() ? "yes" : "**no**").append(" |\n");
            }
        }
        List<CardData> masked = r.cardData().stream().filter(CardData::masked).toList();
        if (!masked.isEmpty()) {
            md.append("\nNamed as holding the last four digits only (not a full PAN): ");
            md.append(String.join(", ", masked.stream()
                    .map(d -> "`" + shortName(d.className()) + "." + d.member() + "`").distinct().toList()));
            md.append(".\n");
        }
        md.append('\n');
    }

    private void tangles(StringBuilder md) {
        md.append("## Tangles\n\n");
        md.append("Couplings the extraction has to undo, each from bytecode evidence, grouped by class.\n\n");
        if (r.tangles().isEmpty()) {
            md.append("None: ").append(name).append(" is untangled.\n\n");
            return;
        }
        Map<String, List<Tangle>> byClass = new LinkedHashMap<>();
        r.tangles().forEach(t -> byClass.computeIfAbsent(t.className(), k -> new ArrayList<>()).add(t));
        int n = 0;
        for (var entry : byClass.entrySet()) {
            md.append("**`").append(shortName(entry.getKey())).append("`**\n\n");
            for (Tangle t : entry.getValue()) {
                md.append(++n).append(". `").append(t.kind()).append('`');
                if (!t.member().isEmpty()) {
                    md.append(" in `").append(t.member()).append('`');
                }
                md.append(": ").append(t.evidence()).append('\n');
            }
            md.append('\n');
        }
    }

    private void coupling(StringBuilder md) {
        var c = r.coupling();
        md.append("## Coupling score: ").append(c.score()).append("\n\n");
        md.append("| part | count |\n|---|---|\n");
        md.append("| inbound class dependencies | ").append(c.inbound()).append(" |\n");
        md.append("| outbound class dependencies | ").append(c.outbound()).append(" |\n");
        md.append("| (class, table of ").append(name).append(") pairs outside ").append(name).append(" | ")
                .append(c.capabilityTablesOutside()).append(" |\n");
        md.append("| (class, other feature's table) pairs in ").append(name).append(" | ")
                .append(c.otherTablesFromCapability()).append(" |\n\n");
        md.append("Definition: ").append(c.definition()).append("\n\n");
        md.append("By package (the side that is not ").append(name).append("): ");
        md.append(String.join(", ", c.byPackage().entrySet().stream()
                .map(e -> "`" + e.getKey() + "` " + e.getValue()).toList()));
        md.append(".\n\n");
    }

    private void burndown(StringBuilder md, List<HistoryEntry> history) {
        var rule = r.rule();
        md.append("## Burndown: ").append(rule.rule()).append("\n\n");
        md.append("A monolith can freeze this ArchUnit rule (`FreezingArchRule`, as legacy-monolith's"
                + " `ArchitectureTests` does, with its store in `src/test/resources/archunit_store`): violations"
                + " recorded there are accepted, new ones fail its build, and ArchUnit drops recorded ones that are"
                + " gone. One violation is one use of a generated jOOQ class of ").append(codes(r.tables()))
                .append(" by a class outside ").append(name).append(", counted as ArchUnit counts them; uses in SQL"
                        + " text are invisible to ArchUnit, so they show in the tables, tangles and coupling score"
                        + " above, not here.");
        if (rule.store() == null) {
            md.append(" No freeze store records this rule.");
        }
        md.append("\n\n");
        md.append("Today: **").append(rule.violations()).append("** violations");
        if (rule.frozen() != null) {
            int delta = rule.violations() - rule.frozen();
            md.append("; the freeze store records ").append(rule.frozen());
            if (delta == 0) {
                md.append(" (in step).");
            } else if (delta < 0) {
                md.append(" (").append(-delta).append(" fewer today: run the monolith's `ArchitectureTests` to"
                        + " shrink the store, and commit it).");
            } else {
                md.append(" (").append(delta).append(" more today: new violations, which fail the monolith's"
                        + " build).");
            }
        }
        md.append("\n\n");
        if (!rule.byClass().isEmpty()) {
            md.append("| class | violations |\n|---|---|\n");
            rule.byClass().forEach((cls, n) -> md.append("| `").append(shortName(cls)).append("` | ").append(n)
                    .append(" |\n"));
            md.append('\n');
        }
        List<HistoryEntry> recent = history.subList(Math.max(0, history.size() - HISTORY_ROWS), history.size());
        md.append("### History (").append(history.size()).append(history.size() == 1 ? " run" : " runs")
                .append(recent.size() < history.size() ? ", last " + recent.size() + " shown" : "").append(")\n\n");
        md.append("| run | when | violations | freeze store | coupling score | tangles |\n|---|---|---|---|---|---|\n");
        int first = history.size() - recent.size();
        for (int i = 0; i < recent.size(); i++) {
            HistoryEntry e = recent.get(i);
            md.append("| ").append(first + i + 1).append(" | ").append(e.timestamp()).append(" | ")
                    .append(e.violations()).append(" | ").append(e.frozen() == null ? "-" : e.frozen()).append(" | ")
                    .append(e.couplingScore()).append(" | ").append(e.tangles()).append(" |\n");
        }
        md.append('\n');
        if (recent.size() > 1) {
            int max = recent.stream().mapToInt(HistoryEntry::violations).max().orElse(0);
            md.append("```mermaid\nxychart-beta\n    title \"Violations per run\"\n    x-axis [");
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < recent.size(); i++) {
                labels.add(String.valueOf(first + i + 1));
            }
            md.append(String.join(", ", labels)).append("]\n    y-axis \"violations\" 0 --> ").append(Math.max(1, max))
                    .append("\n    line [")
                    .append(String.join(", ", recent.stream().map(e -> String.valueOf(e.violations())).toList()))
                    .append("]\n```\n\n");
        }
    }

    private boolean isCapability(String relativePackage) {
        return capability.stream().anyMatch(p -> relativePackage.equals(p) || relativePackage.startsWith(p + "."));
    }

    private String relative(String pkg) {
        String root = r.rootPackage();
        return pkg.equals(root) ? "(root)" : !root.isEmpty() && pkg.startsWith(root + ".")
                ? pkg.substring(root.length() + 1) : pkg;
    }

    private static String codes(List<String> names) {
        return String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
    }

    private static String node(String relativePackage) {
        return "p_" + relativePackage.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static String tableNode(String table) {
        return "t_" + table.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static String modes(Set<Mode> modes) {
        List<String> words = new ArrayList<>();
        if (modes.contains(Mode.READ)) {
            words.add("reads");
        }
        if (modes.contains(Mode.WRITE)) {
            words.add("writes");
        }
        return words.isEmpty() ? "touches" : String.join(", ", words);
    }

    private String shortName(String className) {
        String root = r.rootPackage();
        return !root.isEmpty() && className.startsWith(root + ".") ? className.substring(root.length() + 1)
                : className;
    }

    private static String code(String text) {
        return text.replace("|", "\\|");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;");
    }
}

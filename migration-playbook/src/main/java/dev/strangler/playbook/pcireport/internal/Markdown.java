package dev.strangler.playbook.pcireport.internal;

import dev.strangler.playbook.pcireport.PciScopeScan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Renders {@code pci-scope.md}: the baseline beside the current scan, a diagram of the cardholder-data environment. */
public final class Markdown {

    /** Data flows of the lab drawn in the diagram, between the components present in it. */
    private static final List<String[]> FLOWS = List.of(
            new String[] {"strangler-proxy", "legacy-monolith", "-->"},
            new String[] {"strangler-proxy", "payment-service", "-->"},
            new String[] {"legacy-monolith", "legacy-db", "-->"},
            new String[] {"payment-service", "payments-db", "-->"},
            new String[] {"legacy-db", "cdc-bridge", "-.->"},
            new String[] {"cdc-bridge", "kafka", "-->"},
            new String[] {"cdc-bridge", "payments-db", "-->"});
    private static final List<String> ALWAYS_SHOWN = List.of("strangler-proxy", "legacy-monolith", "payment-service",
            "cdc-bridge", "legacy-db", "payments-db", "kafka");

    /** What the report must say plainly: evidence at rest in the lab is not evidence about copies of it. */
    static final String CANNOT_SEE = "A backup or a WAL archive taken before the masking still holds the old card"
            + " numbers, and so do the free blocks of the disk where PostgreSQL unlinked old WAL segments and rewritten"
            + " tables, until the file system reuses them: no scan of the lab sees them, and they stay in scope until"
            + " they are destroyed.";

    private Markdown() {
    }

    /**
     * @param verdict one line for {@code --expect-extracted} (PASS or FAIL and why); null without it
     */
    public static String render(PciScopeScan baseline, PciScopeScan now, boolean baselineIsNow, boolean baselineKept,
            List<String> outsideScope, @Nullable String verdict) {
        StringBuilder md = new StringBuilder();
        md.append("# PCI DSS scope: evidence\n\n");
        md.append("Scanned ").append(now.scannedAt()).append(", lab `").append(now.lab()).append("`. ");
        if (baselineIsNow && baselineKept) {
            md.append("This is the first scan: it is kept as the baseline (`pci-scope-baseline.json`) that later scans"
                    + " are shown beside.\n\n");
        } else if (baselineIsNow) {
            md.append("No baseline yet, and this scan could not read every source (see *Not scanned*), so it is not"
                    + " kept as one: both columns below show this scan.\n\n");
        } else {
            md.append("Baseline: the scan of ").append(baseline.scannedAt())
                    .append(" (`pci-scope-baseline.json`; `--reset-baseline` replaces it).\n\n");
        }
        md.append(String.format(Locale.ROOT, "**Places holding card numbers in clear outside the vault: %d now, %d at"
                + " the baseline. Processes in scope: %d now, %d at the baseline.**%n%n", now.outsideVault().size(),
                baseline.outsideVault().size(), now.processes().size(), baseline.processes().size()));
        if (verdict != null) {
            md.append("`--expect-extracted`: ").append(verdict).append("\n\n");
            outsideScope.forEach(v -> md.append("- ").append(v).append('\n'));
            if (!outsideScope.isEmpty()) {
                md.append('\n');
            }
        }

        md.append("## Before and after\n\n");
        md.append("| place | kind | held by | baseline | now |\n|---|---|---|---|---|\n");
        Map<String, PciScopeScan.Finding> before = byKey(baseline.findings());
        Map<String, PciScopeScan.Finding> after = byKey(now.findings());
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            PciScopeScan.Finding any = after.getOrDefault(key, before.get(key));
            md.append("| `").append(any.location()).append("` | ").append(kind(any.source())).append(" | ")
                    .append(any.component()).append(" | ").append(cell(before.get(key))).append(" | ")
                    .append(cell(after.get(key))).append(" |\n");
        }
        Map<String, PciScopeScan.ByDesign> designBefore = baseline.byDesign().stream()
                .collect(Collectors.toMap(b -> b.component() + " " + b.location(), Function.identity(), (a, b) -> a));
        Map<String, PciScopeScan.ByDesign> designNow = now.byDesign().stream()
                .collect(Collectors.toMap(b -> b.component() + " " + b.location(), Function.identity(), (a, b) -> a));
        Set<String> designKeys = new LinkedHashSet<>(designBefore.keySet());
        designKeys.addAll(designNow.keySet());
        for (String key : designKeys) {
            PciScopeScan.ByDesign any = designNow.getOrDefault(key, designBefore.get(key));
            md.append("| `").append(any.location()).append("` | by design | ").append(any.component()).append(" | ")
                    .append(designCell(designBefore.get(key))).append(" | ").append(designCell(designNow.get(key)))
                    .append(" |\n");
        }
        if (keys.isEmpty()) {
            md.append("| (no card number found in clear, then or now) | | | | |\n");
        }
        md.append('\n');

        md.append("## The cardholder-data environment\n\n");
        md.append("Red: holds or handled card numbers, found in clear. Amber: handles card data by design (encrypted"
                + " at rest, or in memory only). Green: scanned, nothing found at rest.\n\n");
        md.append("```mermaid\nflowchart LR\n");
        diagram(md, "before", "baseline " + baseline.scannedAt(), baseline);
        diagram(md, "after", "now " + now.scannedAt(), now);
        md.append("    classDef cde fill:#f8d7da,stroke:#b00020,color:#000\n");
        md.append("    classDef design fill:#fff3cd,stroke:#b8860b,color:#000\n");
        md.append("    classDef clean fill:#d4edda,stroke:#2e7d32,color:#000\n");
        md.append("```\n\n");

        md.append("## Processes in scope\n\n| process | baseline | now | why (now) |\n|---|---|---|---|\n");
        Map<String, PciScopeScan.ProcessInScope> pb = baseline.processes().stream()
                .collect(Collectors.toMap(PciScopeScan.ProcessInScope::component, Function.identity()));
        Map<String, PciScopeScan.ProcessInScope> pn = now.processes().stream()
                .collect(Collectors.toMap(PciScopeScan.ProcessInScope::component, Function.identity()));
        Set<String> components = new LinkedHashSet<>();
        ScopeRules.LAB_ORDER.stream().filter(c -> pb.containsKey(c) || pn.containsKey(c)).forEach(components::add);
        pb.keySet().stream().sorted().forEach(components::add);
        pn.keySet().stream().sorted().forEach(components::add);
        for (String c : components) {
            md.append("| ").append(c).append(" | ").append(scopeCell(pb.get(c))).append(" | ").append(scopeCell(pn.get(c)))
                    .append(" | ").append(pn.containsKey(c) ? String.join("; ", pn.get(c).evidence()) : "no evidence left")
                    .append(" |\n");
        }
        md.append("\nIn transit, by design and not visible to a scan at rest: the proxy forwards payment requests (with"
                + " the card number) to whichever side serves the route, and the payment gateway receives card numbers"
                + " from both sides. Both are part of any real assessment.\n\n");

        md.append("## Findings now, in detail\n\n");
        if (now.findings().isEmpty()) {
            md.append("None: no card number in clear in any scanned place.\n\n");
        } else {
            md.append("| place | held by | card numbers | distinct | last digits | where, e.g. | may stay after cutover |\n"
                    + "|---|---|---|---|---|---|---|\n");
            for (PciScopeScan.Finding f : now.findings()) {
                md.append(String.format(Locale.ROOT, "| `%s` | %s | %,d | %,d | %s | %s | %s |%n", f.location(),
                        f.component(), f.occurrences(), f.distinctCards(), String.join(", ", f.last4()),
                        String.join("; ", f.examples()), f.allowedAfterCutover() ? "yes (vault)" : "no"));
            }
            md.append('\n');
        }

        md.append("## What was scanned\n\n| | baseline | now |\n|---|---|---|\n");
        coverage(md, "databases / tables / text columns", baseline.coverage(), now.coverage(),
                c -> c.databases() + " / " + c.tables() + " / " + c.textColumns());
        coverage(md, "rows shaped like a card number (checked one by one)", baseline.coverage(), now.coverage(),
                c -> String.format(Locale.ROOT, "%,d", c.candidateRows()));
        coverage(md, "Kafka topics / records sampled", baseline.coverage(), now.coverage(),
                c -> String.format(Locale.ROOT, "%d / %,d", c.topics(), c.recordsSampled()));
        coverage(md, "log files / size", baseline.coverage(), now.coverage(),
                c -> String.format(Locale.ROOT, "%d / %.1f MB", c.logFiles(), c.logBytes() / 1048576.0));
        coverage(md, "database data directories / files / size", baseline.coverage(), now.coverage(),
                c -> String.format(Locale.ROOT, "%d / %,d / %.1f MB", c.dataDirectories(), c.dataFiles(),
                        c.dataBytes() / 1048576.0));
        md.append('\n');
        if (!now.unscanned().isEmpty()) {
            md.append("**Not scanned now** (the evidence has a hole until they are):\n\n");
            now.unscanned().forEach(u -> md.append("- ").append(u.what())
                    .append(": ").append(u.reason()).append('\n'));
            md.append('\n');
        }

        md.append("## What no scan of the lab can see\n\n");
        md.append(CANNOT_SEE).append("\n\n");

        md.append("## How\n\n");
        md.append("A card number is a run of 13 to 19 digits starting with 3, 4, 5 or 6 (also written in groups of four,"
                + " or 4-6-5 for American Express) that passes the Luhn check. Every text column (text, varchar, char,"
                + " json, jsonb, xml) of every table of both databases is read; every file of both database servers'"
                + " data directories is read as bytes (relation files with their dead row versions and the planner's"
                + " statistics, WAL segments, commit logs), grouped by what the files are: the WAL, the table a relation"
                + " file belongs to (asked of `pg_class`), else the directory; for every Kafka topic (internal ones"
                + " included) the first and last records of each partition are read through a consumer, so compressed"
                + " batches are decompressed, and keys, values and headers are scanned; every file under the lab's"
                + " `logs/` directory is read line by line. This report shows places, counts and last four digits only;"
                + " a name that looks like a card number (a path's random digits, a topic) is masked the same way."
                + " The vault's rows are AES-GCM ciphertext: no scan can tell a card number in them, so the vault is in"
                + " scope by design, not by finding. Not covered either: process memory, Kafka segments beyond the"
                + " sample, and in the database files the values PostgreSQL stores compressed (long texts; the column"
                + " scan reads those).\n");
        return md.toString();
    }

    private static void diagram(StringBuilder md, String id, String title, PciScopeScan scan) {
        md.append("    subgraph ").append(id).append("[\"").append(title).append("\"]\n        direction TB\n");
        Map<String, PciScopeScan.ProcessInScope> processes = scan.processes().stream()
                .collect(Collectors.toMap(PciScopeScan.ProcessInScope::component, Function.identity()));
        List<String> nodes = new ArrayList<>(ALWAYS_SHOWN);
        processes.keySet().stream().filter(c -> !nodes.contains(c)).sorted().forEach(nodes::add);
        for (String c : nodes) {
            PciScopeScan.ProcessInScope p = processes.get(c);
            long places = scan.findings().stream().filter(f -> f.component().equals(c)).count();
            String label = c + "<br/>" + (p == null ? "nothing found" : p.byDesign() ? "by design"
                    : places > 0 ? places + (places == 1 ? " place" : " places") + " with card numbers" : "handles card numbers");
            String css = p == null ? "clean" : p.byDesign() ? "design" : "cde";
            md.append("        ").append(node(id, c)).append("[\"").append(label).append("\"]:::").append(css).append('\n');
        }
        for (String[] flow : FLOWS) {
            if (nodes.contains(flow[0]) && nodes.contains(flow[1])) {
                md.append("        ").append(node(id, flow[0])).append(' ').append(flow[2]).append(' ')
                        .append(node(id, flow[1])).append('\n');
            }
        }
        md.append("    end\n");
    }

    private static String node(String prefix, String component) {
        return prefix + "_" + component.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static Map<String, PciScopeScan.Finding> byKey(List<PciScopeScan.Finding> findings) {
        return findings.stream().collect(Collectors.toMap(PciScopeScan.Finding::key, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    private static String cell(PciScopeScan.@Nullable Finding f) {
        if (f == null) {
            return "none";
        }
        return String.format(Locale.ROOT, "**%,d** (%,d distinct: %s)", f.occurrences(), f.distinctCards(),
                String.join(", ", f.last4()));
    }

    private static String designCell(PciScopeScan.@Nullable ByDesign b) {
        if (b == null) {
            return "-";
        }
        return b.count() >= 0 ? String.format(Locale.ROOT, "%,d encrypted", b.count()) : "in scope";
    }

    private static String scopeCell(PciScopeScan.@Nullable ProcessInScope p) {
        return p == null ? "out" : p.byDesign() ? "in (by design)" : "**in**";
    }

    private static void coverage(StringBuilder md, String what, PciScopeScan.Coverage before, PciScopeScan.Coverage now,
            Function<PciScopeScan.Coverage, String> f) {
        md.append("| ").append(what).append(" | ").append(f.apply(before)).append(" | ").append(f.apply(now)).append(" |\n");
    }

    static String kind(PciScopeScan.Source source) {
        return switch (source) {
            case DATABASE -> "database column";
            case KAFKA_TOPIC -> "Kafka topic";
            case LOG_FILE -> "log file";
            case DATA_FILE -> "database files";
        };
    }
}

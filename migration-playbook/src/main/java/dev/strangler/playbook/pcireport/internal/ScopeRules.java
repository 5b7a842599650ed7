package dev.strangler.playbook.pcireport.internal;

import dev.strangler.playbook.pcireport.PciScopeScan;
import dev.strangler.playbook.pcireport.ScanTargets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which processes the findings put in the PCI scope. A place holding card numbers brings in the process that serves it
 * (the database server, the broker), the application that owns it, the processes known to read it (the bridge's
 * capture reads the monolith's payments) and, for a log file, the process that wrote it; a database server's own files
 * bring in that server only. Processes that handle card
 * data on purpose (the vault's service, the capture) are in scope whatever the scan finds.
 */
public final class ScopeRules {

    /** The lab's components in the order a reader follows a payment: edge, applications, stores, plumbing. */
    public static final List<String> LAB_ORDER = List.of("strangler-proxy", "legacy-monolith", "payment-service",
            "cdc-bridge", "legacy-db", "payments-db", "kafka", "schema-registry", "payment-gateway");

    private ScopeRules() {
    }

    public static List<PciScopeScan.ProcessInScope> processes(ScanTargets targets, List<PciScopeScan.Finding> findings,
            List<PciScopeScan.ByDesign> byDesign) {
        Map<String, List<String>> evidence = new LinkedHashMap<>();
        Map<String, List<String>> design = new LinkedHashMap<>();
        for (PciScopeScan.Finding f : findings) {
            switch (f.source()) {
                case DATABASE -> {
                    String[] parts = f.location().split("\\.", 4);
                    String table = parts.length >= 3 ? parts[0] + "." + parts[1] + "." + parts[2] : f.location();
                    String tableName = parts.length >= 3 ? parts[2] : f.location();
                    add(evidence, f.component(), String.format(Locale.ROOT, "stores %,d card numbers in %s", f.occurrences(), f.location()));
                    targets.databases().stream().filter(d -> d.component().equals(f.component())).forEach(d -> {
                        add(evidence, d.owner(), "reads and writes " + table + ", which holds card numbers");
                        String reader = d.readers().get(tableName);
                        if (reader != null) {
                            add(evidence, reader, "reads " + table + ", which holds card numbers");
                        }
                    });
                }
                case KAFKA_TOPIC -> {
                    add(evidence, f.component(), String.format(Locale.ROOT, "topic %s holds %,d card numbers", f.location(), f.occurrences()));
                    if (f.location().startsWith("strangler.cdc.")) {
                        add(evidence, "cdc-bridge", "publishes " + f.location() + ", which holds card numbers");
                    }
                }
                case LOG_FILE -> add(evidence, f.component(), String.format(Locale.ROOT, "wrote %,d card numbers to %s", f.occurrences(), f.location()));
                // the server keeps them in its files; no application reads a WAL segment or a dead row version
                case DATA_FILE -> add(evidence, f.component(), String.format(Locale.ROOT, "keeps %,d card numbers in its files: %s", f.occurrences(), f.location()));
            }
        }
        for (PciScopeScan.ByDesign b : byDesign) {
            add(design, b.component(), b.why() + " (by design)");
        }
        List<PciScopeScan.ProcessInScope> processes = new ArrayList<>();
        List<String> components = new ArrayList<>(evidence.keySet());
        design.keySet().stream().filter(c -> !components.contains(c)).forEach(components::add);
        components.sort(Comparator.comparingInt((String c) -> LAB_ORDER.contains(c) ? LAB_ORDER.indexOf(c) : LAB_ORDER.size())
                .thenComparing(c -> c));
        for (String c : components) {
            List<String> all = new ArrayList<>(evidence.getOrDefault(c, List.of()));
            all.addAll(design.getOrDefault(c, List.of()));
            processes.add(new PciScopeScan.ProcessInScope(c, all, !evidence.containsKey(c)));
        }
        return processes;
    }

    private static void add(Map<String, List<String>> into, String component, String why) {
        List<String> list = into.computeIfAbsent(component, k -> new ArrayList<>());
        if (!list.contains(why)) {
            list.add(why);
        }
    }
}

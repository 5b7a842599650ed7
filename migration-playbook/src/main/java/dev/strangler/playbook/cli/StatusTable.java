package dev.strangler.playbook.cli;

import dev.strangler.playbook.lab.ComponentStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** The component table that {@code up} and {@code status} print. */
final class StatusTable {

    private StatusTable() {
    }

    static void print(List<ComponentStatus> rows, dev.strangler.playbook.lab.LabLayout layout, PrintWriter out) {
        String format = "%-16s %-9s %7s %6s %9s %8s %8s  %s%n";
        out.printf(format, "COMPONENT", "HEALTH", "PID", "PORT", "UPTIME", "MEMORY", "RSS", "URL");
        long totalMemory = 0;
        long totalRss = 0;
        for (ComponentStatus row : rows) {
            totalMemory += row.memoryMb().orElse(0L);
            totalRss += row.rssMb().orElse(0L);
            out.printf(format, row.component().name(), row.state(),
                    row.pid().map(String::valueOf).orElse("-"),
                    row.component().port(),
                    row.uptime().map(StatusTable::format).orElse("-"),
                    row.memoryMb().map(mb -> mb + " MB").orElse("-"),
                    row.rssMb().map(mb -> mb + " MB").orElse("-"),
                    row.component().url());
        }
        out.printf("%-16s %-9s %7s %6s %9s %8s %8s%n", "total", "", "", "", "", totalMemory + " MB", totalRss + " MB");
        out.println("MEMORY counts pages shared between processes once (PSS); RSS counts them in every process.");
        if (dev.strangler.playbook.lab.MonolithBuild.current(layout)
                == dev.strangler.playbook.lab.MonolithBuild.DECOMMISSIONED) {
            out.println("legacy-monolith runs its decommissioned build: "
                    + dev.strangler.playbook.lab.MonolithBuild.DECOMMISSIONED.description()
                    + " (the playbook's step 7; up --reset goes back to the original).");
        }
        out.flush();
    }

    static String format(Duration uptime) {
        long s = uptime.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        return (s / 3600) + "h" + (s % 3600 / 60) + "m";
    }
}

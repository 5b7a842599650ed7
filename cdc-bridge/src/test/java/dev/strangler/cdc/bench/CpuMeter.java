package dev.strangler.cdc.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time spent during a round, by who spent it: this JVM (the bridge, the Kafka broker, the load generator), the
 * PostgreSQL backends of each database (a backend's command line names its database: {@code postgres: user db ...}),
 * and the whole machine. Tells whether a round was bound by the cores it shares rather than by any one part.
 */
public final class CpuMeter {

    /** Linux's USER_HZ, which /proc's tick counts use: 100 on every common configuration. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    private final Map<String, String> databases;
    private final long jvm0;
    private final Map<String, Long> backends0;
    private final long[] machine0;
    private final Map<Long, ThreadTicks> threads0;
    private final long t0 = System.nanoTime();

    /** A thread of this JVM as /proc names it (its first 15 characters) and its user + system clock ticks. */
    private record ThreadTicks(String name, long ticks) {
    }

    /** @param databases label -> database name, e.g. {@code legacy_postgres -> benchshop_1} */
    public CpuMeter(Map<String, String> databases) {
        this.databases = databases;
        this.jvm0 = jvmNanos();
        this.backends0 = backends();
        this.machine0 = machine();
        this.threads0 = threads();
    }

    /** CPU seconds per part since construction, the machine's busy share, and microseconds of CPU per row. */
    public Map<String, Object> since(long rows) {
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        double jvm = (jvmNanos() - jvm0) / 1e9;
        out.put("benchmark_jvm_cpu_seconds", round(jvm));
        double total = jvm;
        Map<String, Long> now = backends();
        for (String label : databases.keySet()) {
            double s = (now.getOrDefault(label, 0L) - backends0.getOrDefault(label, 0L)) / 1e9;
            out.put(label + "_cpu_seconds", round(s));
            total += s;
        }
        long[] m = machine();
        double busy = (m[0] - machine0[0]) / (double) Math.max(1, m[1] - machine0[1]);
        out.put("wall_seconds", round(wall));
        out.put("machine_busy_share", round(busy));
        out.put("cpu_us_per_row_jvm_and_backends", Math.round(total * 1e6 / Math.max(1, rows)));
        out.put("jvm_threads_cpu_seconds", threadGroups(12));
        return out;
    }

    /**
     * This JVM's CPU by thread, threads named alike (digits dropped) summed, the {@code top} largest: which part of
     * the pipeline (Debezium's decoder, the capture handler, the applier, the broker) or of the JVM (GC, JIT) used the
     * cores. From /proc, so native code, GC and compiler threads count too (a JFR execution sample sees Java code
     * only). Threads that ended during the round are missing.
     */
    private Map<String, Double> threadGroups(int top) {
        Map<String, Long> ticks = new java.util.HashMap<>();
        threads().forEach((tid, now) -> {
            ThreadTicks before = threads0.get(tid);
            long used = now.ticks() - (before != null && before.name().equals(now.name()) ? before.ticks() : 0);
            ticks.merge(now.name().replaceAll("[0-9]+", "#"), used, Long::sum);
        });
        Map<String, Double> out = new LinkedHashMap<>();
        ticks.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.put(e.getKey(), round(e.getValue() / (double) CLOCK_TICKS_PER_SECOND)));
        return out;
    }

    private static Map<Long, ThreadTicks> threads() {
        Map<Long, ThreadTicks> out = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // "tid (name) state ...": the name may hold blanks and parentheses, the fields follow the last ')'
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(stat.indexOf('(') + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    // after the name: state is field 3 of proc(5), utime 14 and stime 15
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    out.put(Long.parseLong(task.getFileName().toString()), new ThreadTicks(name, ticks));
                } catch (IOException | RuntimeException e) {
                    // the thread ended while listed
                }
            });
        } catch (IOException | RuntimeException e) {
            // not Linux: no breakdown
        }
        return out;
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU nanoseconds of the live backends of each database (backends that exit in between are lost: few). */
    private Map<String, Long> backends() {
        Map<String, Long> out = new LinkedHashMap<>();
        ProcessHandle.allProcesses().forEach(p -> {
            // a backend rewrites its title ("postgres: user db host(port) state"), which /proc shows and
            // ProcessHandle.Info does not
            String cmd = cmdline(p.pid());
            if (!cmd.startsWith("postgres:")) {
                return;
            }
            for (Map.Entry<String, String> db : databases.entrySet()) {
                if (cmd.contains(" " + db.getValue() + " ")) {
                    long cpu = p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
                    out.merge(db.getKey(), cpu, Long::sum);
                }
            }
        });
        return out;
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ')
                    .trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** {busy jiffies, total jiffies} of all cores, from /proc/stat. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 1};
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

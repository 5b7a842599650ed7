package dev.strangler.cdc.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Where a lag run's time goes when the lag spikes: every 10 ms, what the forward applier's thread is doing (its top
 * frames in our code or the driver) and which PostgreSQL backends of each database are waiting or running a
 * statement for over 50 ms; per second, the JVM's GC time. Reported for the run's worst second next to the run's
 * totals, so a stall names its cause in the benchmark's JSON.
 */
public final class StallProbe implements AutoCloseable {

    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final long t0;
    private final Map<String, String> databases;
    private final String threadName;
    private final Thread sampler;
    private volatile boolean running = true;
    private @Nullable Thread applier;
    /** second -> "what" -> samples */
    private final Map<Integer, Map<String, Integer>> bySecond = new ConcurrentHashMap<>();
    private final Map<Integer, Long> gcMillisBySecond = new ConcurrentHashMap<>();

    /**
     * @param t0 the run's start (System.nanoTime), seconds are counted from it
     * @param databases name -> JDBC URL of each database to watch
     * @param threadName the thread whose stack is sampled (the forward applier's)
     */
    public StallProbe(long t0, Map<String, String> databases, String threadName) {
        this.t0 = t0;
        this.databases = databases;
        this.threadName = threadName;
        this.sampler = Thread.ofPlatform().name("bench-stall-probe").daemon().start(this::sample);
    }

    private void sample() {
        Map<String, Connection> connections = new LinkedHashMap<>();
        Map<String, PreparedStatement> queries = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> db : databases.entrySet()) {
                Connection c = DriverManager.getConnection(db.getValue());
                connections.put(db.getKey(), c);
                queries.put(db.getKey(), c.prepareStatement("select coalesce(application_name, ''),"
                        + " coalesce(wait_event_type, '-') || ':' || coalesce(wait_event, '-'),"
                        + " extract(epoch from clock_timestamp() - query_start) * 1000, left(regexp_replace(query,"
                        + " '\\s+', ' ', 'g'), 60), state from pg_stat_activity where pid <> pg_backend_pid()"
                        + " and backend_type = 'client backend' and state <> 'idle'"));
            }
            long gcBefore = gcMillis();
            int lastSecond = -1;
            long next = System.nanoTime();
            while (running) {
                long now = System.nanoTime();
                int second = (int) Math.max(-1, TimeUnit.NANOSECONDS.toSeconds(now - t0));
                if (second != lastSecond) {
                    long gc = gcMillis();
                    if (lastSecond >= 0) {
                        gcMillisBySecond.merge(lastSecond, gc - gcBefore, Long::sum);
                    }
                    gcBefore = gc;
                    lastSecond = second;
                }
                if (second >= 0) {
                    Map<String, Integer> counts = bySecond.computeIfAbsent(second, s -> new ConcurrentHashMap<>());
                    counts.merge("applier: " + applierFrames(), 1, Integer::sum);
                    for (Map.Entry<String, PreparedStatement> q : queries.entrySet()) {
                        try (ResultSet rs = q.getValue().executeQuery()) {
                            while (rs.next()) {
                                String wait = rs.getString(2);
                                double ageMs = rs.getDouble(3);
                                boolean active = rs.getString(5).equals("active");
                                // the age counts for a statement still running only: an idle session's query_start is
                                // its last statement's
                                if (!wait.equals("-:-") && !wait.startsWith("Client:") || active && ageMs > 50) {
                                    counts.merge(q.getKey() + " " + rs.getString(5) + " " + wait + " "
                                            + (active && ageMs > 50 ? ">50ms " : "") + "[" + rs.getString(1) + "] "
                                            + rs.getString(4), 1, Integer::sum);
                                }
                            }
                        }
                    }
                }
                next += PERIOD_NANOS;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    next = System.nanoTime();
                }
            }
        } catch (Exception e) {
            bySecond.computeIfAbsent(-1, s -> new ConcurrentHashMap<>()).merge("probe failed: " + e, 1, Integer::sum);
        } finally {
            for (Connection c : connections.values()) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // the probe's own connection
                }
            }
        }
    }

    /** The applier's top frames in our code or the driver; one thread's stack, not every thread's, per sample. */
    private String applierFrames() {
        Thread thread = applier;
        if (thread == null || !thread.isAlive()) {
            thread = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(threadName))
                    .findFirst().orElse(null);
            applier = thread;
            if (thread == null) {
                return "(no thread " + threadName + ")";
            }
        }
        List<String> frames = new ArrayList<>();
        for (StackTraceElement f : thread.getStackTrace()) {
            String cls = f.getClassName();
            if (cls.startsWith("dev.strangler") || cls.startsWith("org.postgresql.core.v3.QueryExecutorImpl")
                    || cls.startsWith("org.apache.kafka.clients.consumer.internals.ClassicKafkaConsumer")
                    || cls.startsWith("com.zaxxer.hikari.pool.HikariPool")) {
                frames.add(cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethodName());
                if (frames.size() == 3) {
                    break;
                }
            }
        }
        return thread.getState() + " " + String.join(" < ", frames);
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join(5_000);
    }

    /**
     * The report: per second the GC milliseconds; for {@code worstSecond} and for the whole run the most frequent
     * samples (each sample is 10 ms).
     */
    public Map<String, Object> report(int worstSecond) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("sample_period_ms", 10);
        r.put("gc_ms_per_second", new TreeMap<>(gcMillisBySecond).values());
        r.put("worst_second", worstSecond);
        r.put("worst_second_top", top(bySecond.getOrDefault(worstSecond, Map.of()), 12));
        Map<String, Integer> all = new LinkedHashMap<>();
        bySecond.values().forEach(m -> m.forEach((k, v) -> all.merge(k, v, Integer::sum)));
        r.put("whole_run_top", top(all, 12));
        return r;
    }

    private static List<String> top(Map<String, Integer> counts, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(n).map(e -> e.getValue() + " x " + e.getKey()).toList();
    }
}

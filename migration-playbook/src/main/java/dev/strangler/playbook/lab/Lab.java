package dev.strangler.playbook.lab;

import dev.strangler.lab.process.FileTrees;
import dev.strangler.lab.process.Ports;
import dev.strangler.lab.process.ProcessInfo;
import dev.strangler.lab.process.Processes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Starts, lists and stops the lab's components. */
public final class Lab {

    static final Duration HEALTH_CHECK_DEADLINE = Duration.ofSeconds(10);

    /** The analysis's reports: {@code analysis-<extraction>.md}, {@code .json}, {@code -history.json}. */
    private static final Pattern ANALYSIS_REPORT = Pattern.compile("analysis(-[a-z][a-z0-9-]*)?\\.(md|json)");

    private final LabLayout layout;
    private final List<LabComponent> components;
    private final PrintWriter out;

    public Lab(LabLayout layout, List<LabComponent> components, PrintWriter out) {
        this.layout = layout;
        this.components = List.copyOf(components);
        this.out = out;
        checkDependencies();
    }

    public LabLayout layout() {
        return layout;
    }

    public List<LabComponent> components() {
        return components;
    }

    public Optional<LabComponent> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * Starts every component that does not already run healthy, independent ones in parallel, each once its
     * dependencies are healthy. Fails before starting anything when a port is taken.
     */
    public void up() {
        stopOrphans();
        List<LabComponent> toStart = new ArrayList<>();
        for (LabComponent component : components) {
            Optional<ProcessHandle> running = component.launcher().running();
            if (running.isPresent() && healthy(component)) {
                out.printf("  = %-16s already running (pid %d)%n", component.name(), running.get().pid());
                continue;
            }
            if (running.isPresent()) {
                out.printf("  ! %-16s running but not healthy: restarting it%n", component.name());
                component.launcher().stop();
            }
            toStart.add(component);
        }
        checkPortsFree(toStart);

        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Map<String, CompletableFuture<Void>> started = new HashMap<>();
            for (LabComponent component : components) {
                CompletableFuture<?>[] deps = component.dependsOn().stream().map(started::get).toArray(CompletableFuture[]::new);
                started.put(component.name(), CompletableFuture.allOf(deps).thenRunAsync(() -> {
                    if (toStart.contains(component)) {
                        startAndAwait(component);
                    }
                }, executor));
            }
            CompletableFuture.allOf(started.values().toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof LabException lab ? lab : new LabException(String.valueOf(cause.getMessage()), cause);
        } finally {
            executor.shutdown();
        }
    }

    /** Starts a component outside the lab's standard set (a standby) and waits until it is healthy. */
    public void startExtra(LabComponent component) {
        checkPortsFree(List.of(component));
        startAndAwait(component);
    }

    private void startAndAwait(LabComponent component) {
        long t0 = System.nanoTime();
        out.printf("  > %-16s starting%n", component.name());
        try {
            component.launcher().start();
        } catch (RuntimeException e) {
            throw failure(component, "could not start: " + e.getMessage());
        }
        long deadline = t0 + component.startTimeout().toNanos();
        while (!healthy(component)) {
            if (component.launcher().running().isEmpty()) {
                throw failure(component, "exited during start-up");
            }
            if (System.nanoTime() > deadline) {
                throw failure(component, "did not become healthy within " + component.startTimeout().toSeconds() + " s");
            }
            pause(Duration.ofMillis(150));
        }
        try {
            component.afterStart().run();
        } catch (Exception e) {
            throw failure(component, "started, but its set-up failed: " + e.getMessage());
        }
        out.printf("  + %-16s healthy in %.1f s%n", component.name(), (System.nanoTime() - t0) / 1e9);
    }

    private LabException failure(LabComponent component, String what) {
        Path log = layout.log(component.name());
        StringBuilder message = new StringBuilder(component.name()).append(' ').append(what).append('.');
        List<String> tail = tail(log, 20);
        if (!tail.isEmpty()) {
            message.append("\nLast lines of ").append(log).append(":\n");
            tail.forEach(line -> message.append("    ").append(line).append('\n'));
        }
        message.append("\nThe components that did start keep running: ./strangler status shows them, ./strangler down stops them.");
        return new LabException(message.toString());
    }

    private void checkPortsFree(List<LabComponent> toStart) {
        List<String> problems = new ArrayList<>();
        for (LabComponent component : toStart) {
            for (int port : component.allPorts()) {
                if (!Ports.isFree(port)) {
                    String who = Ports.describeListener(port).orElse("another process");
                    problems.add("port " + port + " (needed by " + component.name() + ") is in use by " + who);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new LabException(String.join("\n", problems)
                    + "\nStop that process, or run the lab on other ports: STRANGLER_PORT_OFFSET=1000 ./strangler up");
        }
        warnAboutEphemeralPorts(toStart);
    }

    // A port the kernel also hands to outgoing connections can be taken by any program between this check and the
    // component's bind; the start-up then fails with "port already in use" although the check passed.
    private void warnAboutEphemeralPorts(List<LabComponent> toStart) {
        ephemeralPortWarning(toStart.stream().flatMap(c -> c.allPorts().stream()).toList(), Ports.ephemeralRange())
                .ifPresent(out::println);
    }

    static Optional<String> ephemeralPortWarning(List<Integer> ports, Ports.PortRange ephemeral) {
        List<String> risky = ports.stream().filter(ephemeral::contains).sorted().map(String::valueOf).toList();
        if (risky.isEmpty()) {
            return Optional.empty();
        }
        boolean one = risky.size() == 1;
        return Optional.of("warning: port" + (one ? " " : "s ") + String.join(", ", risky) + (one ? " lies" : " lie")
                + " in the range the kernel uses for outgoing connections (" + ephemeral + "): another program can take "
                + (one ? "it" : "them") + " at any moment; a smaller STRANGLER_PORT_OFFSET keeps the lab below it");
    }

    /** Stops every component, dependents first, then anything a crash left behind. */
    public void down() {
        List<LabComponent> reversed = new ArrayList<>(components);
        java.util.Collections.reverse(reversed);
        for (LabComponent component : reversed) {
            Optional<ProcessHandle> running = component.launcher().running();
            if (running.isPresent()) {
                out.printf("  - %-16s stopping (pid %d)%n", component.name(), running.get().pid());
            }
            if (!component.launcher().stop()) {
                out.printf("  ! %-16s did not stop; kill it by hand%n", component.name());
            }
        }
        stopOrphans();
    }

    /** Stops lab processes that no pid file names: what a launcher killed between start and pid file left behind. */
    private void stopOrphans() {
        List<Long> tracked = components.stream().flatMap(c -> c.launcher().running().stream()).map(ProcessHandle::pid).toList();
        leftovers().stream().filter(p -> !tracked.contains(p.pid())).forEach(p -> {
            out.printf("  - stopping leftover pid %d (%s)%n", p.pid(), abbreviate(ProcessInfo.commandLine(p.pid())));
            Processes.stop(p, Duration.ofSeconds(20));
        });
    }

    /** Processes that carry this lab's marker but are not (or no longer) in a pid file, e.g. after a crash. */
    public List<ProcessHandle> leftovers() {
        String marker = LabComponents.labMarker(layout);
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> {
                    String cmd = ProcessInfo.commandLine(p.pid());
                    return cmd.contains(marker + " ") || cmd.endsWith(marker);
                })
                .toList();
    }

    /** One row per component. */
    public List<ComponentStatus> status() {
        return components.stream().map(component -> {
            Optional<ProcessHandle> running = component.launcher().running();
            if (running.isEmpty()) {
                return new ComponentStatus(component, Optional.empty(), ComponentStatus.State.STOPPED, Optional.empty(),
                        Optional.empty(), Optional.empty());
            }
            long pid = running.get().pid();
            ComponentStatus.State state = healthy(component) ? ComponentStatus.State.HEALTHY : ComponentStatus.State.UNHEALTHY;
            return new ComponentStatus(component, Optional.of(pid), state, ProcessInfo.uptime(pid),
                    Optional.of(ProcessInfo.treeMemoryMb(pid)), Optional.of(ProcessInfo.treeRssMb(pid)));
        }).toList();
    }

    /**
     * Runs a component's health check with a deadline: a check that blocks (a client library waiting without bound)
     * counts as unhealthy instead of stalling the whole lab.
     */
    static boolean healthy(LabComponent component) {
        CompletableFuture<Boolean> check = CompletableFuture.supplyAsync(component.health()::healthy,
                command -> Thread.ofVirtual().name("health-" + component.name()).start(command));
        try {
            return check.get(HEALTH_CHECK_DEADLINE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            check.cancel(true);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void checkDependencies() {
        List<String> seen = new ArrayList<>();
        for (LabComponent component : components) {
            for (String dependency : component.dependsOn()) {
                if (!seen.contains(dependency)) {
                    throw new IllegalStateException(component.name() + " depends on " + dependency
                            + ", which must be listed before it");
                }
            }
            seen.add(component.name());
        }
    }

    /**
     * Stops every component and deletes everything the lab and the playbook made ({@link #made}), so that the next
     * {@code up} starts the lab as the first one did: the original monolith on its first port, seeded, and the
     * playbook at its first step. This lab's components were read before the reset (which build of the monolith, on
     * which port): start the next {@code up} on a new {@code Lab}.
     */
    public void reset() {
        down();
        made(layout).forEach(FileTrees::deleteRecursively);
        out.println("Lab state removed: starting from scratch.");
    }

    /**
     * What the lab and the playbook write, which a reset deletes: in the lab directory the components' data (databases,
     * Kafka log, registry storage, the proxy's routes), logs and pid files; the build and port the playbook's
     * decommission deployed; where each playbook run stands; the record of chaos drills; the proxy's admin token (the
     * proxy makes a new one when it starts). In the reports directory, the playbook's evidence: every step's, the PCI
     * scope's report and its baseline (the "before" that the analyse step takes once and keeps), each extraction's
     * analysis with its burndown history ({@code analysis-<name>.md}, {@code .json}, {@code -history.json}; and the
     * unsuffixed {@code analysis.*} earlier versions wrote for payments), the rehearsal's.
     *
     * <p>Kept, because the user wrote or chose them and they hold no state of the lab: {@code overrides/} (extra
     * arguments per component), {@code log-format} and {@code prometheus/} (set by {@code up}'s flags, which a reset
     * given with them must not undo; Prometheus's data is under {@code data/}), and any other file in the reports
     * directory. No build cache lives here: the toolkit's build is in {@code target/}, the database and registry
     * binaries in {@code ~/.m2/lab-infra-cache/}.
     */
    static List<Path> made(LabLayout layout) {
        Path root = layout.root();
        Path reports = layout.reports();
        List<Path> made = new ArrayList<>(List.of(root.resolve("data"), root.resolve("logs"), root.resolve("run"),
                MonolithBuild.file(layout), layout.playbookStates(), root.resolve("chaos"),
                LabComponents.proxyTokenFile(layout), reports.resolve("playbook"), reports.resolve("pci-scope.md"),
                reports.resolve("pci-scope.json"), reports.resolve("pci-scope-baseline.json"),
                reports.resolve("rehearsal.json")));
        if (Files.isDirectory(reports)) {
            // one analysis and one rehearsal per extraction (analysis-<name>.*, rehearsal-<name>.json)
            try (Stream<Path> files = Files.list(reports)) {
                files.filter(f -> ANALYSIS_REPORT.matcher(f.getFileName().toString()).matches()
                        || f.getFileName().toString().matches("rehearsal-[a-z0-9-]+\\.json")).sorted()
                        .forEach(made::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + reports, e);
            }
        }
        return List.copyOf(made);
    }

    static List<String> tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (Stream<String> all = Files.lines(file, java.nio.charset.StandardCharsets.UTF_8)) {
            List<String> list = all.toList();
            return list.subList(Math.max(0, list.size() - lines), list.size());
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    private static String abbreviate(String command) {
        return command.length() <= 100 ? command : command.substring(0, 97) + "...";
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }
}

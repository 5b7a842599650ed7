package dev.strangler.playbook.cli;

import dev.strangler.lab.process.Ports;
import dev.strangler.lab.process.ProcessInfo;
import dev.strangler.playbook.lab.LabComponents;
import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The packaged CLI ({@code target/strangler.jar}, what {@code ./strangler} runs) as a separate process, against a
 * lab of a test's own: its own directory and ports shifted by an offset free on this machine.
 */
final class LabCli {

    /** What a finished command printed and returned. */
    record Result(int exitCode, String output) {
    }

    private final Path lab;
    private final int offset;
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();

    LabCli(Path lab, int firstOffset) {
        this.lab = lab;
        // free now, and below the kernel's range for outgoing connections: a port in that range can be taken by any
        // client connection between this check and the component's bind (a CI run lost the payment service to that)
        Ports.PortRange ephemeral = Ports.ephemeralRange();
        this.offset = IntStream.iterate(firstOffset, o -> o + 500).limit(20)
                .filter(o -> LabComponents.standard(new LabLayout(Path.of("."), lab), new LabPorts(o)).stream()
                        .flatMap(c -> c.allPorts().stream()).allMatch(p -> p < ephemeral.first() && Ports.isFree(p)))
                .findFirst().orElseThrow(() -> new IllegalStateException(
                        "no port offset from " + firstOffset + " keeps the lab free and below " + ephemeral));
    }

    Path lab() {
        return lab;
    }

    /** An environment variable for every command run from now on. */
    LabCli with(String name, String value) {
        environment.put(name, value);
        return this;
    }

    int offset() {
        return offset;
    }

    LabPorts ports() {
        return new LabPorts(offset);
    }

    Result run(String... args) throws IOException, InterruptedException {
        Path output = Files.createTempFile("strangler-cli", ".out");
        Process process = start(output, args);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("strangler " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        return new Result(process.exitValue(), text);
    }

    Process start(Path output, String... args) throws IOException {
        Path jar = Path.of("target/strangler.jar").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dstrangler.home=" + Path.of("..").toAbsolutePath().normalize(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("STRANGLER_LAB_DIR", lab.toString());
        builder.environment().put("STRANGLER_PORT_OFFSET", Integer.toString(offset));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Every process of this lab: JVMs carry the lab marker, postmasters the data directory. */
    List<Long> processes() {
        String marker = "-Dstrangler.lab=" + lab;
        String data = lab.resolve("data").toString();
        return ProcessHandle.allProcesses().map(ProcessHandle::pid).filter(pid -> {
            String cmd = ProcessInfo.commandLine(pid);
            return cmd.contains(marker) || (cmd.contains("/bin/postgres") && cmd.contains(data));
        }).toList();
    }
}

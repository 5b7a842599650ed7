package dev.strangler.playbook.cli;

import dev.strangler.playbook.lab.Lab;
import dev.strangler.playbook.lab.LabComponent;
import dev.strangler.playbook.lab.LabException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = "Print a component's log file (.lab/logs/<component>.log).")
final class LogsCommand extends LabCommand implements Callable<Integer> {

    @Parameters(paramLabel = "<component>", description = "One of the names `strangler status` lists.")
    String name;

    @Option(names = {"-n", "--lines"}, description = "How many of the last lines to print (default ${DEFAULT-VALUE}).", defaultValue = "50")
    int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing what is appended, until Ctrl-C.")
    boolean follow;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ContextChoice.labOnly(spec, "It reads the lab's log files on this machine; a deployment's logs are where it"
                + " keeps them.");
        Lab lab = lab();
        LabComponent component = lab.component(name).orElseThrow(() -> new LabException("no component '" + name
                + "'; the lab has: " + lab.components().stream().map(LabComponent::name).collect(Collectors.joining(", "))));
        Path log = lab.layout().log(component.name());
        if (!Files.exists(log)) {
            throw new LabException("no log yet for " + component.name() + " (" + log + "): has the lab been started?");
        }
        try (Stream<String> all = Files.lines(log, StandardCharsets.UTF_8)) {
            List<String> list = all.toList();
            list.subList(Math.max(0, list.size() - lines), list.size()).forEach(out()::println);
        }
        out().flush();
        if (follow) {
            follow(log);
        }
        return 0;
    }

    private void follow(Path log) throws IOException, InterruptedException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long position = file.length();
            byte[] buffer = new byte[8192];
            while (!Thread.currentThread().isInterrupted()) {
                if (file.length() < position) {
                    position = 0; // the file was truncated or replaced
                }
                file.seek(position);
                int read;
                while ((read = file.read(buffer)) > 0) {
                    System.out.write(buffer, 0, read);
                    position += read;
                }
                System.out.flush();
                Thread.sleep(250);
            }
        }
    }
}

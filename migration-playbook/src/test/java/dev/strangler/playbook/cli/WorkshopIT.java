package dev.strangler.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.process.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The workshop's pages as a test: every command of every {@code bash} block of {@code workshop/NN-*.md} runs, in order,
 * against a lab of this test's own, and its output must match the block's {@code <!-- expect: regex -->} comments and
 * its exit code the {@code <!-- exit: N -->} one (0 when absent). So the exercises cannot drift from the toolkit.
 *
 * <p>Two substitutions, both announced in the workshop's README: after {@code up} the shop is re-seeded with 300
 * orders, and {@code playbook ... payments} runs the shipped playbook with shorter observation windows and a looser
 * shadow gate (the same steps and actions).
 */
class WorkshopIT {

    private static final Path WORKSHOP = Path.of("workshop");
    private static final Path LAB = Path.of("target/it-workshop-lab").toAbsolutePath();
    private static final Path REPORTS = Path.of("target/it-workshop-reports").toAbsolutePath();
    private static final Path PLAYBOOK = Path.of("target/it-workshop/payments/payments.yaml").toAbsolutePath();
    private static final Path CUSTOMERS_PLAYBOOK = Path.of("target/it-workshop/customers/customers.yaml")
            .toAbsolutePath();
    private static final Pattern EXPECT = Pattern.compile("<!-- expect: (.*) -->");
    private static final Pattern EXIT = Pattern.compile("<!-- exit: (\\d+) -->");
    private static LabCli cli;

    /** One {@code bash} block: its commands, and what their output and exit codes must show. */
    record Block(String exercise, List<List<String>> commands, List<Pattern> expected, int exitCode) {
    }

    @BeforeAll
    static void ownLab() throws Exception {
        if (Files.exists(LAB)) {
            new LabCli(LAB, 8000).run("down");
            FileTrees.deleteRecursively(LAB);
        }
        FileTrees.deleteRecursively(REPORTS);
        cli = new LabCli(LAB, 8000).with("STRANGLER_REPORTS_DIR", REPORTS.toString());
        shortened("payments", PLAYBOOK);
        shortened("customers", CUSTOMERS_PLAYBOOK);
    }

    /** The shipped descriptor with shorter observation windows and a looser shadow gate: the same steps and actions. */
    private static void shortened(String extraction, Path copy) throws IOException {
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, Files.readString(Path.of("../extractions/" + extraction + ".yaml"))
                .replace("settle-seconds: 30", "settle-seconds: 5")
                .replace("min-compared: 1000", "min-compared: 200")
                .replace("payments-write: 200", "payments-write: 40")
                .replace("max-diff-rate: 0.01", "max-diff-rate: 0.10")
                .replace("traffic-rps: 20", "traffic-rps: 30")
                .replace("percents: [5, 25, 50, 100]", "percents: [50, 100]")
                .replace("observe-seconds: 15", "observe-seconds: 8"));
    }

    @AfterAll
    static void down() throws Exception {
        if (cli != null) {
            cli.run("down");
        }
    }

    @Test
    void everyExerciseHasCommandsWhatToSeeAndAQuestion() throws IOException {
        List<Path> exercises = exercises();
        assertThat(exercises).hasSize(9);
        for (Path exercise : exercises) {
            String text = Files.readString(exercise);
            assertThat(text).as(exercise.toString()).contains("**Goal:**", "**You should see:**", "**Discuss:**");
            assertThat(blocks(exercise)).as(exercise + " has commands").isNotEmpty();
        }
    }

    @TestFactory
    Stream<DynamicTest> theExercisesRunAsWritten() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path exercise : exercises()) {
            tests.add(DynamicTest.dynamicTest(exercise.getFileName().toString(), () -> {
                for (Block block : blocks(exercise)) {
                    run(block);
                }
            }));
        }
        return tests.stream();
    }

    private static void run(Block block) throws Exception {
        StringBuilder output = new StringBuilder();
        for (List<String> command : block.commands()) {
            List<String> args = substitute(command);
            LabCli.Result result = cli.run(args.toArray(String[]::new));
            output.append("$ strangler ").append(String.join(" ", args)).append('\n').append(result.output());
            boolean last = command == block.commands().getLast();
            int expectedExit = last ? block.exitCode() : 0;
            assertThat(result.exitCode()).as(block.exercise() + ": strangler " + String.join(" ", args) + "\n"
                    + result.output()).isEqualTo(expectedExit);
            if (args.getFirst().equals("up")) {
                // the substitution for time: a small shop instead of the 10,000 seeded orders
                LabCli.Result seed = cli.run("seed", "--orders", "300");
                assertThat(seed.exitCode()).as(seed.output()).isZero();
            }
        }
        for (Pattern expected : block.expected()) {
            assertThat(expected.matcher(output).find()).as(block.exercise() + ": expected /" + expected + "/ in\n"
                    + output).isTrue();
        }
    }

    /**
     * {@code playbook <verb> payments|customers} runs the test's copy of that playbook; a lab database's JDBC URL
     * names the test lab's port (the documented one plus the offset).
     */
    private static List<String> substitute(List<String> args) {
        List<String> out = new ArrayList<>(args);
        if (out.size() >= 3 && out.get(0).equals("playbook") && out.get(2).equals("payments")) {
            out.set(2, PLAYBOOK.toString());
        }
        if (out.size() >= 3 && out.get(0).equals("playbook") && out.get(2).equals("customers")) {
            out.set(2, CUSTOMERS_PLAYBOOK.toString());
        }
        out.replaceAll(WorkshopIT::shiftedPorts);
        return out;
    }

    private static String shiftedPorts(String arg) {
        Matcher m = LAB_JDBC_PORT.matcher(arg);
        return m.find() ? m.replaceFirst("127.0.0.1:" + (Integer.parseInt(m.group(1)) + cli.offset()) + "/") : arg;
    }

    private static final Pattern LAB_JDBC_PORT = Pattern.compile("127\\.0\\.0\\.1:(1543\\d)/");

    private static List<Path> exercises() throws IOException {
        try (Stream<Path> files = Files.list(WORKSHOP)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.md")).sorted().toList();
        }
    }

    /** The bash blocks of an exercise with the expectations that follow each. */
    static List<Block> blocks(Path exercise) throws IOException {
        List<String> lines = Files.readAllLines(exercise);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().equals("```bash")) {
                continue;
            }
            List<List<String>> commands = new ArrayList<>();
            for (i++; !lines.get(i).trim().equals("```"); i++) {
                String line = lines.get(i).trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                assertThat(line).as(exercise + ": every workshop command is a ./strangler command the test can run")
                        .startsWith("./strangler ");
                String command = line.substring("./strangler ".length());
                int comment = command.indexOf("  #");
                commands.add(words(comment < 0 ? command : command.substring(0, comment)));
            }
            List<Pattern> expected = new ArrayList<>();
            int exit = 0;
            for (i++; i < lines.size() && lines.get(i).trim().startsWith("<!--"); i++) {
                var e = EXPECT.matcher(lines.get(i).trim());
                var x = EXIT.matcher(lines.get(i).trim());
                if (e.matches()) {
                    expected.add(Pattern.compile(e.group(1)));
                } else if (x.matches()) {
                    exit = Integer.parseInt(x.group(1));
                }
            }
            i--; // the line after the comments is text the outer loop looks at again
            blocks.add(new Block(exercise.getFileName().toString(), commands, expected, exit));
        }
        return blocks;
    }

    /** Splits a command line into words, honouring double quotes (all the workshop's commands need). */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.trim().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    words.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }
}

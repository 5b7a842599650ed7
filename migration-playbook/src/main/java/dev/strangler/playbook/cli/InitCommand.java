package dev.strangler.playbook.cli;

import dev.strangler.playbook.init.InitDraft;
import dev.strangler.playbook.init.LiveSchemas;
import dev.strangler.playbook.init.SchemaReadException;
import dev.strangler.playbook.init.SchemaSnapshot;
import dev.strangler.playbook.init.TableSchema;
import dev.strangler.playbook.lab.LabLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strangler init}: a first descriptor for an extraction of your own, drafted from the two live databases, so
 * that nobody starts from a blank file or from a copy of the payments one.
 */
@Command(name = "init", description = {
        "Draft an extraction descriptor (extractions/<name>.yaml) from the live schemas of the monolith's and the"
                + " service's PostgreSQL databases: a table pair per --table, fields matched by column name, types and"
                + " conversions from the column types, a route per table, reconciliation and the playbook's steps.",
        "What the schemas cannot decide is written as TODO, with a value that does not validate; the command lists"
                + " each one with its line. Exits 1 when a database cannot be read or a table is missing."})
final class InitCommand implements Callable<Integer> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,59}");
    private static final Pattern TABLE = Pattern.compile("([a-z_][a-z0-9_$]*\\.)?[a-z_][a-z0-9_$]*");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME",
            description = "The extraction's name (lower case, digits and -): the file is <name>.yaml.")
    String name;

    @Option(names = "--legacy-jdbc", required = true, paramLabel = "URL", description = "The monolith's database,"
            + " e.g. jdbc:postgresql://127.0.0.1:15432/shop?user=postgres (user and password as URL parameters).")
    String legacyJdbc;

    @Option(names = "--service-jdbc", required = true, paramLabel = "URL",
            description = "The service's database, e.g. jdbc:postgresql://127.0.0.1:15433/payments?user=postgres.")
    String serviceJdbc;

    @Option(names = "--table", required = true, paramLabel = "TABLE",
            description = "A table of the monolith that moves (schema.table outside public); repeat for more.")
    List<String> tables;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the draft (default: extractions/<name>.yaml in the repository).")
    @Nullable Path out;

    @Option(names = "--force", description = "Overwrite the file if it exists.")
    boolean force;

    @Override
    public Integer call() {
        List<String> moving = tables.stream().distinct().toList();
        validate(moving);
        Path file = out != null ? out : LabLayout.fromEnvironment().inRepository("extractions").resolve(name + ".yaml");
        PrintWriter err = spec.commandLine().getErr();
        if (Files.exists(file) && !force) {
            err.println("error: " + file + " exists: not overwritten (--force overwrites it)");
            err.flush();
            return 1;
        }
        SchemaSnapshot legacy;
        SchemaSnapshot service;
        try {
            legacy = read("legacy", legacyJdbc, moving);
            service = read("service", serviceJdbc, moving);
        } catch (SchemaReadException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        }
        List<String> missing = moving.stream().filter(t -> legacy.table(t).isEmpty()).toList();
        if (!missing.isEmpty()) {
            err.println("error: the legacy database " + legacy.database() + " has no table " + String.join(", ",
                    missing) + " (" + LiveSchemas.withoutParameters(legacyJdbc) + ")");
            err.flush();
            return 1;
        }

        InitDraft draft = InitDraft.of(name, moving, legacy, service, schemaRef(file));
        try {
            write(file, draft.yaml(), force);
        } catch (IOException e) {
            err.println("error: cannot write " + file + ": " + e);
            err.flush();
            return 1;
        }
        report(file, draft, moving.stream().filter(t -> service.table(t).isEmpty()).toList());
        return 0;
    }

    private void validate(List<String> moving) {
        if (!NAME.matcher(name).matches()) {
            throw new ParameterException(spec.commandLine(), "the name '" + name + "' is not an extraction's name:"
                    + " lower case letters, digits and -, starting with a letter");
        }
        for (String t : moving) {
            if (!TABLE.matcher(t).matches()) {
                throw new ParameterException(spec.commandLine(), "--table " + t + ": a descriptor names tables in"
                        + " lower case (letters, digits, _ and $), optionally schema.table");
            }
        }
        for (String url : List.of(legacyJdbc, serviceJdbc)) {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new ParameterException(spec.commandLine(), "not a PostgreSQL JDBC URL: "
                        + LiveSchemas.withoutParameters(url) + " (jdbc:postgresql://host:port/database?user=...)");
            }
        }
        if (out != null && !out.getFileName().toString().equals(name + ".yaml")) {
            throw new ParameterException(spec.commandLine(), "--out " + out + ": a descriptor's file is named after"
                    + " the extraction, " + name + ".yaml");
        }
    }

    private static SchemaSnapshot read(String side, String url, List<String> tables) {
        try {
            return LiveSchemas.read(url, tables);
        } catch (SchemaReadException e) {
            throw new SchemaReadException("cannot read the " + side + " database " + e.getMessage(), e);
        }
    }

    /** The repository's JSON Schema as the draft's editors find it from the file, when the repository has it. */
    private static @Nullable String schemaRef(Path file) {
        Path schema = LabLayout.fromEnvironment().inRepository("extractions").resolve("extraction.schema.json");
        Path dir = file.toAbsolutePath().normalize().getParent();
        if (!Files.isRegularFile(schema) || dir == null) {
            return null;
        }
        return dir.relativize(schema.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static void write(Path file, String yaml, boolean overwrite) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        // without --force, a file that appeared since the check is not overwritten either
        OpenOption[] options = overwrite ? new OpenOption[0] : new OpenOption[] {StandardOpenOption.CREATE_NEW};
        Files.writeString(file, yaml, options);
    }

    private void report(Path written, InitDraft draft, List<String> notInService) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = written.toAbsolutePath().normalize();
        Path file = absolute.startsWith(cwd) ? cwd.relativize(absolute) : written;
        PrintWriter o = spec.commandLine().getOut();
        if (!notInService.isEmpty()) {
            o.println("The service's database has no table " + String.join(", ", notInService)
                    + ": drafted with the monolith's columns.");
        }
        // never none: the services' names and addresses are not in any schema
        o.printf("Wrote %s: a draft with %d TODO%s; it validates once each is resolved:%n", file,
                draft.todos().size(), draft.todos().size() == 1 ? "" : "s");
        for (InitDraft.Todo t : draft.todos()) {
            o.printf("  %s:%d: %s%n", file, t.line(), t.decide());
        }
        o.println("Resolved, it is checked against both databases when the CDC bridge starts (LiveSchemaCheck).");
        o.flush();
    }
}

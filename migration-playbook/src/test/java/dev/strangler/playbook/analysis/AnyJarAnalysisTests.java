package dev.strangler.playbook.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strangler.playbook.analysis.AnalysisReport.Mode;
import dev.strangler.playbook.analysis.AnalysisReport.TableAccess;
import dev.strangler.playbook.analysis.AnalysisReport.Tangle;
import dev.strangler.playbook.analysis.AnalysisReport.TangleKind;
import dev.strangler.playbook.cli.AnalyseCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code strangler analyse --jar} on an application that is not the shop and has no descriptor: a billing module and
 * a reports module over plain JDBC, compiled and jarred here. The reports read and purge the billing module's
 * {@code invoices} table behind its back, in SQL text: the analysis must name them.
 */
class AnyJarAnalysisTests {

    private static final Map<String, String> SOURCES = Map.of(
            "com/example/billing/Invoice.java", """
                    package com.example.billing;

                    public record Invoice(long id, String customer, long amountCents, boolean paid) {
                    }
                    """,
            "com/example/billing/InvoiceRepository.java", """
                    package com.example.billing;

                    import java.sql.Connection;
                    import java.sql.PreparedStatement;
                    import java.sql.ResultSet;
                    import java.sql.SQLException;
                    import javax.sql.DataSource;

                    public class InvoiceRepository {

                        private static final String FIND = \"""
                                select id, customer, amount_cents, paid
                                  from billing.invoices
                                 where id = ?\""";

                        private final DataSource dataSource;

                        public InvoiceRepository(DataSource dataSource) {
                            this.dataSource = dataSource;
                        }

                        public Invoice find(long id) throws SQLException {
                            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FIND)) {
                                s.setLong(1, id);
                                try (ResultSet rs = s.executeQuery()) {
                                    return rs.next() ? new Invoice(rs.getLong(1), rs.getString(2), rs.getLong(3),
                                            rs.getBoolean(4)) : null;
                                }
                            }
                        }

                        public void save(Invoice invoice) throws SQLException {
                            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                                    "INSERT INTO invoices (id, customer, amount_cents, paid) VALUES (?, ?, ?, ?)")) {
                                s.setLong(1, invoice.id());
                                s.setString(2, invoice.customer());
                                s.setLong(3, invoice.amountCents());
                                s.setBoolean(4, invoice.paid());
                                s.executeUpdate();
                            }
                        }

                        public void markPaid(long id) throws SQLException {
                            try (Connection c = dataSource.getConnection();
                                    PreparedStatement s = c.prepareStatement("update invoices set paid = true where id = ?")) {
                                s.setLong(1, id);
                                s.executeUpdate();
                            }
                        }
                    }
                    """,
            "com/example/billing/Billing.java", """
                    package com.example.billing;

                    import java.sql.SQLException;

                    public class Billing {

                        private final InvoiceRepository invoices;

                        public Billing(InvoiceRepository invoices) {
                            this.invoices = invoices;
                        }

                        public void pay(long invoice) throws SQLException {
                            invoices.markPaid(invoice);
                        }
                    }
                    """,
            "com/example/reports/RevenueReport.java", """
                    package com.example.reports;

                    import com.example.billing.Billing;
                    import java.sql.Connection;
                    import java.sql.PreparedStatement;
                    import java.sql.ResultSet;
                    import java.sql.SQLException;
                    import java.sql.Statement;
                    import java.util.List;
                    import javax.sql.DataSource;

                    public class RevenueReport {

                        private final DataSource dataSource;
                        private final Billing billing;

                        public RevenueReport(DataSource dataSource, Billing billing) {
                            this.dataSource = dataSource;
                            this.billing = billing;
                        }

                        public long revenue(String customer, int period) throws SQLException {
                            String since = switch (period) {
                                case 0 -> "1 day";
                                case 1 -> "7 days";
                                case 2 -> "30 days";
                                default -> "365 days";
                            };
                            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                                    "select sum(i.amount_cents) from invoices i join customers c on c.name = i.customer"
                                            + " where c.name = ? and i.created_at > now() - cast(? as interval)")) {
                                s.setString(1, customer);
                                s.setString(2, since);
                                try (ResultSet rs = s.executeQuery()) {
                                    return rs.next() ? rs.getLong(1) : 0;
                                }
                            }
                        }

                        public int purgeOlderThan(int days) throws SQLException {
                            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                                return s.executeUpdate("delete from invoices where created_at < now() - interval '"
                                        + days + " days'");
                            }
                        }

                        public void settle(List<Long> invoices) {
                            invoices.forEach(id -> {
                                try {
                                    billing.pay(id);
                                } catch (SQLException e) {
                                    throw new IllegalStateException("Update failed for invoice " + id, e);
                                }
                            });
                        }
                    }
                    """);

    @TempDir
    static Path dir;

    private static Path jar;

    @BeforeAll
    static void buildTheJar() throws IOException {
        jar = jar(compile(SOURCES), dir.resolve("billing-app.jar"));
    }

    @Test
    void namesTheReportsReadingAndPurgingTheBillingTable() throws IOException {
        Run run = analyse("--jar", jar.toString(), "--packages", "com.example.billing", "--tables", "invoices");

        assertThat(run.exit()).as(run.stderr()).isZero();
        AnalysisReport report = new ObjectMapper().readValue(run.out().resolve("analysis-billing.json").toFile(),
                AnalysisReport.class);
        assertThat(report.rootPackage()).isEqualTo("com.example");
        assertThat(report.tableAccesses()).filteredOn(a -> !a.insideCapability())
                .extracting(TableAccess::className, TableAccess::member, TableAccess::modes, TableAccess::verbs)
                .containsExactlyInAnyOrder(
                        tuple("com.example.reports.RevenueReport", "revenue", List.of(Mode.READ),
                                List.of("sql select")),
                        tuple("com.example.reports.RevenueReport", "purgeOlderThan", List.of(Mode.WRITE),
                                List.of("sql delete")));
        assertThat(report.tangles()).extracting(Tangle::kind, Tangle::className, Tangle::member)
                .contains(tuple(TangleKind.READS_CAPABILITY_TABLES, "com.example.reports.RevenueReport", "revenue"),
                        tuple(TangleKind.QUERIES_CAPABILITY_WITH_OTHER_TABLES, "com.example.reports.RevenueReport",
                                "revenue"),
                        tuple(TangleKind.WRITES_CAPABILITY_TABLES, "com.example.reports.RevenueReport",
                                "purgeOlderThan"));

        String md = Files.readString(run.out().resolve("analysis-billing.md"));
        assertThat(md).startsWith("# Analysis of the monolith: billing")
                .contains("| `reports.RevenueReport` | `revenue` | `invoices` | reads |  | sql select |",
                        "| `reports.RevenueReport` | `purgeOlderThan` | `invoices` | writes |  | sql delete |",
                        "`WRITES_CAPABILITY_TABLES` in `purgeOlderThan`: writes invoices via sql delete",
                        "customers (unknown)");
        assertThat(run.stdout()).contains("for the extraction of billing", "root package com.example",
                "classes outside billing using its tables", "Wrote " + run.out().resolve("analysis-billing.md"));
    }

    @Test
    void tellsTheBillingModulesOwnReadsAndWritesApartAndCountsTheDependencyOnIt() throws IOException {
        Run run = analyse("--jar", jar.toString(), "--packages", "com.example.billing", "--tables", "invoices",
                "--root-package", "com.example", "--name", "invoicing");

        assertThat(run.exit()).as(run.stderr()).isZero();
        AnalysisReport report = new ObjectMapper().readValue(run.out().resolve("analysis-invoicing.json").toFile(),
                AnalysisReport.class);
        assertThat(report.tableAccesses()).filteredOn(TableAccess::insideCapability)
                .extracting(TableAccess::member, TableAccess::modes)
                .containsExactlyInAnyOrder(tuple("find", List.of(Mode.READ)), tuple("save", List.of(Mode.WRITE)),
                        tuple("markPaid", List.of(Mode.WRITE)));
        assertThat(report.inbound()).extracting(AnalysisReport.PackageDependency::from,
                        AnalysisReport.PackageDependency::to, AnalysisReport.PackageDependency::examples)
                .containsExactly(tuple("reports", "billing", List.of("RevenueReport -> Billing")));
        // a lambda's code counts for the method that declares it; its message is not SQL
        assertThat(report.tableAccesses()).noneMatch(a -> a.member().startsWith("lambda$") || a.table().equals("failed"));
        // no jOOQ here: the ArchUnit rule sees nothing, and no store was given
        assertThat(report.rule().rule()).isEqualTo("only the billing package touches invoicing tables");
        assertThat(report.rule().violations()).isZero();
        assertThat(report.rule().frozen()).isNull();
        assertThat(report.cardDataSearched()).isFalse();
    }

    @Test
    void refusesPackagesWithoutAClass() {
        Run run = analyse("--jar", jar.toString(), "--packages", "com.example.biling", "--tables", "invoices");

        assertThat(run.exit()).isNotZero();
        assertThat(run.stderr()).contains("no class of the packages com.example.biling");
    }

    private record Run(int exit, String stdout, String stderr, Path out) {
    }

    private static Run analyse(String... args) {
        Path out = dir.resolve("reports-" + System.nanoTime());
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cli = new CommandLine(new AnalyseCommand());
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        String[] withOut = Stream.concat(Stream.of(args), Stream.of("--out", out.toString())).toArray(String[]::new);
        int exit = cli.execute(withOut);
        return new Run(exit, stdout.toString(), stderr.toString(), out);
    }

    /** Compiles {@code sources} (path -> text) with the JDK's compiler; returns the classes directory. */
    private static Path compile(Map<String, String> sources) throws IOException {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        for (var source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler (the tests need a JDK, not a JRE)").isNotNull();
        StringWriter diagnostics = new StringWriter();
        try (var files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean compiled = javac.getTask(diagnostics, files, null, List.of("--release", "21", "-d",
                            classes.toString()), null,
                    files.getJavaFileObjectsFromPaths(sources.keySet().stream().map(src::resolve).toList())).call();
            assertThat(compiled).as(diagnostics.toString()).isTrue();
        }
        return classes;
    }

    /** A plain jar of the classes directory. */
    private static Path jar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}

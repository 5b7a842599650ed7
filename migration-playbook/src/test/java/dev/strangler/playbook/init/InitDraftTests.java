package dev.strangler.playbook.init;

import static dev.strangler.playbook.init.AccountsFixture.legacy;
import static dev.strangler.playbook.init.AccountsFixture.legacyAccounts;
import static dev.strangler.playbook.init.AccountsFixture.service;
import static dev.strangler.playbook.init.AccountsFixture.serviceAccounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.extraction.Conversion;
import dev.strangler.extraction.DescriptorProblem;
import dev.strangler.extraction.Extraction;
import dev.strangler.extraction.Extractions;
import dev.strangler.extraction.FieldSpec;
import dev.strangler.extraction.FieldType;
import dev.strangler.extraction.InvalidDescriptorException;
import dev.strangler.extraction.Mapping;
import dev.strangler.extraction.TablePair;
import dev.strangler.extraction.TableSide;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The drafting on its own: two schema snapshots in, a descriptor's text and its TODOs out; no database. */
class InitDraftTests {

    @TempDir
    Path dir;

    private static InitDraft accounts() {
        return InitDraft.of("accounts", List.of("accounts"), legacy(legacyAccounts()), service(serviceAccounts()),
                null);
    }

    private static InitDraft draft(TableSchema legacyTable, TableSchema serviceTable) {
        return InitDraft.of("accounts", List.of(legacyTable.name()), legacy(legacyTable),
                serviceTable == null ? service() : service(serviceTable), null);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("accounts.yaml"), yaml);
    }

    private static List<String> lines(InitDraft draft) {
        return draft.yaml().lines().toList();
    }

    private static String lineOf(InitDraft draft, InitDraft.Todo todo) {
        return lines(draft).get(todo.line() - 1);
    }

    @Test
    void matchesFieldsByNameWithTypesAndConversionsFromTheColumns() {
        String yaml = accounts().yaml();

        assertThat(yaml).contains(
                "      - {name: id, type: long, key: true, legacy: id, extracted: id}\n",
                "      - {name: ownerName, type: string, legacy: owner_name, extracted: owner_name}\n",
                "      - name: balanceMinor\n"
                        + "        type: long\n"
                        + "        legacy: {column: balance, convert: {minor-units: 2}}",
                "        extracted: balance_minor\n",
                "      - name: openedAt\n"
                        + "        type: timestamp\n"
                        + "        legacy: opened_at\n"
                        + "        extracted: {column: opened_at, convert: utc}",
                "      - name: card\n"
                        + "        type: card\n"
                        + "        legacy: {column: card_number, transform: tokenize}",
                "      ids-from: 1000000000",
                "      fields: [ownerName, balanceMinor, openedAt, cardLast4]\n",
                "  database: bank\n",
                "  database: accounts-service  # the database accounts_service",
                "    path: /api/accounts/**");
    }

    @Test
    void marksEachDecisionOnItsLineWithAValueThatDoesNotValidate() throws IOException {
        InitDraft draft = accounts();

        assertThat(draft.todos()).extracting(t -> lineOf(draft, t).trim().replaceFirst("  # TODO: .*", ""))
                .containsExactly("service: TODO", "url: TODO", "service: TODO", "url: TODO", "methods: [TODO]",
                        "capture: {origin-marker: TODO}", "capture: {origin-marker: TODO}", "extracted: TODO");
        assertThat(lines(draft).stream().filter(l -> l.contains("TODO")).count()).isEqualTo(draft.todos().size());
        assertThat(draft.todos()).allSatisfy(t -> assertThat(lineOf(draft, t)).contains("  # TODO: " + t.decide()));
        assertThat(draft.todos().get(5).decide()).contains("cdc_origin", "trigger",
                "cdc-bridge/README.md, \"Loop prevention\"");
        assertThat(draft.todos().get(7).decide())
                .contains("{token: card_token, last4: card_last4, brand: card_brand}");

        Path file = write(draft.yaml());
        assertThatThrownBy(() -> Extractions.read(file)).isInstanceOfSatisfying(InvalidDescriptorException.class,
                e -> assertThat(e.problems()).extracting(DescriptorProblem::line)
                        .containsAll(draft.todos().stream().map(InitDraft.Todo::line).toList()));
    }

    @Test
    void failsValidationOnTheLineOfEveryTodoWhateverTheSchemasAre() throws IOException {
        TableSchema legacyTable = withColumn(withColumn(withColumn(withColumn(legacyAccounts(),
                ColumnSchema.of("nickname", "text")), ColumnSchema.of("external_ref", "uuid")),
                ColumnSchema.of("version", "int4")), new ColumnSchema("fee", "numeric", null, true, false));
        TableSchema serviceTable = withColumn(withColumn(serviceAccounts(), ColumnSchema.of("tier", "int4")),
                ColumnSchema.of("fee_minor", "int8"));
        List<InitDraft> drafts = List.of(
                draft(legacyTable, serviceTable),
                draft(legacyTable, null),
                draft(new TableSchema("accounts", legacyTable.columns(), List.of()), serviceTable),
                draft(legacyAccounts(), new TableSchema("accounts", serviceTable.columns(), List.of("id", "tier"))),
                draft(withColumn(legacyAccounts(), ColumnSchema.of("opened_on", "date")),
                        withColumn(serviceAccounts(), ColumnSchema.of("opened_on", "text"))));

        for (InitDraft draft : drafts) {
            assertThat(draft.todos()).hasSizeGreaterThan(8);
            Path file = write(draft.yaml());
            assertThatThrownBy(() -> Extractions.read(file)).as(draft.yaml())
                    .isInstanceOfSatisfying(InvalidDescriptorException.class, e -> assertThat(e.problems())
                            .extracting(DescriptorProblem::line)
                            .containsAll(draft.todos().stream().map(InitDraft.Todo::line).toList()));
        }
    }

    @Test
    void validatesOnceEveryTodoIsResolved() throws IOException {
        String resolved = AccountsFixture.resolved(accounts().yaml());
        assertThat(resolved).doesNotContain("TODO");

        Extraction e = Extractions.read(write(resolved));

        assertThat(e.legacy().database()).isEqualTo("bank");
        assertThat(e.extracted().database()).isEqualTo("accounts-service");
        assertThat(e.routes()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/api/accounts/**"));
        assertThat(e.playbook().steps()).extracting(s -> s.action())
                .containsExactly("analyse", "service-healthy", "cdc-in-sync", "shadow", "canary", "cutover");
        TablePair pair = e.data().getFirst();
        assertThat(pair.ownerRoute()).isEqualTo("accounts");
        assertThat(pair.extracted().capture()).isEqualTo(new TableSide.OriginMarker("cdc_origin"));
        assertThat(pair.extracted().idsFrom()).isEqualTo(1_000_000_000L);
        assertThat(pair.fields()).extracting(FieldSpec::name)
                .containsExactly("id", "ownerName", "balanceMinor", "openedAt", "card");
        assertThat(pair.fields().get(2).legacy()).isInstanceOfSatisfying(Mapping.Columns.class,
                m -> assertThat(m.conversion()).isEqualTo(new Conversion.MinorUnits(2)));
        assertThat(pair.fields().get(3).extracted()).isInstanceOfSatisfying(Mapping.Columns.class,
                m -> assertThat(m.conversion()).isInstanceOf(Conversion.Utc.class));
        assertThat(pair.fields().get(4).type()).isEqualTo(FieldType.CARD);
        assertThat(pair.reconcile().fields()).containsExactly("ownerName", "balanceMinor", "openedAt", "cardLast4");
    }

    @Test
    void leavesACompositeOrMissingKeyToTheUser() {
        TableSchema composite = new TableSchema("accounts", legacyAccounts().columns(), List.of("id", "owner_name"));

        InitDraft draft = draft(composite, serviceAccounts());

        assertThat(draft.todos()).anySatisfy(t -> {
            assertThat(lineOf(draft, t)).startsWith("      key: TODO");
            assertThat(t.decide()).contains("primary key of 2 columns (id, owner_name)", "key: true");
        });
        assertThat(draft.yaml()).doesNotContain(", key: true,", "        key: true\n");

        TableSchema keyless = new TableSchema("accounts", legacyAccounts().columns(), List.of());
        assertThat(draft(keyless, serviceAccounts()).todos()).anySatisfy(t -> assertThat(t.decide())
                .contains("has no primary key"));
    }

    @Test
    void draftsTheServiceTableAfterTheMonolithsWhenTheServiceHasNone() throws IOException {
        InitDraft draft = draft(legacyAccounts(), null);

        assertThat(draft.todos()).anySatisfy(t -> {
            assertThat(lineOf(draft, t)).startsWith("      table: TODO");
            assertThat(t.decide()).contains("has no table accounts");
        });
        assertThat(draft.yaml()).contains("      - {name: ownerName, type: string, legacy: owner_name,"
                + " extracted: owner_name}", "      - {name: openedAt, type: timestamp, legacy: opened_at,"
                + " extracted: opened_at}");
        assertThat(draft.todos()).anySatisfy(t -> assertThat(t.decide()).startsWith("balance is numeric(scale 2):"
                + " long with {column: ..., convert: {minor-units: 2}}"));
    }

    @Test
    void leavesAColumnOfOneSideOnlyToTheUser() {
        TableSchema legacyTable = withColumn(legacyAccounts(), ColumnSchema.of("nickname", "varchar"));
        TableSchema serviceTable = withColumn(serviceAccounts(), ColumnSchema.of("tier", "int4").required());

        InitDraft draft = draft(legacyTable, serviceTable);

        assertThat(draft.yaml()).contains("      - name: nickname\n"
                        + "        type: string\n"
                        + "        legacy: nickname\n"
                        + "        extracted: TODO  # TODO: only the monolith's accounts has nickname",
                "      - name: tier\n"
                        + "        type: int\n"
                        + "        legacy: TODO  # TODO: only the service's accounts has tier: it is NOT NULL without a"
                        + " default");
        assertThat(draft.yaml()).contains("      fields: [ownerName, balanceMinor, openedAt, cardLast4]\n");
    }

    @Test
    void leavesANumericWithoutABigintOfMinorUnitsBesideItToTheUser() {
        TableSchema serviceTable = new TableSchema("accounts", List.of(new ColumnSchema("id", "int8", null, false,
                true), ColumnSchema.numeric("balance", 2)), List.of("id"));

        InitDraft draft = draft(legacyAccounts(), serviceTable);

        assertThat(draft.yaml()).contains("      - name: balance\n"
                        + "        type: TODO  # TODO: balance is numeric(scale 2) and the service's balance is"
                        + " numeric(scale 2): long with {column: ..., convert: {minor-units: 2}} on each numeric side",
                "        legacy: balance\n        extracted: balance\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"card_number", "PAN", "cc_number", "CardNumber", "customer_card_number"})
    void tokenizesAColumnWhoseNameSaysCardNumber(String column) {
        TableSchema legacyTable = new TableSchema("accounts", List.of(new ColumnSchema("id", "int8", null, false,
                true), ColumnSchema.of(column, "text")), List.of("id"));

        InitDraft draft = draft(legacyTable, serviceAccounts());

        assertThat(draft.yaml()).contains("        type: card\n        legacy: ");
        assertThat(draft.todos()).anySatisfy(t -> assertThat(t.decide()).startsWith("how the service keeps the card"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"company", "span", "card_brand", "panel_id"})
    void doesNotTakeOtherColumnsForCardNumbers(String column) {
        TableSchema legacyTable = new TableSchema("accounts", List.of(new ColumnSchema("id", "int8", null, false,
                true), ColumnSchema.of(column, "text")), List.of("id"));

        assertThat(draft(legacyTable, null).yaml()).doesNotContain("type: card");
    }

    @Test
    void usesAnOriginMarkerTheTableAlreadyHasAndMapsNoFieldOntoIt() {
        TableSchema legacyTable = withColumn(legacyAccounts(), ColumnSchema.of("cdc_origin", "varchar"));

        InitDraft draft = draft(legacyTable, serviceAccounts());

        assertThat(draft.yaml()).contains("    legacy:\n"
                + "      table: accounts\n"
                + "      key: id\n"
                + "      capture: {origin-marker: cdc_origin}\n").doesNotContain("cdcOrigin", "- name: cdc");
    }

    @Test
    void readsATimestampWithoutTimeZoneAsUtcOnEitherSide() {
        TableSchema legacyTable = new TableSchema("accounts", List.of(new ColumnSchema("id", "int8", null, false,
                true), ColumnSchema.of("opened_at", "timestamp")), List.of("id"));

        assertThat(draft(legacyTable, serviceAccounts()).yaml()).contains(
                "        legacy: {column: opened_at, convert: utc}  # timestamp without time zone: read as UTC\n"
                        + "        extracted: {column: opened_at, convert: utc}  # timestamp without time zone: read as"
                        + " UTC\n");
    }

    @Test
    void matchesASnakeCaseColumnToTheLowerCasedCamelCaseOfTheOtherSide() {
        TableSchema serviceTable = new TableSchema("accounts", List.of(new ColumnSchema("id", "int8", null, false,
                true), ColumnSchema.of("ownername", "text")), List.of("id"));

        assertThat(draft(legacyAccounts(), serviceTable).yaml())
                .contains("      - {name: ownerName, type: string, legacy: owner_name, extracted: ownername}");
    }

    @Test
    void leavesAFieldNameTheChangeRecordTakesToTheUser() {
        TableSchema legacyTable = withColumn(legacyAccounts(), ColumnSchema.of("version", "int4"));
        TableSchema serviceTable = withColumn(serviceAccounts(), ColumnSchema.of("version", "int4"));

        InitDraft draft = draft(legacyTable, serviceTable);

        assertThat(draft.yaml()).contains("      - name: TODO  # TODO: 'version' is the change record's own");
    }

    @Test
    void writesTheSchemaLineForEditorsWhenGivenOne() {
        InitDraft draft = InitDraft.of("accounts", List.of("accounts"), legacy(legacyAccounts()),
                service(serviceAccounts()), "extraction.schema.json");

        assertThat(draft.yaml()).startsWith("# yaml-language-server: $schema=extraction.schema.json\n");
        assertThat(draft.todos().getFirst().line()).isEqualTo(accounts().todos().getFirst().line() + 2);
    }

    private static TableSchema withColumn(TableSchema t, ColumnSchema c) {
        List<ColumnSchema> columns = new ArrayList<>(t.columns());
        columns.add(c);
        return new TableSchema(t.name(), columns, t.primaryKey(), t.keySequenceStart());
    }
}

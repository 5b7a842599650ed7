package dev.strangler.playbook.init;

import java.util.List;

/**
 * The accounts of a bank's monolith and of the accounts service it moves to, as {@link LiveSchemas} reads them: the
 * monolith keeps the balance as numeric(12,2), the opening time with its time zone and the card number in clear;
 * the service keeps minor units, a UTC timestamp without time zone and the vault's answer for the card.
 */
public final class AccountsFixture {

    private AccountsFixture() {
    }

    public static TableSchema legacyAccounts() {
        return new TableSchema("accounts", List.of(
                new ColumnSchema("id", "int8", null, false, true),
                ColumnSchema.of("owner_name", "text").required(),
                ColumnSchema.numeric("balance", 2).required(),
                new ColumnSchema("opened_at", "timestamptz", null, false, true),
                ColumnSchema.of("card_number", "text")), List.of("id"), 1L);
    }

    public static TableSchema serviceAccounts() {
        return new TableSchema("accounts", List.of(
                new ColumnSchema("id", "int8", null, false, true),
                ColumnSchema.of("owner_name", "text").required(),
                ColumnSchema.of("balance_minor", "int8").required(),
                ColumnSchema.of("opened_at", "timestamp").required(),
                ColumnSchema.of("card_token", "text"),
                ColumnSchema.of("card_last4", "varchar"),
                ColumnSchema.of("card_brand", "text")), List.of("id"), 1_000_000_000L);
    }

    public static SchemaSnapshot legacy(TableSchema... tables) {
        return new SchemaSnapshot("bank", List.of(tables));
    }

    public static SchemaSnapshot service(TableSchema... tables) {
        return new SchemaSnapshot("accounts_service", List.of(tables));
    }

    /**
     * What a team decides for the accounts draft's TODOs, in the file's order: the two sides' services and URLs,
     * the route's methods, the origin markers (once both tables have the column and its trigger) and the card's
     * columns in the service.
     */
    public static String resolved(String draft) {
        String out = draft;
        out = resolve(out, "service: TODO", "service: legacy-bank");
        out = resolve(out, "url: TODO", "url: http://127.0.0.1:8081");
        out = resolve(out, "service: TODO", "service: accounts-service");
        out = resolve(out, "url: TODO", "url: http://127.0.0.1:8090");
        out = resolve(out, "methods: [TODO]", "methods: [GET, HEAD, POST, PUT, PATCH, DELETE]");
        out = resolve(out, "capture: {origin-marker: TODO}", "capture: {origin-marker: cdc_origin}");
        out = resolve(out, "capture: {origin-marker: TODO}", "capture: {origin-marker: cdc_origin}");
        out = resolve(out, "extracted: TODO", "extracted: {token: card_token, last4: card_last4, brand: card_brand}");
        return out;
    }

    /**
     * The first line marked TODO that holds {@code value}, with {@code resolution} from {@code value} to the line's
     * end (the comment goes too).
     */
    public static String resolve(String yaml, String value, String resolution) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].indexOf(value);
            if (at >= 0 && lines[i].contains("# TODO: ")) {
                lines[i] = lines[i].substring(0, at) + resolution;
                return String.join("\n", lines);
            }
        }
        throw new IllegalArgumentException("no TODO line holds '" + value + "' in:\n" + yaml);
    }
}

package dev.strangler.playbook.context.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.strangler.playbook.context.ContextException;
import dev.strangler.playbook.context.Secret;
import dev.strangler.playbook.context.StranglerContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a contexts file strictly: every key is one this reader asks for, every value has the shape its field needs,
 * and no secret is written into the file. All problems are collected and refused together, each named with the file,
 * the context and the field, so that one edit fixes them all; a misspelt {@code token-fle} must not leave a context
 * without its token and fail later against a live proxy.
 *
 * <p>Paths may start with {@code ~/} (the user's home); relative ones are relative to the file's directory, as
 * kubectl reads its kubeconfig.
 */
public final class ContextFileReader {

    /** The name of the context that is always there and means the lab. */
    public static final String LAB = "lab";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s,:]+:\\d{1,5}");
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final String NO_SECRETS = "a secret is never written into the contexts file, which gets copied,"
            + " shared and committed (whoever reads it could use the secret)";

    private final Path file;
    private final Path home;
    private final List<String> problems = new ArrayList<>();

    private ContextFileReader(Path file, Path home) {
        this.file = file;
        this.home = home;
    }

    /**
     * What a contexts file says.
     *
     * @param currentContext the context used when none is chosen; null: the lab
     * @param contexts       by name, in the file's order
     */
    public record Result(@Nullable String currentContext, Map<String, StranglerContext> contexts) {
    }

    /**
     * Reads {@code file}.
     *
     * @param home the user's home directory, for paths written {@code ~/...}
     * @throws ContextException naming every problem of the file
     */
    public static Result read(Path file, Path home) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            // the YAML parser quotes the offending lines, which may hold a secret written where it must not be: only
            // its own words (the lines it does not indent) are passed on, with where
            String what = e.getOriginalMessage().lines()
                    .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                    .collect(java.util.stream.Collectors.joining("; "));
            throw new ContextException(file + ": not a valid contexts file: " + what + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ContextException(file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        return new ContextFileReader(file.toAbsolutePath().normalize(), home).read(root);
    }

    private Result read(@Nullable JsonNode root) {
        Map<String, StranglerContext> contexts = new LinkedHashMap<>();
        String current = null;
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            Section top = new Section(root, "", "");
            if (top.node.isObject()) {
                current = top.text("current-context");
                JsonNode all = top.node.get("contexts");
                top.asked.add("contexts");
                if (all != null && !all.isNull()) {
                    if (!all.isObject()) {
                        problem("", "contexts", "must be a mapping of context names to contexts");
                    } else {
                        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> entry = it.next();
                            StranglerContext context = context(entry.getKey(), entry.getValue());
                            if (context != null) {
                                contexts.put(entry.getKey(), context);
                            }
                        }
                    }
                }
                top.unknownKeys("current-context, contexts");
            }
        }
        if (current != null && !current.equals(LAB) && !contexts.containsKey(current) && problems.isEmpty()) {
            problem("", "current-context", "names no context of this file ('" + current + "'); there are "
                    + names(contexts));
        }
        if (!problems.isEmpty()) {
            throw new ContextException(problems.size() == 1 ? file + ": " + problems.getFirst()
                    : problems.size() + " problems in " + file + ":\n  " + String.join("\n  ", problems));
        }
        return new Result(current, contexts);
    }

    private @Nullable StranglerContext context(String name, JsonNode node) {
        String where = "context '" + name + "'";
        if (name.equals(LAB)) {
            problem(where, "", "the name 'lab' is the lab's, which is built in (its ports shifted by"
                    + " STRANGLER_PORT_OFFSET); give this context another name");
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            problem(where, "", "a context's name is letters, digits, '.', '_' and '-', starting with a letter or"
                    + " digit");
            return null;
        }
        Section c = new Section(node, where, "");
        if (!c.node.isObject()) {
            return null;
        }
        StranglerContext.AdminApi admin = null;
        Section a = c.section("proxy-admin");
        if (a != null && a.node.isObject()) {
            URI url = a.url("url", true);
            Secret token = a.secret("token", "token-file", "token-env", true);
            a.unknownKeys("url, token-file, token-env");
            admin = url == null || token == null ? null : new StranglerContext.AdminApi(url, token);
        }
        URI shop = c.url("shop", false);
        URI bridge = c.url("cdc-bridge", false);
        Map<String, StranglerContext.Database> databases = new LinkedHashMap<>();
        JsonNode dbs = c.node.get("databases");
        c.asked.add("databases");
        if (dbs != null && !dbs.isNull()) {
            if (!dbs.isObject()) {
                problem(where, "databases", "must be a mapping of database names (as the extraction descriptors name"
                        + " them: shop, payments) to {jdbc-url, user, password-file, data-directory}");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = dbs.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    StranglerContext.Database db = database(where, entry.getKey(), entry.getValue());
                    if (db != null) {
                        databases.put(entry.getKey(), db);
                    }
                }
            }
        }
        StranglerContext.Kafka kafka = null;
        Section k = c.section("kafka");
        if (k != null && k.node.isObject()) {
            String servers = k.text("bootstrap-servers");
            if (servers == null) {
                k.missing("bootstrap-servers", "host:port[,host:port...]");
            } else if (!java.util.Arrays.stream(servers.split(",")).map(String::strip)
                    .allMatch(s -> HOST_PORT.matcher(s).matches())) {
                k.problem("bootstrap-servers", "must be host:port[,host:port...], got '" + servers + "'");
            }
            Path properties = k.path("client-properties");
            k.unknownKeys("bootstrap-servers, client-properties");
            kafka = servers == null ? null : new StranglerContext.Kafka(String.join(",",
                    java.util.Arrays.stream(servers.split(",")).map(String::strip).toList()), properties);
        }
        Path extractions = c.path("extractions");
        Path logs = c.path("logs");
        c.unknownKeys("proxy-admin, shop, cdc-bridge, databases, kafka, extractions, logs");
        return new StranglerContext(name, file, admin, shop, bridge, databases, kafka, extractions, logs);
    }

    private StranglerContext.@Nullable Database database(String where, String name, JsonNode node) {
        Section d = new Section(node, where, "databases." + name + ".");
        if (!d.node.isObject()) {
            return null;
        }
        String url = d.text("jdbc-url");
        if (url == null) {
            d.missing("jdbc-url", "jdbc:postgresql://db.example:5432/" + name);
        } else if (!url.startsWith("jdbc:postgresql:")) {
            d.problem("jdbc-url", "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), got '"
                    + url.replaceAll("(?i)password=[^&]*", "password=***") + "'");
        } else if (url.toLowerCase(Locale.ROOT).matches(".*[?&](ssl)?password=.*")) {
            d.problem("jdbc-url", "holds a password: " + NO_SECRETS + "; put it in a file of its own and name that"
                    + " file as password-file");
        }
        String user = d.text("user");
        Secret password = d.secret("password", "password-file", null, false);
        Path data = d.path("data-directory");
        d.unknownKeys("jdbc-url, user, password-file, data-directory");
        return url == null ? null : new StranglerContext.Database(url, user, password, data);
    }

    private void problem(String where, String field, String what) {
        problems.add((where.isEmpty() ? "" : where + ": ") + (field.isEmpty() ? "" : field + ": ") + what);
    }

    private static String names(Map<String, ?> contexts) {
        List<String> names = new ArrayList<>(List.of(LAB));
        names.addAll(contexts.keySet());
        return String.join(", ", names);
    }

    /** One mapping of the file, which remembers the keys asked for so that the others can be named. */
    private final class Section {
        private final JsonNode node;
        private final String where;
        private final String prefix;
        private final Set<String> asked = new LinkedHashSet<>();

        Section(JsonNode node, String where, String prefix) {
            this.node = node;
            this.where = where;
            this.prefix = prefix;
            if (!node.isObject()) {
                ContextFileReader.this.problem(where, prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1),
                        "must be a mapping of keys to values, got " + kind(node));
            }
        }

        @Nullable Section section(String key) {
            asked.add(key);
            JsonNode value = node.get(key);
            return value == null || value.isNull() ? null : new Section(value, where, prefix + key + ".");
        }

        @Nullable String text(String key) {
            asked.add(key);
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                problem(key, "must be text, got " + kind(value));
                return null;
            }
            return value.asText();
        }

        @Nullable URI url(String key, boolean required) {
            String text = text(key);
            if (text == null) {
                if (required && (node.get(key) == null || node.get(key).isNull())) {
                    missing(key, "https://host:port");
                }
                return null;
            }
            URI uri;
            try {
                uri = new URI(text.strip());
            } catch (java.net.URISyntaxException e) {
                problem(key, "is not a URL: " + e.getReason());
                return null;
            }
            if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                problem(key, "must be an http or https URL with a host, got '" + text + "'");
                return null;
            }
            if (uri.getRawUserInfo() != null) {
                problem(key, "holds credentials (user:password@): " + NO_SECRETS);
                return null;
            }
            return uri;
        }

        @Nullable Path path(String key) {
            String text = text(key);
            if (text == null) {
                return null;
            }
            String p = text.strip();
            Path path = p.equals("~") ? home : p.startsWith("~/") ? home.resolve(p.substring(2)) : Path.of(p);
            Path dir = file.getParent();
            return (path.isAbsolute() || dir == null ? path : dir.resolve(path)).normalize();
        }

        /**
         * A secret named by a file ({@code fileKey}) or an environment variable ({@code envKey}, null: not offered);
         * the value itself ({@code inlineKey}) is refused with why.
         */
        @Nullable Secret secret(String inlineKey, String fileKey, @Nullable String envKey, boolean required) {
            asked.add(inlineKey);
            String choices = fileKey + ": PATH" + (envKey == null ? "" : " or " + envKey + ": VARIABLE");
            if (node.has(inlineKey)) {
                problem(inlineKey, NO_SECRETS + "; keep it in a file of your own (readable by you only) or an"
                        + " environment variable and name it: " + choices);
            }
            Path path = path(fileKey);
            String variable = envKey == null ? null : text(envKey);
            if (path != null && variable != null) {
                problem(fileKey + " and " + envKey, "both name the " + inlineKey + ": keep one");
                return null;
            }
            if (variable != null && !variable.matches("[A-Z_][A-Z0-9_]{0,63}")) {
                // not echoed: what is written where a variable's name belongs may be the secret itself
                problem(envKey, "must be an environment variable's name in capitals (A-Z, 0-9, _), e.g."
                        + " STAGING_PROXY_TOKEN, not the " + inlineKey + " itself");
                return null;
            }
            if (path == null && variable == null) {
                if (required && !node.has(inlineKey)) {
                    missing(fileKey + (envKey == null ? "" : " or " + envKey), choices);
                }
                return null;
            }
            return path != null ? new Secret.InFile(path) : new Secret.InEnvironment(variable);
        }

        void missing(String key, String example) {
            problem(key, "missing (" + example + ")");
        }

        void problem(String key, String what) {
            ContextFileReader.this.problem(where, prefix + key, what);
        }

        void unknownKeys(String known) {
            if (!node.isObject()) {
                return;
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!asked.contains(key)) {
                    problem(key, "unknown key; known here: " + known);
                }
            }
        }
    }

    private static String kind(JsonNode node) {
        return node.isObject() ? "a mapping" : node.isArray() ? "a list"
                : node.isTextual() ? (node.asText().isBlank() ? "empty text" : "text")
                : node.isBoolean() ? "true/false" : node.isNumber() ? "a number"
                : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}

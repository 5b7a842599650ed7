package dev.strangler.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subset of the Confluent schema registry REST API the toolkit uses, for Avro schemas, with caches: a schema is
 * registered (or looked up) over HTTP once per subject, and a schema id is fetched once, since ids never change
 * meaning. After warm-up the serializers' hot path makes no HTTP call.
 *
 * <p>A registry behind TLS and basic auth is reached with a {@link RegistryConnection}; the registry's host name is
 * always checked against its certificate.
 *
 * <p>Thread-safe; share one instance per registry.
 */
public final class SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final @Nullable String authorization;
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /** A client for the registry at {@code baseUrl}, e.g. {@code http://127.0.0.1:8085/apis/ccompat/v7}. */
    public SchemaRegistryClient(String baseUrl) {
        this(RegistryConnection.of(baseUrl));
    }

    /**
     * A client for the registry that {@code connection} describes: basic auth on every request, TLS with its stores.
     * Reads the stores and the password file now.
     *
     * @throws IllegalArgumentException naming the setting, never a password, when a file is missing or unreadable, a
     *         password does not open its store, or a store holds nothing usable
     */
    public SchemaRegistryClient(RegistryConnection connection) {
        this(connection.url(), httpClient(connection), REQUEST_TIMEOUT, authorization(connection));
    }

    SchemaRegistryClient(String baseUrl, HttpClient http, Duration timeout, @Nullable String authorization) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = http;
        this.timeout = timeout;
        this.authorization = authorization;
        if (authorization != null && this.baseUrl.regionMatches(true, 0, "http:", 0, 5)) {
            log.warn("The schema registry at {} gets a basic-auth password over plain http, readable by anyone on the"
                    + " way: use https", this.baseUrl);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Registers {@code schema} under {@code subject} (or finds it, when it is already there) and returns its id.
     *
     * @throws SchemaRegistryException with status 409 when the subject's compatibility rule refuses it
     */
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        Schema clean = AvroSchemas.withoutJavaProperties(schema);
        int id = call("POST", "/subjects/" + encode(subject) + "/versions", body(clean)).path("id").asInt();
        ids.put(schema, id);
        schemasById.putIfAbsent(id, clean);
        return id;
    }

    /**
     * The id of {@code schema} under {@code subject} without registering it.
     *
     * @throws SchemaRegistryException with status 404 when the subject or the schema is unknown
     */
    public int lookup(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        Schema clean = AvroSchemas.withoutJavaProperties(schema);
        int id = call("POST", "/subjects/" + encode(subject), body(clean)).path("id").asInt();
        ids.put(schema, id);
        schemasById.putIfAbsent(id, clean);
        return id;
    }

    /** The schema with id {@code id} (cached forever: ids are immutable). */
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, key ->
                new Schema.Parser().parse(call("GET", "/schemas/ids/" + key, null).path("schema").asText()));
    }

    /** The latest schema registered under {@code subject}, or empty when the subject has none. */
    public java.util.Optional<Schema> latest(String subject) {
        try {
            JsonNode version = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
            return java.util.Optional.of(new Schema.Parser().parse(version.path("schema").asText()));
        } catch (SchemaRegistryException e) {
            if (e.status() == 404) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    /** Whether {@code schema} could be registered under {@code subject} now (the latest version's rule applies). */
    public boolean isCompatible(String subject, Schema schema) {
        return call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                body(AvroSchemas.withoutJavaProperties(schema))).path("is_compatible").asBoolean(false);
    }

    /** Sets the registry-wide compatibility level. */
    public void setCompatibility(Compatibility level) {
        call("PUT", "/config", "{\"compatibility\":\"" + level.name() + "\"}");
    }

    /** Sets one subject's compatibility level. */
    public void setCompatibility(String subject, Compatibility level) {
        call("PUT", "/config/" + encode(subject), "{\"compatibility\":\"" + level.name() + "\"}");
    }

    /** The registry-wide compatibility level. */
    public Compatibility compatibility() {
        return Compatibility.valueOf(call("GET", "/config", null).path("compatibilityLevel").asText());
    }

    private JsonNode call(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchemaRegistryException(RegistryTls.describeFailure(baseUrl, e)
                    .orElse("schema registry at " + baseUrl + " did not answer " + method + " " + path + " ("
                            + e + ")"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while calling the schema registry", e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            String message = body.path("message").asText(response.body());
            // a hint in the words of the settings; the credentials themselves never go into a message
            if (response.statusCode() == 401) {
                message += authorization == null
                        ? " (the registry asks for credentials: set " + SerdeConfig.BASIC_AUTH_USER_INFO + ")"
                        : " (check the credentials of " + SerdeConfig.BASIC_AUTH_USER_INFO + ")";
            } else if (response.statusCode() == 403) {
                message += " (the user of " + SerdeConfig.BASIC_AUTH_USER_INFO + " may not do this)";
            }
            throw new SchemaRegistryException(response.statusCode(), body.path("error_code").asInt(-1), message);
        }
        return body;
    }

    private static HttpClient httpClient(RegistryConnection connection) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
        RegistryTls.context(connection).ifPresent(builder::sslContext);
        return builder.build();
    }

    /** The {@code Authorization} header's value, built once: the password file is read here, not per request. */
    private static @Nullable String authorization(RegistryConnection connection) {
        String username = connection.username();
        if (username == null) {
            return null;
        }
        String password = connection.password();
        Path file = connection.passwordFile();
        if (password == null && file != null) {
            password = readPassword(file);
        }
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The file's content without its line end: {@code echo secret > file} and a Kubernetes secret read the same. */
    private static String readPassword(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("basic-auth password file: cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        String password = content.replaceFirst("[\\r\\n]+$", "");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("basic-auth password file: " + file + " is empty");
        }
        return password;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static String body(Schema schema) {
        ObjectNode node = JSON.createObjectNode();
        node.put("schemaType", "AVRO");
        node.put("schema", schema.toString());
        return node.toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package dev.strangler.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.strangler.registry.test.Greeting;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The caches, against a stand-in registry that counts calls (the real one is exercised by SchemaRegistryClientIT). */
class SchemaRegistryClientCachingTests {

    private final AtomicInteger registrations = new AtomicInteger();
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer server;
    private SchemaRegistryClient client;

    @BeforeEach
    void startStandIn() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/subjects/", exchange -> {
            registrations.incrementAndGet();
            respond(exchange, 200, "{\"id\":7}");
        });
        server.createContext("/schemas/ids/", exchange -> {
            fetches.incrementAndGet();
            if (exchange.getRequestURI().getPath().endsWith("/404")) {
                respond(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema 404 not found.\"}");
                return;
            }
            String schema = Greeting.getClassSchema().toString().replace("\"", "\\\"");
            respond(exchange, 200, "{\"schema\":\"" + schema + "\"}");
        });
        server.start();
        client = new SchemaRegistryClient("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void registersASchemaOncePerSubject() {
        assertThat(client.register("greetings-value", Greeting.getClassSchema())).isEqualTo(7);
        assertThat(client.register("greetings-value", Greeting.getClassSchema())).isEqualTo(7);
        assertThat(registrations).hasValue(1);
        client.register("other-value", Greeting.getClassSchema());
        assertThat(registrations).hasValue(2);
    }

    @Test
    void fetchesASchemaIdOnceAndKnowsTheIdsItRegistered() {
        client.schemaById(3);
        client.schemaById(3);
        assertThat(fetches).hasValue(1);
        client.register("greetings-value", Greeting.getClassSchema());
        client.schemaById(7);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void reportsTheRegistrysErrorCode() {
        assertThatThrownBy(() -> client.schemaById(404))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                });
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", SchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}

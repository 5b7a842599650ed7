package dev.strangler.lab.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.junit.LabExtension;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LabExtension.class)
class SchemaRegistryIT {

    private static final String V1 = "{\"type\":\"record\",\"name\":\"PaymentChanged\",\"namespace\":\"dev.strangler\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
    private static final String V2_WITH_DEFAULT = "{\"type\":\"record\",\"name\":\"PaymentChanged\",\"namespace\":\"dev.strangler\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"currency\",\"type\":\"string\",\"default\":\"EUR\"}]}";
    private static final String V2_WITHOUT_DEFAULT = "{\"type\":\"record\",\"name\":\"PaymentChanged\",\"namespace\":\"dev.strangler\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"long\"}]}";

    @Test
    void startsWithBackwardCompatibility(SchemaRegistry registry) {
        HttpResponse<String> config = SchemaRegistry.call(registry.port(), "GET", "/config", null);
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("BACKWARD");
    }

    @Test
    void registersAvroSchemaAndReturnsTheSameIdForTheSameSchema(SchemaRegistry registry) {
        String subject = "payments-" + UUID.randomUUID() + "-value";
        HttpResponse<String> first = register(registry, subject, V1);
        HttpResponse<String> again = register(registry, subject, V1);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(id(again.body())).isEqualTo(id(first.body()));

        HttpResponse<String> fetched = SchemaRegistry.call(registry.port(), "GET", "/schemas/ids/" + id(first.body()), null);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).contains("PaymentChanged");
    }

    @Test
    void acceptsBackwardCompatibleChangeAndRejectsIncompatibleOneWith409(SchemaRegistry registry) {
        String subject = "payments-" + UUID.randomUUID() + "-value";
        assertThat(register(registry, subject, V1).statusCode()).isEqualTo(200);
        assertThat(register(registry, subject, V2_WITH_DEFAULT).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = register(registry, subject, V2_WITHOUT_DEFAULT);
        assertThat(refused.statusCode()).isEqualTo(409);
    }

    private static HttpResponse<String> register(SchemaRegistry registry, String subject, String schema) {
        String body = "{\"schema\":\"" + schema.replace("\"", "\\\"") + "\"}";
        return SchemaRegistry.call(registry.port(), "POST", "/subjects/" + subject + "/versions", body);
    }

    private static int id(String body) {
        return Integer.parseInt(body.replaceAll(".*\"id\"\\s*:\\s*(\\d+).*", "$1"));
    }
}

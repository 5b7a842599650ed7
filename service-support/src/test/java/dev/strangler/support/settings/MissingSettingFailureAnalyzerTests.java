package dev.strangler.support.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class MissingSettingFailureAnalyzerTests {

    @Test
    void namesTheSettingItsEnvironmentVariableAndTheLabProfile() {
        MissingSetting missing = new MissingSetting("strangler.kafka.bootstrap-servers", "is not set: the cluster");
        // as Spring reports it: wrapped in the creation of the bean that needed it
        FailureAnalysis analysis = new MissingSettingFailureAnalyzer()
                .analyze(new BeanCreationException("changePublisher", "failed", missing));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo("strangler.kafka.bootstrap-servers is not set: the cluster");
        assertThat(analysis.getAction()).contains("STRANGLER_KAFKA_BOOTSTRAPSERVERS",
                "configtree:", "--spring.profiles.active=lab");
    }

    @Test
    void environmentVariablesFollowSpringsRelaxedBinding() {
        assertThat(new MissingSetting("bridge.databases.shop.host", "x").environmentVariable())
                .isEqualTo("BRIDGE_DATABASES_SHOP_HOST");
        assertThat(new MissingSetting("strangler.schema-registry.truststore-location", "x").environmentVariable())
                .isEqualTo("STRANGLER_SCHEMAREGISTRY_TRUSTSTORELOCATION");
    }

    @Test
    void leavesOtherFailuresToOtherAnalyzers() {
        assertThat(new MissingSettingFailureAnalyzer().analyze(new IllegalStateException("something else"))).isNull();
    }
}

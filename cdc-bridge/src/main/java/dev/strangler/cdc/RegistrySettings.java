package dev.strangler.cdc;

import dev.strangler.registry.RegistryConnection;
import dev.strangler.support.settings.MissingSetting;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The schema registry, from {@code strangler.schema-registry.*}: {@code url}, {@code username} with {@code password}
 * (or {@code password-file}), {@code truststore-location}/{@code -password}/{@code -type} and, for mutual TLS,
 * {@code keystore-location}/{@code -password}/{@code -type} and {@code key-password}.
 */
final class RegistrySettings {

    static final String PREFIX = "strangler.schema-registry";

    private RegistrySettings() {
    }

    static RegistryConnection bind(Environment environment) {
        return Binder.get(environment).bind(PREFIX, RegistryConnection.class)
                .orElseThrow(() -> new MissingSetting(PREFIX + ".url", "is not set: the schema registry's"
                        + " Confluent API, e.g. https://registry.example:8443/apis/ccompat/v7"));
    }
}

package dev.strangler.lab.junit;

import dev.strangler.lab.kafka.KafkaBroker;
import dev.strangler.lab.postgres.PostgresServer;
import dev.strangler.lab.psp.FakePsp;
import dev.strangler.lab.registry.SchemaRegistry;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands real lab components to test methods and constructors:
 * {@code void test(KafkaBroker kafka, @LabDatabase(PAYMENTS) PostgresServer db, FakePsp psp)}.
 * Each component starts on first use and lives until the test JVM exits (see {@link TestLab}).
 */
public final class LabExtension implements ParameterResolver {

    private static final Set<Class<?>> SUPPORTED = Set.of(PostgresServer.class, KafkaBroker.class,
            SchemaRegistry.class, FakePsp.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return SUPPORTED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        if (type == PostgresServer.class) {
            return parameter.findAnnotation(LabDatabase.class)
                    .map(LabDatabase::value)
                    .filter(LabDatabase.Server.PAYMENTS::equals)
                    .map(server -> TestLab.paymentsPostgres())
                    .orElseGet(TestLab::legacyPostgres);
        }
        if (type == KafkaBroker.class) {
            return TestLab.kafka();
        }
        if (type == SchemaRegistry.class) {
            return TestLab.schemaRegistry();
        }
        return TestLab.psp();
    }
}

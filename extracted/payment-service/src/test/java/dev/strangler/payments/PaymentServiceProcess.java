package dev.strangler.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.process.JvmCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged service ({@code target/payment-service.jar}) as a child JVM that a test can kill with -9. */
final class PaymentServiceProcess implements AutoCloseable {

    private final int port;
    private final List<String> args;
    private Process process;

    PaymentServiceProcess(int port, List<String> args) {
        this.port = port;
        this.args = new ArrayList<>(args);
        this.args.add(0, "--server.port=" + port);
        this.args.add(1, "--spring.profiles.active=lab");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    PaymentServiceProcess start() {
        Path jar = Path.of("target", "payment-service.jar").toAbsolutePath();
        assertThat(jar).as("package the service first").isRegularFile();
        process = JvmCommand.jar(JvmCommand.markerFor("test-payment-service"),
                        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), jar, args,
                        Path.of("").toAbsolutePath())
                .start(Path.of("target", "test-logs", "payment-service-" + port + ".log"), false);
        Api api = new Api(baseUrl());
        await("payment service readiness").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    assertThat(process.isAlive()).as("payment service exited").isTrue();
                    try {
                        return api.get("/actuator/health/readiness").status() == 200;
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
        return this;
    }

    /** SIGKILL: no shutdown hook, no graceful stop, requests in flight die with it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}

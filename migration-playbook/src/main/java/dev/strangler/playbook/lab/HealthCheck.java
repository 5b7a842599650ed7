package dev.strangler.playbook.lab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Whether a component answers as it should. Implementations must return within a few seconds. */
@FunctionalInterface
public interface HealthCheck {

    boolean healthy();

    /** Healthy when {@code url} answers HTTP 200. */
    static HealthCheck http(String url) {
        return () -> {
            try {
                HttpResponse<Void> response = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    /** Holder of one shared client (interfaces cannot have private static fields). */
    final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        private Http() {
        }
    }
}

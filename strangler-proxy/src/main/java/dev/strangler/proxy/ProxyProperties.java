package dev.strangler.proxy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The proxy's settings ({@code proxy.*}). The admin API, dashboard and actuator use Spring's {@code server.port}.
 *
 * @param port the data plane's port, which every caller uses
 * @param host the interface the data plane binds to
 * @param eventLoops event loops and proxy verticles; 0 means one per core
 * @param upstreamPoolSize keep-alive connections per upstream per event loop (Vert.x's default of 5 starves at 50
 *                         concurrent callers)
 * @param maxRequestBody larger requests get 413
 * @param shadowBodyCap shadow comparison buffers bodies up to this size; larger ones are compared by status only
 * @param legacyUpstream the monolith: the legacy side of every extraction's routes, and of the catch-all route
 * @param upstreams the extracted services by name ({@code proxy.upstreams.<service>=http://...}); a service not
 *                  named here is reached at its descriptor's {@code url}
 * @param extractions the directory of extraction descriptors ({@code <name>.yaml}) the default route table is built
 *                    from
 * @param callerHeader the request header naming the caller (the shop's user id): the canary's sticky key; callers
 *                     without it get a cookie
 * @param replicaId this replica's name in audit entries and on the Kafka topic; empty means host name and port
 * @param accessLog whether every request is logged (asynchronously) to the {@code dev.strangler.proxy.access} logger
 * @param routes where the route table lives
 * @param admin admin API security
 * @param kafka route table sharing between replicas
 */
@ConfigurationProperties("proxy")
@Validated
public record ProxyProperties(
        @DefaultValue("8080") @Min(0) @Max(65535) int port,
        @DefaultValue("0.0.0.0") @NotBlank String host,
        @DefaultValue("0") @Min(0) @Max(64) int eventLoops,
        @DefaultValue("128") @Min(1) int upstreamPoolSize,
        @DefaultValue("10MB") @NotNull DataSize maxRequestBody,
        @DefaultValue("256KB") @NotNull DataSize shadowBodyCap,
        @NotNull URI legacyUpstream,
        Map<String, URI> upstreams,
        @DefaultValue("extractions") @NotNull Path extractions,
        @DefaultValue("X-Caller-Id") @NotBlank String callerHeader,
        @DefaultValue("") String replicaId,
        @DefaultValue("true") boolean accessLog,
        @DefaultValue @Valid Routes routes,
        @DefaultValue @Valid Admin admin,
        @DefaultValue @Valid Kafka kafka) {

    public ProxyProperties {
        upstreams = upstreams == null ? Map.of() : Map.copyOf(upstreams);
    }

    /** @param file the route table's JSON file; the audit log sits next to it */
    public record Routes(@DefaultValue("data/strangler-proxy/routes.json") @NotNull Path file) {
    }

    /**
     * @param token the bearer token itself (environment variable {@code PROXY_ADMIN_TOKEN}, or a secret file through
     *              {@code spring.config.import=configtree:...}); unset, the one in {@code tokenFile}
     * @param tokenFile the bearer token's file; created with a random token, owner-only, when missing
     * @param maxRequestBody larger admin request bodies get 413 (a route is about a kilobyte)
     */
    public record Admin(@Nullable String token,
                        @DefaultValue("data/strangler-proxy/admin.token") @NotNull Path tokenFile,
                        @DefaultValue("64KB") @NotNull DataSize maxRequestBody) {

        @Override
        public String toString() {
            return "Admin[tokenFile=" + tokenFile + ", maxRequestBody=" + maxRequestBody + "]";
        }
    }

    /**
     * @param enabled share the table through Kafka; off, the replica only uses its file
     * (the Kafka cluster itself is {@code strangler.kafka.*}: service-support's KafkaConnection)
     * @param topic the compacted topic carrying the route table
     */
    public record Kafka(@DefaultValue("true") boolean enabled,
                        @DefaultValue("strangler.routes") @NotBlank String topic) {
    }
}

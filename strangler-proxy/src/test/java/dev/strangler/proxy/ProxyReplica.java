package dev.strangler.proxy;

import dev.strangler.proxy.forward.DataPlane;
import dev.strangler.proxy.route.RouteStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A whole proxy application started in the test JVM with its own ports, files and replica id. */
record ProxyReplica(ConfigurableApplicationContext context) implements AutoCloseable {

    static ProxyReplica start(Path dir, Map<String, String> properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--proxy.port=0", "--proxy.event-loops=1",
                "--proxy.routes.file=" + dir.resolve("routes.json"), "--proxy.admin.token-file=" + dir.resolve("token"),
                "--proxy.extractions=" + Extractions.REPOSITORY));
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new ProxyReplica(new SpringApplicationBuilder(StranglerProxyApplication.class).run(args.toArray(String[]::new)));
    }

    URI proxy(String path) {
        return URI.create("http://127.0.0.1:" + context.getBean(DataPlane.class).port() + path);
    }

    URI admin(String path) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort() + path);
    }

    RouteStore routes() {
        return context.getBean(RouteStore.class);
    }

    @Override
    public void close() {
        context.close();
    }
}

// The stock vertx-http-proxy with no route table, stages, metrics or headers of ours: the floor our proxy's
// machinery is measured against in the same run (run.sh starts it with the proxy jar's own libraries).
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.httpproxy.HttpProxy;

public final class BareVertxProxy extends VerticleBase {

    static int listen;
    static int backend;

    @Override
    public Future<?> start() {
        var client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(128));
        var proxy = HttpProxy.reverseProxy(client).origin(backend, "127.0.0.1");
        return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setHttp2ClearTextEnabled(false))
                .requestHandler(proxy).listen(listen, "127.0.0.1");
    }

    public static void main(String[] args) {
        listen = Integer.parseInt(args[0]);
        backend = Integer.parseInt(args[1]);
        int loops = Runtime.getRuntime().availableProcessors();
        Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops))
                .deployVerticle(BareVertxProxy::new, new DeploymentOptions().setInstances(loops));
    }
}

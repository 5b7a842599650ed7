package dev.strangler.proxy.forward.internal;

import dev.strangler.proxy.problem.Problem;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers the requests Vert.x cannot parse (a request line or headers over its limits, a malformed head) with a
 * problem, where Vert.x's own handler answers 414, 431 or 400 with an empty body. Like Vert.x's, it closes the
 * connection afterwards: past a head that did not parse, nothing on the connection can be trusted to be a request.
 * Statuses and types are the admin port's for the same rejections (Tomcat's, through service-support's valve).
 */
final class InvalidRequestProblem implements Handler<HttpServerRequest> {

    @Override
    public void handle(HttpServerRequest request) {
        Problem problem = switch (request.decoderResult().cause()) {
            case TooLongHttpLineException e ->
                    Problem.of(414, "uri-too-long", "The request line is longer than the proxy accepts.");
            case TooLongHttpHeaderException e ->
                    Problem.of(431, "headers-too-large", "The request's headers are larger than the proxy accepts.");
            case null, default ->
                    Problem.of(400, "malformed-request", "The request line or a header could not be parsed.");
        };
        request.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Buffer.buffer(problem.json()))
                .onComplete(done -> request.connection().close());
    }
}

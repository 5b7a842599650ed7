package dev.strangler.support.problem;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's error report, as {@code application/problem+json}. Some requests never reach Spring: a path with an
 * encoded slash ({@code ..%2F..%2Fetc}), a header larger than the connector accepts, a malformed request line.
 * Tomcat answers those itself, through the host's {@link ErrorReportValve}, whose body is an HTML page; every error
 * of the toolkit is a problem instead, so that callers parse one shape. The body names no part of the request: it
 * may hold a card number.
 */
public final class ContainerProblemValve extends ErrorReportValve {

    public ContainerProblemValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, @Nullable Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return; // not an error, or Spring (or someone) already wrote the body
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response committed meanwhile: nothing more can be said
        }
    }

    /** The problem for a status the container set by itself. */
    static String body(int status) {
        Kind kind = Kind.of(status);
        return "{\"type\":\"/problems/" + kind.slug + "\",\"title\":\"" + kind.title + "\",\"status\":" + status
                + ",\"detail\":\"" + kind.detail + "\"}";
    }

    /** What a status means when the container itself gave it. */
    private enum Kind {
        MALFORMED("malformed-request", "Malformed request",
                "The request line, a header or the path could not be accepted."),
        NOT_FOUND("not-found", "Not found", "No such resource."),
        METHOD("method-not-allowed", "Method not allowed", "This resource does not support that HTTP method."),
        TOO_LARGE("request-too-large", "Request too large", "The request body is larger than this server accepts."),
        URI_TOO_LONG("uri-too-long", "URI too long", "The request's path and query are longer than this server accepts."),
        HEADERS_TOO_LARGE("headers-too-large", "Headers too large",
                "The request's headers are larger than this server accepts."),
        CLIENT("request-rejected", "Request rejected", "The request was rejected."),
        SERVER("internal-error", "Internal error", "The request failed on our side; it has been logged.");

        final String slug;
        final String title;
        final String detail;

        Kind(String slug, String title, String detail) {
            this.slug = slug;
            this.title = title;
            this.detail = detail;
        }

        static Kind of(int status) {
            return switch (status) {
                case 400 -> MALFORMED;
                case 404 -> NOT_FOUND;
                case 405 -> METHOD;
                case 413 -> TOO_LARGE;
                case 414 -> URI_TOO_LONG;
                case 431 -> HEADERS_TOO_LARGE;
                default -> status >= 500 ? SERVER : CLIENT;
            };
        }
    }
}

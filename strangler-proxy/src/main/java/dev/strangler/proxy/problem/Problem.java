package dev.strangler.proxy.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * An error the proxy answers itself, in the shape of RFC 9457. Written by Jackson rather than glued together from
 * strings, so a detail can never break the JSON, and with {@code type}, {@code title}, {@code status} and {@code
 * detail} always present: callers (the CLI, the playbook, scripts) switch on {@code type}.
 *
 * @param type a stable relative URI, {@code /problems/<name>}
 * @param title the status's reason phrase
 * @param status the HTTP status
 * @param detail what was wrong, never a copy of what the caller sent
 * @param correlationId the data plane's correlation id, when there is one (an RFC 9457 extension member)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, @Nullable String correlationId) {

    /** No charset parameter: JSON is UTF-8 (RFC 8259), and the parameter is not defined for this media type. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem of type {@code /problems/<name>}, titled with the status's reason phrase. */
    public static Problem of(int status, String name, String detail) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return new Problem("/problems/" + name, title, status, detail, null);
    }

    public Problem withCorrelationId(String id) {
        return new Problem(type, title, status, detail, id);
    }

    public byte[] json() {
        return JsonMapper.shared().writeValueAsBytes(this);
    }

    /** Answers with this problem, from code that runs before (or outside) Spring MVC: filters, the container. */
    public void writeTo(HttpServletResponse response) throws IOException {
        byte[] body = json();
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

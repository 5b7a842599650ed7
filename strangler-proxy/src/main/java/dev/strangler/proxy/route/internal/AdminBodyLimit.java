package dev.strangler.proxy.route.internal;

import dev.strangler.proxy.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies on the admin port over {@code proxy.admin.max-request-body} with 413 before anything reads
 * them: by Content-Length when there is one; a chunked body is read up to the limit and handed on from memory.
 * Without this, a controller that fails early on a huge body leaves Tomcat to close a connection the caller is still
 * writing to: the caller sees a reset, not an answer.
 */
final class AdminBodyLimit extends OncePerRequestFilter {

    private final int max;

    AdminBodyLimit(long max) {
        this.max = (int) Math.min(max, Integer.MAX_VALUE - 1);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > max) {
            tooLarge(response);
        } else if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
            byte[] body = request.getInputStream().readNBytes(max + 1);
            if (body.length > max) {
                tooLarge(response);
            } else {
                chain.doFilter(new ReadBody(request, body), response);
            }
        } else {
            chain.doFilter(request, response);
        }
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        Problem.of(413, "request-too-large", "The admin port takes request bodies of up to " + max + " bytes.")
                .writeTo(response);
    }

    /** A request whose body was already read, served again from memory. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the admin API reads its bodies blocking");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }
    }
}

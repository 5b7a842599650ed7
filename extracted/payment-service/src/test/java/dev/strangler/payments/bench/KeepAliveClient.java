package dev.strangler.payments.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The benchmark's HTTP/1.1 client: blocking sockets kept alive in a pool, a POST with a JSON body, the status read and
 * the body skipped. The load generator shares the machine's two cores with what it measures, and the JDK's
 * {@code HttpClient} spent 0.7-0.9 ms of CPU per request (its selector thread, futures and header maps): about a
 * sixth of everything an authorization cost on the machine. This one spends a few tens of microseconds, the same for
 * every target, so the cores go to the applications under test. It speaks only what the targets answer: a status
 * line (after any interim 1xx), headers, and a body by {@code Content-Length}, chunked, or none (204, 304). A request
 * goes a second time only when a kept-alive connection turns out closed before any byte of an answer.
 */
final class KeepAliveClient {

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

    KeepAliveClient(URI base, int timeoutMillis) {
        this.host = base.getHost();
        this.port = base.getPort();
        this.timeoutMillis = timeoutMillis;
    }

    /** POSTs {@code json} to {@code path}; the answer's status, or -1 when the exchange failed. */
    int post(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Connection pooled = idle.poll();
        if (pooled != null) {
            try {
                return exchange(pooled, head, body);
            } catch (ClosedWhileIdle e) {
                // the server had closed the kept-alive connection before our request: it was never read, so it may
                // go again on a fresh connection (a timeout or a reset mid-answer is a failure, not retried)
                pooled.close();
            } catch (IOException | RuntimeException e) {
                pooled.close();
                return -1;
            }
        }
        Connection fresh = null;
        try {
            fresh = open();
            return exchange(fresh, head, body);
        } catch (IOException | RuntimeException e) {
            if (fresh != null) {
                fresh.close();
            }
            return -1;
        }
    }

    private int exchange(Connection c, byte[] head, byte[] body) throws IOException {
        try {
            c.out.write(head);
            c.out.write(body);
            c.out.flush();
        } catch (IOException e) {
            throw new ClosedWhileIdle(); // the request did not get out whole: nothing was answered
        }
        int status = c.readResponse();
        if (c.keepAlive) {
            idle.offer(c);
        } else {
            c.close();
        }
        return status;
    }

    private Connection open() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        return new Connection(socket);
    }

    void close() {
        for (Connection c; (c = idle.poll()) != null; ) {
            c.close();
        }
    }

    /** The server closed a kept-alive connection before answering anything: the request was never read. */
    private static final class ClosedWhileIdle extends IOException {
        ClosedWhileIdle() {
            super("closed by the server while idle");
        }
    }

    private static final class Connection {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final StringBuilder line = new StringBuilder(128);
        private boolean keepAlive;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
            this.out = socket.getOutputStream();
        }

        int readResponse() throws IOException {
            int first = in.read();
            if (first < 0) {
                throw new ClosedWhileIdle();
            }
            String statusLine = (char) first + readLine();
            int status = statusOf(statusLine);
            while (status >= 100 && status < 200) {
                // an interim answer (100 Continue): its headers end with an empty line, the final answer follows
                while (!readLine().isEmpty()) {
                    // its headers
                }
                statusLine = readLine();
                status = statusOf(statusLine);
            }
            long length = -1;
            boolean chunked = false;
            keepAlive = statusLine.startsWith("HTTP/1.1");
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim().toLowerCase(java.util.Locale.ROOT);
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.endsWith("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    keepAlive = keepAlive && !value.contains("close");
                }
            }
            if (status == 204 || status == 304) {
                return status; // no body, whatever the headers say
            }
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    skip(size);
                    readLine();
                }
                while (!readLine().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                skip(length);
            } else {
                keepAlive = false; // the body ends when the server closes
            }
            return status;
        }

        private static int statusOf(String statusLine) throws IOException {
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.x answer");
            }
            try {
                return Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP/1.x status line", e);
            }
        }

        private long chunkSize() throws IOException {
            String size = readLine();
            int extension = size.indexOf(';');
            return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
        }

        private void skip(long n) throws IOException {
            long left = n;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed in a body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String readLine() throws IOException {
            line.setLength(0);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}

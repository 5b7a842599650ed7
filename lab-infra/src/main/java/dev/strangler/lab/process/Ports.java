package dev.strangler.lab.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Port checks with a useful answer to "who is in my way?". */
public final class Ports {

    private Ports() {
    }

    /** True when something accepts TCP connections on 127.0.0.1:{@code port}. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when a server could bind {@code port} on the loopback address right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where {@link #freePort()} looks first: above the well-known services, below the kernel's ephemeral range. */
    static final int FIRST_CHOSEN_PORT = 20_000;

    private static final Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port no one listens on, for a server that binds it a moment later (a child process, a broker). Chosen at
     * random below the kernel's range for outgoing connections, not by binding port 0: a port from that range can be
     * taken by any client connection of any process before the server binds it, and then the server fails with
     * "address already in use" although the port was free. A port is not handed out twice by one JVM.
     */
    public static int freePort() {
        return freePort(ephemeralRange());
    }

    static int freePort(PortRange ephemeral) {
        int last = ephemeral.first() - 1;
        if (last - FIRST_CHOSEN_PORT >= 1000) {
            java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
            for (int attempt = 0; attempt < 100; attempt++) {
                int port = random.nextInt(FIRST_CHOSEN_PORT, last + 1);
                if (isFree(port) && HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
        // a kernel whose ephemeral range starts low: let it choose
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The ports the kernel hands out as local ports of outgoing connections ({@code ip_local_port_range}; Linux's
     * default 32768-60999 where the file cannot be read). A server port in this range is free when checked and can
     * still be taken a moment later by any program's outgoing connection, so lab ports belong below it.
     */
    public static PortRange ephemeralRange() {
        return ephemeralRange(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
    }

    static PortRange ephemeralRange(Path file) {
        try {
            String[] bounds = Files.readString(file).trim().split("\\s+");
            return new PortRange(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]));
        } catch (IOException | RuntimeException e) {
            return new PortRange(32768, 60999);
        }
    }

    /** An inclusive range of ports. */
    public record PortRange(int first, int last) {

        public boolean contains(int port) {
            return port >= first && port <= last;
        }

        @Override
        public String toString() {
            return first + "-" + last;
        }
    }

    /** A human description of the process listening on {@code port}, e.g. {@code "pid 4242 (nginx: master process)"}. */
    public static Optional<String> describeListener(int port) {
        Set<String> inodes = listeningSocketInodes(port);
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                if (holdsAnySocket(proc, inodes)) {
                    long pid = Long.parseLong(proc.getFileName().toString());
                    String cmd = ProcessInfo.commandLine(pid);
                    return Optional.of("pid " + pid + " (" + abbreviate(cmd) + ")");
                }
            }
        } catch (IOException e) {
            return Optional.of("another process (not visible to this user)");
        }
        return Optional.of("another process (not visible to this user)");
    }

    private static boolean holdsAnySocket(Path proc, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                        return true;
                    }
                } catch (IOException ignored) {
                    // the fd closed while we looked
                }
            }
        } catch (IOException | SecurityException e) {
            return false;
        }
        return false;
    }

    /** Inodes of sockets in LISTEN state (st=0A) on {@code port}, IPv4 and IPv6. */
    private static Set<String> listeningSocketInodes(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].endsWith(hexPort) && "0A".equals(f[3])) {
                        inodes.add(f[9]);
                    }
                }
            } catch (IOException ignored) {
                // no IPv6 table on this host
            }
        }
        return inodes;
    }

    private static String abbreviate(String command) {
        return command.length() <= 120 ? command : command.substring(0, 117) + "...";
    }
}

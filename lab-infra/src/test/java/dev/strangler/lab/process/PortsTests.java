package dev.strangler.lab.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsTests {

    @Test
    void namesTheProcessThatHoldsAPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();
            assertThat(Ports.isFree(port)).isFalse();
            assertThat(Ports.isListening(port)).isTrue();
            assertThat(Ports.describeListener(port)).hasValueSatisfying(
                    who -> assertThat(who).startsWith("pid " + ProcessHandle.current().pid() + " ("));
        }
    }

    @Test
    void reportsAFreePortAsFree() {
        int port = Ports.freePort();
        assertThat(Ports.isFree(port)).isTrue();
        assertThat(Ports.describeListener(port)).isEmpty();
    }

    @Test
    void handsOutDistinctPortsBelowTheRangeOfOutgoingConnections() {
        Ports.PortRange linuxDefault = new Ports.PortRange(32768, 60999);
        java.util.List<Integer> ports = java.util.stream.IntStream.range(0, 200).map(i -> Ports.freePort(linuxDefault)).boxed().toList();
        assertThat(ports).doesNotHaveDuplicates()
                .allSatisfy(port -> assertThat(port).isBetween(Ports.FIRST_CHOSEN_PORT, 32767));
        // an ephemeral range that leaves no room below it: the kernel chooses
        int port = Ports.freePort(new Ports.PortRange(1024, 65535));
        assertThat(Ports.isFree(port)).isTrue();
    }

    @Test
    void readsTheKernelsRangeForOutgoingConnections(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ip_local_port_range");
        java.nio.file.Files.writeString(file, "20000\t29999\n");
        Ports.PortRange range = Ports.ephemeralRange(file);
        assertThat(range.contains(20000)).isTrue();
        assertThat(range.contains(29999)).isTrue();
        assertThat(range.contains(30000)).isFalse();
        assertThat(range).hasToString("20000-29999");
        // unreadable or garbled: Linux's default
        java.nio.file.Files.writeString(file, "garbage");
        assertThat(Ports.ephemeralRange(file)).isEqualTo(new Ports.PortRange(32768, 60999));
        assertThat(Ports.ephemeralRange(dir.resolve("absent"))).isEqualTo(new Ports.PortRange(32768, 60999));
    }

    @Test
    void pidFileOnlyNamesALiveProcessWithTheMarker(@TempDir Path dir) {
        PidFile file = new PidFile(dir.resolve("me.pid"));
        assertThat(file.liveProcess("anything")).isEmpty();
        file.write(ProcessHandle.current().pid());
        assertThat(file.pid()).contains(ProcessHandle.current().pid());
        // this JVM's command line has no lab marker: a recycled pid must never be taken for a lab process
        assertThat(file.liveProcess(JvmCommand.markerFor("kafka"))).isEmpty();
        assertThat(file.liveProcess("java")).isPresent();
        file.delete();
        assertThat(file.pid()).isEmpty();
    }
}

package dev.strangler.lab.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCertificatesTests {

    @TempDir
    Path directory;

    @Test
    void aClientTrustingTheLabsCaReachesTheServerUnderItsNameAndAddressWithTheHostChecked() throws Exception {
        LabCertificates certificates = LabCertificates.in(directory, List.of("kafka-1"));

        for (String host : List.of("localhost", "127.0.0.1", "kafka-1")) {
            assertThat(handshake(certificates, "kafka-1", trustStore(certificates.truststore(), certificates), host))
                    .as("handshake naming %s", host).isEqualTo("hello");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheLabsCaIsRefused() throws Exception {
        LabCertificates certificates = LabCertificates.in(directory, List.of("kafka-1"));
        LabCertificates other = LabCertificates.in(directory.resolve("other"), List.of());

        assertThatThrownBy(() -> handshake(certificates, "kafka-1", trustStore(other.truststore(), other), "localhost"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aServerCertificateDoesNotPassForAnotherHostName() throws Exception {
        LabCertificates certificates = LabCertificates.in(directory, List.of("kafka-1"));

        assertThatThrownBy(() -> handshake(certificates, "kafka-1", trustStore(certificates.truststore(), certificates),
                "kafka-2")).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aLabStartedAgainKeepsItsAuthorityAndAddsOnlyTheMissingServers() throws Exception {
        LabCertificates first = LabCertificates.in(directory, List.of("kafka-1"));
        byte[] ca = Files.readAllBytes(first.caPem());
        byte[] kafka = Files.readAllBytes(first.keystore("kafka-1"));

        LabCertificates again = LabCertificates.in(directory, List.of("kafka-1", "postgres"));

        assertThat(again.password()).isEqualTo(first.password());
        assertThat(Files.readAllBytes(again.caPem())).isEqualTo(ca);
        assertThat(Files.readAllBytes(again.keystore("kafka-1"))).isEqualTo(kafka);
        assertThat(again.keystore("postgres")).exists();
        assertThat(handshake(again, "postgres", trustStore(first.truststore(), first), "localhost")).isEqualTo("hello");
    }

    @Test
    void privateKeysAndThePasswordAreReadableByTheirOwnerOnly() throws Exception {
        LabCertificates certificates = LabCertificates.in(directory, List.of("postgres"));

        for (Path secret : List.of(certificates.keyPem("postgres"), directory.resolve("store.password"))) {
            assertThat(Files.getPosixFilePermissions(secret)).as(secret.toString())
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        assertThat(Files.readString(certificates.keyPem("postgres"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(certificates.certificatePem("postgres"))).startsWith("-----BEGIN CERTIFICATE-----");
    }

    private static KeyStore trustStore(Path file, LabCertificates certificates) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, certificates.password().toCharArray());
        }
        return store;
    }

    /** A TLS server on the server's key store, and a client that checks the certificate against {@code host}. */
    private static String handshake(LabCertificates certificates, String server, KeyStore trusted, String host)
            throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificates.keystore(server))) {
            keys.load(in, certificates.password().toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, certificates.password().toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);

        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept(); OutputStream out = accepted.getOutputStream()) {
                    out.write("hello".getBytes());
                } catch (Exception e) {
                    // the client refused the handshake: its side reports why
                }
            });
            // a plain connection, then TLS over it naming the host the client believes it reached
            try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                 SSLSocket client = (SSLSocket) clientContext.getSocketFactory().createSocket(plain, host,
                         listener.getLocalPort(), true)) {
                SSLParameters parameters = client.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(parameters);
                client.startHandshake();
                String answer = new String(client.getInputStream().readAllBytes());
                served.join();
                return answer;
            }
        }
    }
}

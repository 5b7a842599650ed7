package dev.strangler.lab.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority of the lab's own, made at start, and the certificates it signs: what a cluster lab needs to
 * run Kafka, PostgreSQL and the registry behind TLS as production does, without a certificate in the repository or a
 * tool to install. Everything lands in one directory (under the lab's data, ignored by git):
 *
 * <ul>
 *   <li>{@code ca.pem} and {@code truststore.p12}: the CA, for clients (pgjdbc's {@code sslrootcert}, Kafka's and the
 *   JDK's trust stores);</li>
 *   <li>per server name, {@code <name>.p12} (key and chain, for Java servers such as Kafka) and {@code <name>.crt.pem}
 *   with {@code <name>.key.pem} (for PostgreSQL, whose key file must be private to its owner);</li>
 *   <li>{@code store.password}: the one password of the PKCS#12 stores, random per lab.</li>
 * </ul>
 *
 * Server certificates name {@code localhost} and {@code 127.0.0.1} besides the server's own name, so clients can check
 * the host name as they must in production ({@code ssl.endpoint.identification.algorithm=https},
 * {@code sslmode=verify-full}). Made again only when the CA is missing: a lab restarted keeps its certificates.
 */
public final class LabCertificates {

    private static final Duration VALIDITY = Duration.ofDays(825);
    private static final String SIGNATURE = "SHA256withECDSA";

    private final Path directory;
    private final String password;

    private LabCertificates(Path directory, String password) {
        this.directory = directory;
        this.password = password;
    }

    /**
     * The lab's CA in {@code directory}, created if it is not there yet, with a server certificate for each of
     * {@code servers} that does not exist yet.
     */
    public static LabCertificates in(Path directory, List<String> servers) {
        try {
            Files.createDirectories(directory);
            Path passwordFile = directory.resolve("store.password");
            if (!Files.exists(directory.resolve("ca.p12")) || !Files.exists(passwordFile)) {
                String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
                writePrivate(passwordFile, password.getBytes(StandardCharsets.US_ASCII));
                createAuthority(directory, password.toCharArray());
            }
            LabCertificates certificates = new LabCertificates(directory, Files.readString(passwordFile).trim());
            for (String server : servers) {
                if (!Files.exists(certificates.keystore(server))) {
                    certificates.createServer(server);
                }
            }
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not make the lab's certificates in " + directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** The password of every PKCS#12 store here. */
    public String password() {
        return password;
    }

    /** The CA certificate, PEM: what clients trust. */
    public Path caPem() {
        return directory.resolve("ca.pem");
    }

    /** A PKCS#12 trust store holding the CA alone. */
    public Path truststore() {
        return directory.resolve("truststore.p12");
    }

    /** The PKCS#12 key store of {@code server}: its private key and its chain up to the CA. */
    public Path keystore(String server) {
        return directory.resolve(server + ".p12");
    }

    /** The certificate of {@code server}, PEM. */
    public Path certificatePem(String server) {
        return directory.resolve(server + ".crt.pem");
    }

    /** The private key of {@code server}, PKCS#8 PEM, readable by its owner only. */
    public Path keyPem(String server) {
        return directory.resolve(server + ".key.pem");
    }

    private static void createAuthority(Path directory, char[] password)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPair keys = keyPair();
        X500Name name = new X500Name("CN=strangler lab CA");
        Instant now = Instant.now();
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), name, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(keys.getPublic()));
        X509Certificate ca = sign(builder, keys);

        KeyStore authority = KeyStore.getInstance("PKCS12");
        authority.load(null, null);
        authority.setKeyEntry("ca", keys.getPrivate(), password, new Certificate[] {ca});
        store(authority, directory.resolve("ca.p12"), password);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        store(trust, directory.resolve("truststore.p12"), password);
        Files.writeString(directory.resolve("ca.pem"), pem(ca));
    }

    private void createServer(String server) throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyStore authority = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(directory.resolve("ca.p12"))) {
            authority.load(in, password.toCharArray());
        }
        X509Certificate ca = (X509Certificate) authority.getCertificate("ca");
        KeyPair caKeys = new KeyPair(ca.getPublicKey(),
                (java.security.PrivateKey) authority.getKey("ca", password.toCharArray()));

        KeyPair keys = keyPair();
        List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        if (!server.equals("localhost")) {
            names.add(new GeneralName(GeneralName.dNSName, server));
        }
        Instant now = Instant.now();
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)),
                new X500Name("CN=" + server), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                // servers and, for mutual TLS, clients: one certificate per component does both
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)))
                .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(keys.getPublic()));
        X509Certificate certificate = sign(builder, caKeys);

        KeyStore keystore = KeyStore.getInstance("PKCS12");
        keystore.load(null, null);
        keystore.setKeyEntry(server, keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate, ca});
        Files.writeString(certificatePem(server), pem(certificate) + pem(ca));
        StringWriter key = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(key)) {
            writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
        }
        writePrivate(keyPem(server), key.toString().getBytes(StandardCharsets.US_ASCII));
        // last: its presence says the server's files are complete
        store(keystore, keystore(server), password.toCharArray());
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner contentSigner = new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static void store(KeyStore store, Path file, char[] password) throws IOException, GeneralSecurityException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            store.store(out, password);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes a secret readable by its owner only (PostgreSQL refuses a key file others can read). */
    private static void writePrivate(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system: nothing finer to set
        }
        Files.write(file, content);
    }
}

package org.openvtn.certs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.GeneratedPki;
import org.openvtn.certs.pki.NegativePki;
import org.openvtn.certs.pki.PkiGenerator;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsProfile;

/**
 * Test fixture shared by every module (test-jar {@code openvtn-certs:tests}): a complete dev PKI
 * generated in a directory plus the deliberately bad certificates of the rejection matrix.
 *
 * <pre>{@code
 * TestPki pki = TestPki.shared();                 // once per JVM, in a temp dir
 * TlsConfig server = pki.oadrServerConfig().build();    // VTN: vtn-rsa + vtn-ecc, trusts ca.crt, loads the CRL
 * TlsConfig client = pki.oadrClientConfig(pki.venEcc()).build();
 * Path p12 = pki.files("ven-ecc-0001").pkcs12();   // password: pki.password()
 * }</pre>
 *
 * Bad OpenADR credentials (issued by the OpenADR intermediate unless said otherwise):
 * {@link #expired()}, {@link #notYetValid()}, {@link #selfSigned()}, {@link #unknownCa()},
 * {@link #wrongKeyUsage()}, {@link #noClientAuth()}, {@link #revoked()} (listed in
 * {@link #revocationCrl()}). Bad IEEE 2030.5 credentials (CSIP COMM-004):
 * {@link #deviceBadMicaEku()}, {@link #deviceSelfSigned()}, {@link #devicePolicyMapping()},
 * {@link #deviceUnknownSerca()}; good depth-4 chain {@link #deviceViaMca()}.
 */
public final class TestPki {

    private static TestPki shared;

    private final GeneratedPki pki;
    private final Map<String, Credential> bad = new LinkedHashMap<>();
    private final Map<String, GeneratedPki.Files> badFiles = new LinkedHashMap<>();
    private final Path revocationCrl;

    private TestPki(GeneratedPki pki) {
        this.pki = pki;
        NegativePki negative = NegativePki.write(pki, Instant.now());
        bad.putAll(negative.credentials());
        badFiles.putAll(negative.files());
        revocationCrl = negative.revocationCrl();
    }

    /** Generates the PKI (one VEN of each key type, two devices) and the bad certificates into {@code dir}. */
    public static TestPki create(Path dir) {
        GeneratedPki pki = new PkiGenerator(PkiGenerator.Options.builder().rsaVens(1).ecVens(2).devices(2).build())
                .generate(dir);
        return new TestPki(pki);
    }

    /** One PKI per JVM in a temporary directory removed at exit; generation costs RSA keys, so share it. */
    public static synchronized TestPki shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("openvtn-test-pki");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                shared = create(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public GeneratedPki pki() {
        return pki;
    }

    public Path dir() {
        return pki.dir();
    }

    public char[] password() {
        return pki.password();
    }

    /** Files of a good or bad credential by name. */
    public GeneratedPki.Files files(String name) {
        GeneratedPki.Files f = badFiles.get(name);
        return f != null ? f : pki.files(name);
    }

    /** @return every deliberately bad credential by name ({@code bad-*} OpenADR, {@code bad-device-*} 2030.5) */
    public Map<String, Credential> badCredentials() {
        return java.util.Collections.unmodifiableMap(bad);
    }

    /** A good or bad credential by name. */
    public Credential credential(String name) {
        Credential c = bad.get(name);
        return c != null ? c : pki.credential(name);
    }

    public Credential vtnRsa() {
        return pki.credential("vtn-rsa");
    }

    public Credential vtnEcc() {
        return pki.credential("vtn-ecc");
    }

    public Credential venRsa() {
        return pki.credential("ven-rsa-0001");
    }

    public Credential venEcc() {
        return pki.credential("ven-ecc-0001");
    }

    public Credential sepServer() {
        return pki.credential("sep-server");
    }

    public Credential device() {
        return pki.credential("device-0001");
    }

    public Credential expired() {
        return bad.get("bad-expired");
    }

    public Credential notYetValid() {
        return bad.get("bad-not-yet-valid");
    }

    public Credential selfSigned() {
        return bad.get("bad-self-signed");
    }

    public Credential unknownCa() {
        return bad.get("bad-unknown-ca");
    }

    /** keyUsage keyAgreement only: no digitalSignature. */
    public Credential wrongKeyUsage() {
        return bad.get("bad-key-usage");
    }

    /** extendedKeyUsage serverAuth only: no clientAuth. */
    public Credential noClientAuth() {
        return bad.get("bad-no-client-auth");
    }

    /** Listed in {@link #revocationCrl()}. */
    public Credential revoked() {
        return bad.get("bad-revoked");
    }

    /** A CRL of the OpenADR intermediate CA listing {@link #revoked()}. */
    public Path revocationCrl() {
        return revocationCrl;
    }

    /** CSIP COMM-004: device under a MICA that carries an extendedKeyUsage. */
    public Credential deviceBadMicaEku() {
        return bad.get("bad-device-mica-eku");
    }

    /** CSIP COMM-004: self-signed device certificate. */
    public Credential deviceSelfSigned() {
        return bad.get("bad-device-self-signed");
    }

    /** CSIP COMM-004: device under a MICA that carries a policyMappings extension. */
    public Credential devicePolicyMapping() {
        return bad.get("bad-device-policy-mapping");
    }

    /** Device whose chain ends at a SERCA nobody trusts. */
    public Credential deviceUnknownSerca() {
        return bad.get("bad-device-unknown-serca");
    }

    /** Good device with a depth-4 chain: SERCA -> MCA -> MICA -> device (CSIP COMM-004). */
    public Credential deviceViaMca() {
        return bad.get("device-via-mca");
    }

    /** OpenADR VTN server config: RSA and ECC keys, trusts {@code ca.crt}, loads {@link #revocationCrl()}. */
    public TlsConfig.Builder oadrServerConfig() {
        return TlsConfig.builder().profile(TlsProfile.OPENADR_20B).credentials(vtnRsa(), vtnEcc())
                .trustAnchorFile(pki.caFile()).crlFile(revocationCrl);
    }

    /** OpenADR VEN client config with the given credential, trusting {@code ca.crt}. */
    public TlsConfig.Builder oadrClientConfig(Credential credential) {
        return TlsConfig.builder().profile(TlsProfile.OPENADR_20B).credentials(credential)
                .trustAnchorFile(pki.caFile());
    }

    /** IEEE 2030.5 server config: {@code sep-server}, trusts {@code serca.crt}. */
    public TlsConfig.Builder sepServerConfig() {
        return TlsConfig.builder().profile(TlsProfile.IEEE_2030_5).credentials(sepServer())
                .trustAnchorFile(pki.sercaFile());
    }

    /** IEEE 2030.5 client config with the given device credential, trusting {@code serca.crt}. */
    public TlsConfig.Builder sepClientConfig(Credential credential) {
        return TlsConfig.builder().profile(TlsProfile.IEEE_2030_5).credentials(credential)
                .trustAnchorFile(pki.sercaFile());
    }


    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}

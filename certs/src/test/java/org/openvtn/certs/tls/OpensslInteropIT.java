package org.openvtn.certs.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.GeneratedPki;
import org.openvtn.certs.testing.OpenSsl;
import org.openvtn.certs.testing.TestPki;

/**
 * Interoperability with the system {@code openssl s_client} using the generated PEM files:
 * OpenADR 2.0b conformance rule 67 suites {@code AES128-SHA256} (TLS_RSA_WITH_AES_128_CBC_SHA256)
 * and {@code ECDHE-ECDSA-AES128-SHA256} against Jetty, and IEEE 2030.5 / CSIP COMM-003
 * {@code ECDHE-ECDSA-AES128-CCM8} against Netty on Bouncy Castle. Skipped when openssl is absent.
 */
class OpensslInteropIT {

    private static final Pattern CIPHER = Pattern.compile("Cipher is (\\S+)");
    private static TestPki pki;
    private static JettyTlsServer oadr;
    private static NettyTlsServer sep;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.shared();
        oadr = new JettyTlsServer(TlsFactory.of(pki.oadrServerConfig().strict(true).build()));
        sep = new NettyTlsServer(TlsFactory.of(pki.sepServerConfig().build()));
    }

    @AfterAll
    static void stop() throws Exception {
        oadr.close();
        sep.close();
    }

    /** Rule 67: openssl negotiates TLS_RSA_WITH_AES_128_CBC_SHA256 with an RSA VEN certificate. */
    @Test
    void openAdrRsaSuite() throws Exception {
        assertNegotiated(oadr.port(), "AES128-SHA256", "ven-rsa-0001", pki.pki().caFile(), "ca/oadr-intermediate.crt");
    }

    /** Rule 67: openssl negotiates TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 with an ECC VEN certificate. */
    @Test
    void openAdrEcdsaSuite() throws Exception {
        assertNegotiated(oadr.port(), "ECDHE-ECDSA-AES128-SHA256", "ven-ecc-0001", pki.pki().caFile(),
                "ca/oadr-intermediate.crt");
    }

    /** CSIP COMM-003: openssl negotiates TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 on P-256 with a device certificate. */
    @Test
    void ieee2030dot5Ccm8Suite() throws Exception {
        String out = assertNegotiated(sep.port(), "ECDHE-ECDSA-AES128-CCM8", "device-0001", pki.pki().sercaFile(),
                "ca/sep-mica.crt");
        assertTrue(out.contains("prime256v1") || out.contains("P-256"), "server temp key on P-256:\n" + out);
        NettyTlsServer.Outcome seen = sep.nextOutcome();
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", seen.cipherSuite());
        assertEquals(org.openvtn.certs.identity.SepIdentity.lfdi(pki.pki().credential("device-0001").certificate()),
                seen.peer().lfdi());
    }

    private static String assertNegotiated(int port, String cipher, String identity, Path caFile, String intermediates)
            throws Exception {
        OpenSsl.assumeAvailable();
        GeneratedPki.Files f = pki.files(identity);
        OpenSsl.Result r = OpenSsl.run("s_client", "-connect", "127.0.0.1:" + port, "-tls1_2", "-cipher", cipher,
                "-cert", f.certificate().toString(), "-key", f.key().toString(),
                "-cert_chain", pki.dir().resolve(intermediates).toString(),
                "-CAfile", caFile.toString(), "-verify_return_error", "-servername", "localhost");
        Matcher m = CIPHER.matcher(r.output());
        assertTrue(m.find(), "no cipher in openssl output:\n" + r.output());
        assertEquals(cipher, m.group(1), r.output());
        assertTrue(r.output().contains("Verify return code: 0 (ok)"), r.output());
        return r.output();
    }
}

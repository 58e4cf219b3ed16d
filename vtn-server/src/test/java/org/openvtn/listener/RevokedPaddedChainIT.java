package org.openvtn.listener;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.pki.PemFiles;
import org.openvtn.certs.testing.PaddedChains;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.http.SepServer;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * Issue #12 item 1 on the real listeners: the OpenADR 2.0b VTN and the IEEE 2030.5 server refuse a
 * revoked client certificate presented as {@code [revoked leaf, unrelated certificate,
 * intermediate]} (before the fix: HTTP 200), and still serve a good certificate sent the same way.
 */
class RevokedPaddedChainIT {

    private static TestPki pki;
    private static VtnServer vtn;
    private static VtnCore sepCore;
    private static SepServer sep;
    private static Credential revokedDevice;
    private static X509Certificate unrelated;

    @BeforeAll
    static void start(@TempDir Path dir) {
        pki = TestPki.shared();
        unrelated = pki.unknownCa().certificate();
        CertificateAuthority mica = pki.pki().authority("sep-mica");
        KeyPair k = new KeyPairs().ecP256();
        revokedDevice = mica.issue("revoked-device", CertificateProfiles.csipDevice("REVOKED-2", k.getPublic(),
                Instant.now()).build(), k.getPrivate());
        Path crl = dir.resolve("mica.crl");
        PemFiles.writeCrl(crl, mica.crl(List.of(revokedDevice.certificate()), Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(7))));
        vtn = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0)
                .inMemory("padded" + UUID.randomUUID().toString().replace("-", ""))
                .tls(pki.oadrServerConfig().build()).build()); // loads the CRL listing bad-revoked
        sepCore = VtnCore.open(CoreConfig.builder().inMemory("paddedsep" + UUID.randomUUID().toString()
                .replace("-", "")).build());
        sep = SepServer.start(SepConfig.builder().tls(pki.sepServerConfig().crlFile(crl).build())
                .codec(SepCodec.create(new PublishedSchemas())).host("127.0.0.1").port(0).build(), sepCore);
    }

    @AfterAll
    static void stop() {
        vtn.close();
        sep.close();
        sepCore.close();
    }

    /** Issue #12 item 1, OpenADR 2.0b §10: padded chain of a revoked VEN refused, of a good VEN served. */
    @Test
    void oadrListener() throws Exception {
        X509Certificate intermediate = pki.pki().authority("oadr-intermediate").certificate();
        Credential revoked = pki.revoked();
        assertThrows(IOException.class, () -> get(false, revoked, List.of(revoked.certificate(), unrelated,
                intermediate), vtn.oadrPort(), vtn.oadrBaseUri().getPath() + "EiEvent"));
        Credential good = pki.venEcc();
        assertTrue(get(false, good, List.of(good.certificate(), unrelated, intermediate), vtn.oadrPort(),
                vtn.oadrBaseUri().getPath() + "EiEvent").startsWith("HTTP/1.1 "));
    }

    /** Issue #12 item 1, CSIP COMM-004: a revoked device (never expires) cannot hide behind a padded chain. */
    @Test
    void sepListener() throws Exception {
        X509Certificate mica = pki.pki().authority("sep-mica").certificate();
        assertThrows(IOException.class, () -> get(true, revokedDevice, List.of(revokedDevice.certificate(), unrelated,
                mica), sep.port(), "/dcap"));
        Credential good = pki.device();
        assertTrue(get(true, good, List.of(good.certificate(), unrelated, mica), sep.port(), "/dcap")
                .startsWith("HTTP/1.1 200"));
    }

    private static String get(boolean sep, Credential key, List<X509Certificate> chain, int port, String path)
            throws Exception {
        return PaddedChains.get(pki, sep, key, chain, port, path);
    }
}

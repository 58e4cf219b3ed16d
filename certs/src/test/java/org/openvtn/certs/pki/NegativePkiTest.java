package org.openvtn.certs.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code openvtn pki init --negative} / {@code openvtn dev}: the rejection matrix is issued from the CA keys an
 * earlier run left on disk (CSIP COMM-004 device chains, OpenADR bad client certificates).
 */
class NegativePkiTest {

    @Test
    void writesTheMatrixFromTheCaKeysOnDisk(@TempDir Path dir) throws Exception {
        new PkiGenerator(PkiGenerator.Options.builder().ecVens(1).rsaVens(0).devices(1).build()).generate(dir);
        NegativePki bad = NegativePki.write(dir, PkiGenerator.DEFAULT_PASSWORD.toCharArray(), Instant.now());

        assertEquals(dir.resolve("bad"), bad.dir());
        for (String name : List.of("bad-expired", "bad-not-yet-valid", "bad-self-signed", "bad-unknown-ca",
                "bad-key-usage", "bad-no-client-auth", "bad-revoked", "bad-device-mica-eku", "bad-device-self-signed",
                "bad-device-policy-mapping", "bad-device-unknown-serca", "device-via-mca")) {
            assertTrue(Files.isRegularFile(dir.resolve("bad/" + name + "-chain.crt")), name);
            assertTrue(Files.isRegularFile(dir.resolve("bad/" + name + ".key")), name);
        }
        X509Certificate serca = PemFiles.readCertificate(dir.resolve(PkiGenerator.SERCA_FILE));
        // COMM-004 positive: device -> MICA -> MCA chains to the PKI's own SERCA (depth 4 with the anchor).
        List<X509Certificate> viaMca = PemFiles.readCertificates(dir.resolve("bad/device-via-mca-chain.crt"));
        assertEquals(3, viaMca.size());
        validate(viaMca, serca);
        // A foreign SERCA's device does not chain to it.
        assertThrows(CertPathValidatorException.class,
                () -> validate(PemFiles.readCertificates(dir.resolve("bad/bad-device-unknown-serca-chain.crt")), serca));
        // The revocation CRL is the PKI's intermediate's and lists bad-revoked.
        X509CRL crl = PemFiles.readCrls(bad.revocationCrl()).get(0);
        crl.verify(PemFiles.readCertificate(dir.resolve("ca/oadr-intermediate.crt")).getPublicKey());
        assertTrue(crl.isRevoked(PemFiles.readCertificate(dir.resolve("bad/bad-revoked.crt"))));
    }

    private static void validate(List<X509Certificate> chain, X509Certificate anchor) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(chain),
                params);
    }
}

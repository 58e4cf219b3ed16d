package org.openvtn.certs.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.CertificateIdentity;
import org.openvtn.certs.testing.OpenSsl;
import org.openvtn.certs.testing.TestPki;

/** The generated dev/test PKI: layout, CSIP certificate profile, identities.txt, openssl acceptance. */
class PkiGeneratorTest {

    private final TestPki test = TestPki.shared();
    private final GeneratedPki pki = test.pki();

    /** Every identity exists as PEM certificate, chain, PKCS#8 key and PKCS#12 with the configured password. */
    @Test
    void everyIdentityIsWrittenInEveryForm() {
        for (String name : pki.names()) {
            GeneratedPki.Files f = pki.files(name);
            Credential c = pki.credential(name);
            assertEquals(c.certificate(), PemFiles.readCertificate(f.certificate()), name);
            assertEquals(c.chain(), PemFiles.readCertificates(f.chain()), name);
            assertEquals(c.key(), PemFiles.readPrivateKey(f.key()), name);
            KeyStore ks = PemFiles.readPkcs12(f.pkcs12(), pki.password());
            assertNotNull(assertDoesNotThrow(() -> ks.getKey(name, pki.password())), name);
        }
        assertTrue(Files.isRegularFile(pki.caFile()));
        assertEquals(pki.authority("oadr-root").certificate(), PemFiles.readCertificate(pki.caFile()));
        assertEquals(pki.authority("sep-serca").certificate(), PemFiles.readCertificate(pki.sercaFile()));
        assertEquals(2, PemFiles.readCertificates(pki.caBundleFile()).size());
        assertTrue(PemFiles.readCrls(pki.oadrCrlFile()).get(0).getRevokedCertificates() == null);
    }

    /** OpenADR 2.0b: VTN server certificates in RSA 2048 and ECC P-256 with SAN localhost and 127.0.0.1. */
    @Test
    void vtnServerCertificates() throws Exception {
        assertEquals(2048, ((RSAPublicKey) test.vtnRsa().certificate().getPublicKey()).getModulus().bitLength());
        assertTrue(test.vtnEcc().certificate().getPublicKey() instanceof ECPublicKey);
        for (Credential c : List.of(test.vtnRsa(), test.vtnEcc())) {
            var sans = c.certificate().getSubjectAlternativeNames().stream().map(l -> l.get(1)).toList();
            assertTrue(sans.contains("localhost") && sans.contains("127.0.0.1"), sans.toString());
        }
        KeyStore dual = PemFiles.readPkcs12(pki.vtnDualKeyStore(), pki.password());
        assertTrue(dual.isKeyEntry("vtn-rsa") && dual.isKeyEntry("vtn-ecc"));
    }

    /**
     * IEEE 2030.5 §6.11.8 / CSIP §5.2.x device certificate profile: P-256, ecdsa-with-SHA256,
     * empty subject, critical KU digitalSignature+keyAgreement, critical policies under
     * 1.3.6.1.4.1.40732, critical SAN HardwareModuleName, notAfter 99991231235959Z.
     */
    @Test
    void csipDeviceCertificateProfile() throws Exception {
        X509Certificate c = test.device().certificate();
        assertEquals("SHA256withECDSA", c.getSigAlgName());
        assertEquals("1.2.840.10045.4.3.2", c.getSigAlgOID());
        assertEquals(256, ((ECPublicKey) c.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertEquals("", c.getSubjectX500Principal().getName());
        assertTrue(c.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.15", "2.5.29.32", "2.5.29.17")),
                c.getCriticalExtensionOIDs().toString());
        boolean[] ku = c.getKeyUsage();
        assertTrue(ku[0] && ku[4], "digitalSignature and keyAgreement");
        assertEquals(2, countTrue(ku));
        var san = c.getSubjectAlternativeNames().iterator().next();
        assertEquals(0, san.get(0), "otherName");
        byte[] policies = c.getExtensionValue("2.5.29.32");
        assertTrue(new String(policies, java.nio.charset.StandardCharsets.ISO_8859_1).length() > 0);
        assertTrue(org.bouncycastle.asn1.x509.CertificatePolicies.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(policies).getOctets()).getPolicyInformation()[0]
                .getPolicyIdentifier().getId().startsWith("1.3.6.1.4.1.40732."));
        assertEquals(java.time.Instant.parse("9999-12-31T23:59:59Z"), c.getNotAfter().toInstant());
        // the chain: device, MICA (SERCA is the trust anchor)
        assertEquals(2, test.device().chain().size());
        assertEquals(pki.authority("sep-mica").certificate(), test.device().chain().get(1));
    }

    /** identities.txt lists every certificate with its OpenADR fingerprint, LFDI and SFDI. */
    @Test
    void identitiesFileListsEveryCertificate() throws Exception {
        List<String> lines = Files.readAllLines(pki.dir().resolve(PkiGenerator.IDENTITIES_FILE));
        for (String name : pki.names()) {
            CertificateIdentity id = CertificateIdentity.of(pki.credential(name).certificate());
            String line = lines.stream().filter(l -> l.startsWith(name + "\t")).findFirst().orElseThrow();
            String[] cols = line.split("\t");
            assertArrayEquals(new String[] {id.oadrFingerprint(), id.lfdi(), Long.toString(id.sfdi())},
                    new String[] {cols[2], cols[3], cols[4]}, name);
        }
    }

    /** openssl accepts every generated chain: {@code openssl verify -CAfile ... -untrusted ...}. */
    @Test
    void opensslVerifiesTheGeneratedChains() throws Exception {
        OpenSsl.assumeAvailable();
        Path dir = pki.dir();
        for (String name : pki.names()) {
            boolean sep = name.startsWith("device") || name.equals("sep-server");
            Path anchor = sep ? pki.sercaFile() : pki.caFile();
            Path untrusted = dir.resolve(sep ? "ca/sep-mica.crt" : "ca/oadr-intermediate.crt");
            OpenSsl.Result r = OpenSsl.run("verify", "-CAfile", anchor.toString(), "-untrusted", untrusted.toString(),
                    pki.files(name).certificate().toString());
            assertEquals(0, r.exitCode(), name + ": " + r.output());
            assertTrue(r.output().contains(": OK"), r.output());
        }
        // and rejects a certificate from an unknown CA
        OpenSsl.Result bad = OpenSsl.run("verify", "-CAfile", pki.caFile().toString(), "-untrusted",
                dir.resolve("ca/oadr-intermediate.crt").toString(), test.files("bad-unknown-ca").certificate().toString());
        assertTrue(bad.exitCode() != 0, bad.output());
    }

    private static int countTrue(boolean[] bits) {
        int n = 0;
        for (boolean b : bits) {
            n += b ? 1 : 0;
        }
        return n;
    }

    private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> s) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
    }
}

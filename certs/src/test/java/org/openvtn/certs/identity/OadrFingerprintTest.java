package org.openvtn.certs.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;

/** OpenADR 2.0b profile spec §10: the certificate fingerprint that identifies a VEN. */
class OadrFingerprintTest {

    /** §10: SHA-256 over the DER certificate, last 10 bytes, as AA:BB:... (20 hex digits). */
    @Test
    void lastTenBytesOfSha256WithColons() throws Exception {
        var cert = TestPki.shared().venEcc().certificate();
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        String tail = HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha, 22, 32);
        String fp = OadrFingerprint.of(cert);
        assertEquals(tail, fp);
        assertEquals(29, fp.length());
        assertTrue(fp.matches("([0-9A-F]{2}:){9}[0-9A-F]{2}"));
        assertEquals(fp, OadrFingerprint.of(cert.getEncoded()));
    }

    /** Peers write the fingerprint lower case and without colons: comparisons ignore both. */
    @Test
    void comparisonIgnoresCaseAndColons() {
        String canonical = "7A:1F:E2:3B:00:99:AB:CD:EF:01";
        String peerStyle = "7a1fe23b0099abcdef01";
        assertTrue(OadrFingerprint.matches(canonical, peerStyle));
        assertTrue(OadrFingerprint.matches("7a-1f-e2-3b-00-99-ab-cd-ef-01", canonical));
        assertEquals(canonical, OadrFingerprint.normalize(peerStyle));
        assertFalse(OadrFingerprint.matches(canonical, "7a1fe23b0099abcdef02"));
        assertFalse(OadrFingerprint.matches(canonical, null));
        assertFalse(OadrFingerprint.matches("zz", "zz"));
        assertFalse(OadrFingerprint.isValid("7a1fe23b0099abcdef0"));
        assertThrows(IllegalArgumentException.class, () -> OadrFingerprint.normalize("not a fingerprint"));
    }

    /** A certificate matches its own fingerprint in any spelling, and not another's. */
    @Test
    void certificateMatchesItsFingerprint() {
        TestPki pki = TestPki.shared();
        String fp = OadrFingerprint.of(pki.venEcc().certificate());
        assertTrue(OadrFingerprint.matches(pki.venEcc().certificate(), fp.replace(":", "").toLowerCase(Locale.ROOT)));
        assertFalse(OadrFingerprint.matches(pki.venRsa().certificate(), fp));
    }
}

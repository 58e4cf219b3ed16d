package org.openvtn.certs.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;

/** IEEE 2030.5-2018 §6.3.4: LFDI, SFDI and the check digit, with the standard's worked example. */
class SepIdentityTest {

    /** The §6.3.4 example fingerprint 3E4F-45AB-31ED-...-D694. */
    private static final byte[] EXAMPLE = HexFormat.of().parseHex(
            "3E4F45AB31EDFE5B67E343E5E4562E31984E23E5349E2AD745672ED1C6E1D694");

    /** §6.3.4 example: LFDI is the first 160 bits of the fingerprint. */
    @Test
    void lfdiOfTheStandardsExample() {
        assertEquals("3E4F45AB31EDFE5B67E343E5E4562E31984E23E5", SepIdentity.lfdi(EXAMPLE));
    }

    /** §6.3.4 example: SFDI 16726121139-1, i.e. 167261211391. */
    @Test
    void sfdiOfTheStandardsExample() {
        assertEquals(167261211391L, SepIdentity.sfdi(EXAMPLE));
        assertEquals(167261211391L, SepIdentity.sfdiFromLfdi("3e4f45ab31edfe5b67e343e5e4562e31984e23e5"));
        assertEquals(1, SepIdentity.checkDigit(16726121139L));
    }

    /** §6.3.4: a valid SFDI's digits sum to 0 mod 10; a wrong check digit is detected. */
    @Test
    void sfdiValidation() {
        assertTrue(SepIdentity.isValidSfdi(167261211391L));
        for (int wrong = 0; wrong <= 9; wrong++) {
            if (wrong != 1) {
                assertFalse(SepIdentity.isValidSfdi(16726121139L * 10 + wrong), "check digit " + wrong);
            }
        }
        assertFalse(SepIdentity.isValidSfdi(0));
        assertFalse(SepIdentity.isValidSfdi(-167261211391L));
    }

    /** §6.3.4 / registration PIN: six digits, the last the check digit of the first five. */
    @Test
    void pinValidation() {
        assertTrue(SepIdentity.isValidPin("111115"));
        assertTrue(SepIdentity.isValidPin("000000"));
        assertTrue(SepIdentity.isValidPin(111115));
        assertEquals(111115, SepIdentity.pinWithCheckDigit(11111));
        assertEquals(123455, SepIdentity.pinWithCheckDigit(12345));
        assertTrue(SepIdentity.isValidPin(SepIdentity.pinWithCheckDigit(98765)));
        assertFalse(SepIdentity.isValidPin("111116"));
        assertFalse(SepIdentity.isValidPin("11111"));
        assertFalse(SepIdentity.isValidPin("1111150"));
        assertFalse(SepIdentity.isValidPin("11a115"));
        assertFalse(SepIdentity.isValidPin(null));
        assertFalse(SepIdentity.isValidPin(1_000_000));
    }

    /** §6.3.4: the identities of a real certificate derive from SHA-256 over its DER encoding. */
    @Test
    void identitiesOfAGeneratedDeviceCertificate() throws Exception {
        var cert = TestPki.shared().device().certificate();
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        String hex = HexFormat.of().withUpperCase().formatHex(sha);
        assertEquals(hex, SepIdentity.fingerprintHex(cert));
        assertEquals(hex.substring(0, 40), SepIdentity.lfdi(cert));
        long sfdi = SepIdentity.sfdi(cert);
        assertTrue(SepIdentity.isValidSfdi(sfdi));
        assertEquals(Long.parseLong(hex.substring(0, 9), 16), sfdi / 10);
    }
}

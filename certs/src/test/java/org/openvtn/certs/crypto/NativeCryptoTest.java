package org.openvtn.certs.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.KeyPairs;

/**
 * Issue #18: the native provider loads on the CI platform and its ECDSA signatures verify with the JDK's SunEC;
 * the switch turns it off without touching the JVM's provider order. The installing path itself is what every
 * {@code openvtn} process runs first (its log line names the outcome); it is not run here, so the other tests of
 * this JVM keep the JDK's providers.
 */
class NativeCryptoTest {

    @AfterEach
    void clearSwitch() {
        System.clearProperty(NativeCrypto.SWITCH_PROPERTY);
    }

    @Test
    void providerLoadsAndItsSignaturesVerifyWithTheJdk() throws Exception {
        Provider p = NativeCrypto.provider().orElseThrow(() -> new AssertionError("native provider did not load"));
        var kp = new KeyPairs().ecP256();
        Signature s = Signature.getInstance("SHA256withECDSA", p);
        s.initSign(kp.getPrivate());
        byte[] data = "oadrResponse".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        s.update(data);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance("SHA256withECDSA", "SunEC");
        v.initVerify(kp.getPublic());
        v.update(data);
        assertTrue(v.verify(sig));
        v.initVerify(kp.getPublic());
        v.update("oadrResponsf".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertFalse(v.verify(sig));
    }

    @Test
    void switchOffLeavesTheProvidersAsTheyAre() {
        Provider[] before = Security.getProviders();
        System.setProperty(NativeCrypto.SWITCH_PROPERTY, "off");
        assertFalse(NativeCrypto.enabled());
        NativeCrypto.Status status = NativeCrypto.installFirst();
        assertEquals(NativeCrypto.Outcome.TURNED_OFF, status.outcome());
        assertFalse(status.active());
        assertArrayEquals(before, Security.getProviders());
        System.setProperty(NativeCrypto.SWITCH_PROPERTY, "on");
        assertTrue(NativeCrypto.enabled());
    }
}

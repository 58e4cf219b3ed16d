package org.openvtn.sep.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;

/**
 * Issue #17, IEEE 2030.5-2018 §6.11: the listener checks its own certificate against the device certificate profile
 * when it starts; the dev/test 2030.5 server certificate conforms (nothing to warn), an OpenADR-style certificate
 * configured as the 2030.5 one is reported with each deviation named.
 */
class SepCertificateWarningTest {
    private static final TestPki PKI = TestPki.shared();

    @Test
    void devServerCertificateConforms() {
        assertEquals(List.of(), SepServer.warnOutsideProfile(PKI.sepServerConfig().build().keyStore()));
    }

    @Test
    void certificateOutsideTheProfileIsNamed() {
        List<String> d = SepServer.warnOutsideProfile(PKI.oadrServerConfig().build().keyStore());
        assertTrue(d.stream().anyMatch(x -> x.startsWith("subject '")), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.contains("HardwareModuleName")), d.toString());
    }
}

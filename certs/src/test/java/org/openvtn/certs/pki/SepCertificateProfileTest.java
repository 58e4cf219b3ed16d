package org.openvtn.certs.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;

/**
 * IEEE 2030.5-2018 §6.11: the 2030.5 server certificate the dev/test PKI issues ({@code pki init}, {@code dev}) is in
 * the device certificate profile (empty subject, critical SAN with HardwareModuleName, critical 2030.5 policies),
 * keeping localhost / 127.0.0.1 in that SAN for host name verification; a certificate outside the profile is
 * reported field by field (issue #17).
 */
class SepCertificateProfileTest {
    private static final TestPki PKI = TestPki.shared();

    @Test
    void serverCertificateIsInTheDeviceProfileAndKeepsItsHostNames() throws Exception {
        X509Certificate server = PKI.sepServer().certificate();
        assertEquals(List.of(), SepCertificateProfile.deviations(server));
        assertEquals("", server.getSubjectX500Principal().getName());
        assertTrue(server.getCriticalExtensionOIDs().contains("2.5.29.17"), "critical SAN");
        assertTrue(server.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(0).equals(2)
                && n.get(1).equals("localhost")), "dNSName localhost");
        assertTrue(server.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(0).equals(7)
                && n.get(1).equals("127.0.0.1")), "iPAddress 127.0.0.1");
        assertEquals(List.of(), SepCertificateProfile.deviations(PKI.device().certificate()));
    }

    @Test
    void certificatesOutsideTheProfileAreReportedByField() {
        List<String> oadr = SepCertificateProfile.deviations(PKI.vtnEcc().certificate());
        assertTrue(oadr.stream().anyMatch(d -> d.startsWith("subject '")), oadr.toString());
        assertTrue(oadr.stream().anyMatch(d -> d.contains("HardwareModuleName")), oadr.toString());
        assertTrue(oadr.stream().anyMatch(d -> d.contains("certificatePolicies")), oadr.toString());
        assertTrue(oadr.stream().anyMatch(d -> d.contains("notAfter")), oadr.toString());
        List<String> rsa = SepCertificateProfile.deviations(PKI.vtnRsa().certificate());
        assertTrue(rsa.contains("public key is not ECC P-256"), rsa.toString());
    }
}

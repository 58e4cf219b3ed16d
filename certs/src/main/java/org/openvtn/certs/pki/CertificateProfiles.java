package org.openvtn.certs.pki;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Certificate contents for every identity the dev/test PKI issues, as builders a caller may
 * still adjust (the test fixture bends them into bad certificates).
 *
 * <p>OpenADR 2.0b (profile spec §10): RSA 2048 or ECC P-256 leaves with serverAuth / clientAuth.
 * IEEE 2030.5 (§6.11.8, CSIP §5.2.x): ECC P-256, ecdsa-with-SHA256, empty subject, critical
 * keyUsage digitalSignature+keyAgreement, critical certificatePolicies, critical SAN otherName
 * HardwareModuleName, notAfter 99991231235959Z, issued SERCA -> MICA -> device.
 */
public final class CertificateProfiles {

    /** Clock skew allowance: certificates become valid this long before "now". */
    public static final Duration BACKDATE = Duration.ofHours(1);

    private CertificateProfiles() {
    }

    /** OpenADR root CA: 20 years, no path length limit. */
    public static CertificateSpec.Builder oadrRoot(PublicKey key, Instant now) {
        return CertificateSpec.builder().subject("CN=OpenVTN Dev Root CA,O=OpenVTN").publicKey(key)
                .validity(now.minus(BACKDATE), now.plus(Duration.ofDays(20 * 365)))
                .ca(null).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign);
    }

    /** OpenADR intermediate CA: 10 years, issues end entities only (pathLen 0). */
    public static CertificateSpec.Builder oadrIntermediate(PublicKey key, Instant now) {
        return CertificateSpec.builder().subject("CN=OpenVTN Dev Intermediate CA,O=OpenVTN").publicKey(key)
                .validity(now.minus(BACKDATE), now.plus(Duration.ofDays(10 * 365)))
                .ca(0).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign);
    }

    /** OpenADR VTN server certificate: SAN localhost and 127.0.0.1, serverAuth and clientAuth (push mode). */
    public static CertificateSpec.Builder oadrServer(String commonName, PublicKey key, Instant now) {
        return CertificateSpec.builder().subject("CN=" + commonName + ",O=OpenVTN").publicKey(key)
                .validity(now.minus(BACKDATE), now.plus(Duration.ofDays(2 * 365)))
                .keyUsage(leafKeyUsage(key))
                .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth)
                .dnsName("localhost").ipAddress("127.0.0.1");
    }

    /** OpenADR VEN client certificate: clientAuth and serverAuth (a VEN may accept pushes). */
    public static CertificateSpec.Builder oadrClient(String commonName, PublicKey key, Instant now) {
        return CertificateSpec.builder().subject("CN=" + commonName + ",O=OpenVTN").publicKey(key)
                .validity(now.minus(BACKDATE), now.plus(Duration.ofDays(2 * 365)))
                .keyUsage(leafKeyUsage(key))
                .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth);
    }

    /** IEEE 2030.5 SERCA: self-signed root, never expires. */
    public static CertificateSpec.Builder serca(PublicKey key, Instant now) {
        return CertificateSpec.builder().subject("CN=OpenVTN Dev SERCA,O=OpenVTN").publicKey(key)
                .validity(now.minus(BACKDATE), CertificateSpec.NO_EXPIRY)
                .ca(null).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign);
    }

    /** IEEE 2030.5 MICA (manufacturer issuing CA): pathLen 0, critical policies, never expires. */
    public static CertificateSpec.Builder mica(PublicKey key, Instant now) {
        return CertificateSpec.builder().subject("CN=OpenVTN Dev MICA,O=OpenVTN").publicKey(key)
                .validity(now.minus(BACKDATE), CertificateSpec.NO_EXPIRY)
                .ca(0).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                .policies(true, Csip.POLICY_DEVICE, Csip.POLICY_TEST);
    }

    /** IEEE 2030.5 MCA (manufacturer CA between SERCA and MICA, for depth-4 chains): pathLen 1. */
    public static CertificateSpec.Builder mca(PublicKey key, Instant now) {
        return CertificateSpec.builder().subject("CN=OpenVTN Dev MCA,O=OpenVTN").publicKey(key)
                .validity(now.minus(BACKDATE), CertificateSpec.NO_EXPIRY)
                .ca(1).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                .policies(true, Csip.POLICY_DEVICE, Csip.POLICY_TEST);
    }

    /** CSIP device certificate: empty subject, HardwareModuleName with the given serial number. */
    public static CertificateSpec.Builder csipDevice(String serialNumber, PublicKey key, Instant now) {
        return CertificateSpec.builder().subject("").publicKey(key)
                .validity(now.minus(BACKDATE), CertificateSpec.NO_EXPIRY)
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement)
                .policies(true, Csip.POLICY_DEVICE, Csip.POLICY_TEST)
                .hardwareModuleName(Csip.DEV_HARDWARE_TYPE, serialNumber.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The IEEE 2030.5 server's certificate: IEEE 2030.5-2018 §6.11 puts servers under the device certificate profile
     * (same MICA, empty subject, critical SAN with HardwareModuleName, the 2030.5 policies; {@link
     * SepCertificateProfile}). The host names go into the same critical SAN (dNSName localhost, iPAddress 127.0.0.1),
     * the only place the profile leaves for them, so clients can still verify the host name.
     */
    public static CertificateSpec.Builder csipServer(PublicKey key, Instant now) {
        return csipDevice("OPENVTN-SERVER", key, now).dnsName("localhost").ipAddress("127.0.0.1");
    }

    private static int leafKeyUsage(PublicKey key) {
        return "EC".equals(key.getAlgorithm())
                ? KeyUsage.digitalSignature | KeyUsage.keyAgreement
                : KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
    }
}

package org.openvtn.certs.identity;

import java.security.cert.X509Certificate;

/**
 * Every identity a certificate carries in this product: the OpenADR 2.0b fingerprint
 * (profile spec §10) and the IEEE 2030.5-2018 §6.3.4 LFDI and SFDI.
 *
 * @param subject          the subject distinguished name (RFC 2253), empty for CSIP device certificates
 * @param oadrFingerprint  OpenADR fingerprint, {@code AA:BB:...}
 * @param lfdi             IEEE 2030.5 LFDI, 40 upper-case hex digits
 * @param sfdi             IEEE 2030.5 SFDI, check digit included
 */
public record CertificateIdentity(String subject, String oadrFingerprint, String lfdi, long sfdi) {

    /** Derives all identities of a certificate. */
    public static CertificateIdentity of(X509Certificate certificate) {
        byte[] sha256 = Digests.sha256(certificate);
        return new CertificateIdentity(
                certificate.getSubjectX500Principal().getName(),
                OadrFingerprint.of(certificate),
                SepIdentity.lfdi(sha256),
                SepIdentity.sfdi(sha256));
    }
}

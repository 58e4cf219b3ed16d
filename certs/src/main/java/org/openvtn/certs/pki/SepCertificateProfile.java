package org.openvtn.certs.pki;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;

/**
 * The IEEE 2030.5-2018 §6.11 device certificate profile, which §6.11 applies to servers too: ECC P-256 signed with
 * ecdsa-with-SHA256, an empty subject, a critical subjectAltName carrying an otherName HardwareModuleName (RFC 4108),
 * critical keyUsage with digitalSignature and keyAgreement, critical certificatePolicies with the 2030.5 device
 * policy, and notAfter 99991231235959Z. A dNSName or iPAddress next to the HardwareModuleName is allowed (the SAN is
 * the only place a host name can go once the subject is empty), so clients can still verify the host name.
 */
public final class SepCertificateProfile {
    /** RFC 5280 GeneralizedTime 99991231235959Z: "no well-defined expiration date". */
    public static final Instant NO_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");
    private static final String SAN = "2.5.29.17";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String POLICIES = "2.5.29.32";

    private SepCertificateProfile() {
    }

    /**
     * @param cert a 2030.5 end-entity certificate (device or server)
     * @return each way it deviates from the profile, in words naming the field; empty when it conforms
     */
    public static List<String> deviations(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        if (!(cert.getPublicKey() instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            out.add("public key is not ECC P-256");
        }
        if (!"1.2.840.10045.4.3.2".equals(cert.getSigAlgOID())) {
            out.add("signature algorithm " + cert.getSigAlgName() + " is not ecdsa-with-SHA256");
        }
        if (!cert.getSubjectX500Principal().getName().isEmpty()) {
            out.add("subject '" + cert.getSubjectX500Principal().getName() + "' is not empty");
        }
        Set<String> critical = cert.getCriticalExtensionOIDs() == null ? Set.of() : cert.getCriticalExtensionOIDs();
        if (cert.getExtensionValue(SAN) == null) {
            out.add("no subjectAltName (HardwareModuleName required)");
        } else {
            if (!critical.contains(SAN)) {
                out.add("subjectAltName is not critical");
            }
            if (!hasHardwareModuleName(cert)) {
                out.add("subjectAltName carries no otherName HardwareModuleName (1.3.6.1.5.5.7.8.4)");
            }
        }
        boolean[] ku = cert.getKeyUsage();
        if (ku == null || !critical.contains(KEY_USAGE)) {
            out.add("keyUsage missing or not critical");
        } else if (!ku[0] || ku.length < 5 || !ku[4]) {
            out.add("keyUsage lacks digitalSignature and keyAgreement");
        }
        if (cert.getExtensionValue(POLICIES) == null || !critical.contains(POLICIES)) {
            out.add("certificatePolicies missing or not critical");
        } else if (!policies(cert).contains(Csip.POLICY_DEVICE)) {
            out.add("certificatePolicies lack the IEEE 2030.5 device policy " + Csip.POLICY_DEVICE);
        }
        if (!cert.getNotAfter().toInstant().equals(NO_EXPIRY)) {
            out.add("notAfter " + cert.getNotAfter().toInstant() + " is not 99991231235959Z");
        }
        return out;
    }

    private static boolean hasHardwareModuleName(X509Certificate cert) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names == null) {
                return false;
            }
            GeneralNames parsed = GeneralNames.getInstance(ASN1OctetString.getInstance(cert.getExtensionValue(SAN))
                    .getOctets());
            for (GeneralName n : parsed.getNames()) {
                if (n.getTagNo() == GeneralName.otherName) {
                    ASN1Sequence seq = ASN1Sequence.getInstance(n.getName());
                    if ("1.3.6.1.5.5.7.8.4".equals(ASN1ObjectIdentifier.getInstance(seq.getObjectAt(0)).getId())) {
                        return true;
                    }
                }
            }
            return false;
        } catch (CertificateParsingException | RuntimeException e) {
            return false;
        }
    }

    private static Set<String> policies(X509Certificate cert) {
        try {
            CertificatePolicies p = CertificatePolicies.getInstance(ASN1OctetString.getInstance(
                    cert.getExtensionValue(POLICIES)).getOctets());
            Set<String> out = new java.util.HashSet<>();
            for (PolicyInformation i : p.getPolicyInformation()) {
                out.add(i.getPolicyIdentifier().getId());
            }
            return out;
        } catch (RuntimeException e) {
            return Set.of();
        }
    }
}

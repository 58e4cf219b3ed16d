package org.openvtn.certs.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertPolicyId;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyMappings;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority that can sign certificates and CRLs with Bouncy Castle's builders.
 * Signatures are ecdsa-with-SHA256 for EC issuers (the only algorithm IEEE 2030.5 §6.11 allows)
 * and sha256WithRSAEncryption for RSA issuers. Crypto runs on the JDK's providers; nothing is
 * registered globally.
 */
public final class CertificateAuthority {

    /** OID of the SAN otherName HardwareModuleName (RFC 4108). */
    public static final String HARDWARE_MODULE_NAME_OID = "1.3.6.1.5.5.7.8.4";

    private final PrivateKey key;
    private final List<X509Certificate> path;
    private final SecureRandom random;

    private CertificateAuthority(PrivateKey key, List<X509Certificate> path, SecureRandom random) {
        this.key = key;
        this.path = List.copyOf(path);
        this.random = random;
    }

    /** A self-signed root CA from the spec (which should say {@code ca(...)}). */
    public static CertificateAuthority selfSigned(CertificateSpec spec, KeyPair keys) {
        SecureRandom random = new SecureRandom();
        X509Certificate cert = sign(spec, new X500Name(spec.subject), keys.getPublic(), keys.getPrivate(), null, random);
        return new CertificateAuthority(keys.getPrivate(), List.of(cert), random);
    }

    /** Re-creates an authority from its key and its path (its own certificate first, root last). */
    public static CertificateAuthority of(PrivateKey key, List<X509Certificate> path) {
        return new CertificateAuthority(key, path, new SecureRandom());
    }

    /** A self-signed end-entity certificate (not a CA); used for negative tests. */
    public static Credential selfSignedLeaf(String name, CertificateSpec spec, KeyPair keys) {
        X509Certificate cert = sign(spec, new X500Name(spec.subject), keys.getPublic(), keys.getPrivate(), null,
                new SecureRandom());
        return new Credential(name, keys.getPrivate(), List.of(cert));
    }

    /** Issues a subordinate CA certificate to the key pair. */
    public CertificateAuthority subordinate(CertificateSpec spec, KeyPair keys) {
        X509Certificate cert = signCertificate(spec);
        List<X509Certificate> sub = new ArrayList<>();
        sub.add(cert);
        sub.addAll(path);
        return new CertificateAuthority(keys.getPrivate(), sub, random);
    }

    /** Issues an end-entity credential: the chain is the new certificate plus this CA's intermediates. */
    public Credential issue(String name, CertificateSpec spec, PrivateKey subjectKey) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(signCertificate(spec));
        chain.addAll(intermediates());
        return new Credential(name, subjectKey, chain);
    }

    /** Signs a certificate for the spec's subject and public key. */
    public X509Certificate signCertificate(CertificateSpec spec) {
        return sign(spec, X500Name.getInstance(certificate().getSubjectX500Principal().getEncoded()),
                certificate().getPublicKey(),
                key, certificate(), random);
    }

    /** A CRL from this CA listing the given certificates as revoked (reason keyCompromise). */
    public X509CRL crl(Collection<X509Certificate> revoked, Instant thisUpdate, Instant nextUpdate) {
        try {
            X509v2CRLBuilder b = new JcaX509v2CRLBuilder(certificate(), Date.from(thisUpdate));
            b.setNextUpdate(Date.from(nextUpdate));
            for (X509Certificate c : revoked) {
                b.addCRLEntry(c.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(certificate()));
            b.addExtension(Extension.cRLNumber, false,
                    new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(thisUpdate.getEpochSecond())));
            return new JcaX509CRLConverter().getCRL(b.build(signer(key)));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new PkiException("cannot sign CRL", e);
        }
    }

    /** This CA's certificate. */
    public X509Certificate certificate() {
        return path.get(0);
    }

    /** This CA's private key. */
    public PrivateKey key() {
        return key;
    }

    /** This CA's certificate, its issuers, and the root last. */
    public List<X509Certificate> path() {
        return path;
    }

    /** The self-signed root at the top of this CA's path: the trust anchor. */
    public X509Certificate root() {
        return path.get(path.size() - 1);
    }

    /** The certificates a peer must send besides its own: this CA's path without the root. */
    public List<X509Certificate> intermediates() {
        return path.subList(0, path.size() - 1);
    }

    private static X509Certificate sign(CertificateSpec spec, X500Name issuerDn, PublicKey issuerPublic,
                                        PrivateKey issuerKey, X509Certificate issuerCert, SecureRandom random) {
        try {
            BigInteger serial = new BigInteger(127, random).setBit(120);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerDn, serial,
                    Date.from(spec.notBefore), Date.from(spec.notAfter), new X500Name(spec.subject), spec.publicKey);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            if (spec.ca) {
                b.addExtension(Extension.basicConstraints, true, spec.pathLength == null
                        ? new BasicConstraints(true) : new BasicConstraints(spec.pathLength));
            }
            b.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage));
            if (!spec.extendedKeyUsages.isEmpty()) {
                b.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(spec.extendedKeyUsages.toArray(new KeyPurposeId[0])));
            }
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(spec.publicKey));
            b.addExtension(Extension.authorityKeyIdentifier, false, issuerCert == null
                    ? utils.createAuthorityKeyIdentifier(issuerPublic)
                    : utils.createAuthorityKeyIdentifier(issuerCert));
            GeneralNames san = subjectAltNames(spec);
            if (san != null) {
                // RFC 5280 §4.2.1.6: critical when the subject is empty, as in CSIP device certificates.
                b.addExtension(Extension.subjectAlternativeName, spec.subject.isEmpty(), san);
            }
            if (!spec.policies.isEmpty()) {
                PolicyInformation[] infos = spec.policies.stream()
                        .map(oid -> new PolicyInformation(new ASN1ObjectIdentifier(oid)))
                        .toArray(PolicyInformation[]::new);
                b.addExtension(Extension.certificatePolicies, spec.policiesCritical, new CertificatePolicies(infos));
            }
            if (!spec.policyMappings.isEmpty()) {
                CertPolicyId[] from = new CertPolicyId[spec.policyMappings.size() / 2];
                CertPolicyId[] to = new CertPolicyId[from.length];
                for (int i = 0; i < from.length; i++) {
                    from[i] = CertPolicyId.getInstance(new ASN1ObjectIdentifier(spec.policyMappings.get(2 * i)));
                    to[i] = CertPolicyId.getInstance(new ASN1ObjectIdentifier(spec.policyMappings.get(2 * i + 1)));
                }
                b.addExtension(Extension.policyMappings, true, new PolicyMappings(from, to));
            }
            if (!spec.crlDistributionPoints.isEmpty()) {
                org.bouncycastle.asn1.x509.DistributionPoint[] points = spec.crlDistributionPoints.stream()
                        .map(uri -> new org.bouncycastle.asn1.x509.DistributionPoint(
                                new org.bouncycastle.asn1.x509.DistributionPointName(
                                        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri))),
                                null, null))
                        .toArray(org.bouncycastle.asn1.x509.DistributionPoint[]::new);
                b.addExtension(Extension.cRLDistributionPoints, false,
                        new org.bouncycastle.asn1.x509.CRLDistPoint(points));
            }
            if (spec.ocspResponder != null) {
                b.addExtension(Extension.authorityInfoAccess, false,
                        new org.bouncycastle.asn1.x509.AuthorityInformationAccess(
                                org.bouncycastle.asn1.x509.AccessDescription.id_ad_ocsp,
                                new GeneralName(GeneralName.uniformResourceIdentifier, spec.ocspResponder)));
            }
            return new JcaX509CertificateConverter().getCertificate(b.build(signer(issuerKey)));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new PkiException("cannot sign certificate for '" + spec.subject + "'", e);
        }
    }

    private static GeneralNames subjectAltNames(CertificateSpec spec) {
        List<GeneralName> names = new ArrayList<>();
        for (String dns : spec.dnsNames) {
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : spec.ipAddresses) {
            names.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        if (spec.hardwareModuleType != null) {
            // OtherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT HardwareModuleName }
            // HardwareModuleName ::= SEQUENCE { hwType OID, hwSerialNum OCTET STRING }
            ASN1EncodableVector hw = new ASN1EncodableVector();
            hw.add(new ASN1ObjectIdentifier(spec.hardwareModuleType));
            hw.add(new DEROctetString(spec.hardwareModuleSerial));
            ASN1EncodableVector other = new ASN1EncodableVector();
            other.add(new ASN1ObjectIdentifier(HARDWARE_MODULE_NAME_OID));
            other.add(new DERTaggedObject(true, 0, new DERSequence(hw)));
            names.add(new GeneralName(GeneralName.otherName, new DERSequence(other)));
        }
        return names.isEmpty() ? null : new GeneralNames(names.toArray(new GeneralName[0]));
    }

    private static ContentSigner signer(PrivateKey key) {
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            return new JcaContentSignerBuilder(algorithm).build(key);
        } catch (OperatorCreationException e) {
            throw new PkiException("cannot create a " + algorithm + " signer", e);
        }
    }
}

package org.openvtn.certs.pki;

import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * What a certificate says, independent of who signs it. Immutable; build with {@link #builder()}.
 * Key usage bits are Bouncy Castle's {@link KeyUsage} constants.
 */
public final class CertificateSpec {

    /** {@code notAfter} for certificates that never expire (IEEE 2030.5 §6.11.8: 99991231235959Z). */
    public static final Instant NO_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    final String subject;
    final PublicKey publicKey;
    final Instant notBefore;
    final Instant notAfter;
    final boolean ca;
    final Integer pathLength;
    final int keyUsage;
    final List<KeyPurposeId> extendedKeyUsages;
    final List<String> dnsNames;
    final List<String> ipAddresses;
    final String hardwareModuleType;
    final byte[] hardwareModuleSerial;
    final List<String> policies;
    final boolean policiesCritical;
    final List<String> policyMappings;
    final List<String> crlDistributionPoints;
    final String ocspResponder;

    private CertificateSpec(Builder b) {
        this.subject = b.subject;
        this.publicKey = b.publicKey;
        this.notBefore = b.notBefore;
        this.notAfter = b.notAfter;
        this.ca = b.ca;
        this.pathLength = b.pathLength;
        this.keyUsage = b.keyUsage;
        this.extendedKeyUsages = List.copyOf(b.extendedKeyUsages);
        this.dnsNames = List.copyOf(b.dnsNames);
        this.ipAddresses = List.copyOf(b.ipAddresses);
        this.hardwareModuleType = b.hardwareModuleType;
        this.hardwareModuleSerial = b.hardwareModuleSerial == null ? null : b.hardwareModuleSerial.clone();
        this.policies = List.copyOf(b.policies);
        this.policiesCritical = b.policiesCritical;
        this.policyMappings = List.copyOf(b.policyMappings);
        this.crlDistributionPoints = List.copyOf(b.crlDistributionPoints);
        this.ocspResponder = b.ocspResponder;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link CertificateSpec}; {@link #build()} checks the required fields. */
    public static final class Builder {
        private String subject = "";
        private PublicKey publicKey;
        private Instant notBefore;
        private Instant notAfter;
        private boolean ca;
        private Integer pathLength;
        private int keyUsage;
        private final List<KeyPurposeId> extendedKeyUsages = new ArrayList<>();
        private final List<String> dnsNames = new ArrayList<>();
        private final List<String> ipAddresses = new ArrayList<>();
        private String hardwareModuleType;
        private byte[] hardwareModuleSerial;
        private final List<String> policies = new ArrayList<>();
        private boolean policiesCritical;
        private final List<String> policyMappings = new ArrayList<>();
        private final List<String> crlDistributionPoints = new ArrayList<>();
        private String ocspResponder;

        private Builder() {
        }

        /** Subject DN in RFC 4514 form; empty (the default) for CSIP device certificates. */
        public Builder subject(String dn) {
            this.subject = Objects.requireNonNull(dn, "subject");
            return this;
        }

        public Builder publicKey(PublicKey key) {
            this.publicKey = key;
            return this;
        }

        public Builder validity(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        /** Marks a CA certificate (basicConstraints cA=true, critical); {@code pathLength} may be null. */
        public Builder ca(Integer pathLength) {
            this.ca = true;
            this.pathLength = pathLength;
            return this;
        }

        /** Key usage bits (critical), e.g. {@code KeyUsage.digitalSignature | KeyUsage.keyAgreement}. */
        public Builder keyUsage(int bits) {
            this.keyUsage = bits;
            return this;
        }

        /** Adds extended key usages (non-critical extension). */
        public Builder extendedKeyUsage(KeyPurposeId... purposes) {
            this.extendedKeyUsages.addAll(List.of(purposes));
            return this;
        }

        public Builder dnsName(String name) {
            this.dnsNames.add(name);
            return this;
        }

        public Builder ipAddress(String address) {
            this.ipAddresses.add(address);
            return this;
        }

        /** SAN otherName HardwareModuleName (RFC 4108, OID 1.3.6.1.5.5.7.8.4), as CSIP requires. */
        public Builder hardwareModuleName(String hwTypeOid, byte[] serialNumber) {
            this.hardwareModuleType = hwTypeOid;
            this.hardwareModuleSerial = serialNumber.clone();
            return this;
        }

        /** Certificate policy OIDs and whether the extension is critical. */
        public Builder policies(boolean critical, String... oids) {
            this.policies.addAll(List.of(oids));
            this.policiesCritical = critical;
            return this;
        }

        /** Adds a cRLDistributionPoints URI (RFC 5280 §4.2.1.13) where the issuer's CRL is published. */
        public Builder crlDistributionPoint(String uri) {
            this.crlDistributionPoints.add(uri);
            return this;
        }

        /** An authorityInfoAccess OCSP responder URI (RFC 5280 §4.2.2.1). */
        public Builder ocspResponder(String uri) {
            this.ocspResponder = uri;
            return this;
        }

        /** Adds a policyMappings pair (issuerDomainPolicy, subjectDomainPolicy); only for negative tests. */
        public Builder policyMapping(String issuerDomainPolicy, String subjectDomainPolicy) {
            this.policyMappings.add(issuerDomainPolicy);
            this.policyMappings.add(subjectDomainPolicy);
            return this;
        }

        public CertificateSpec build() {
            if (publicKey == null) {
                throw new IllegalArgumentException("publicKey is required");
            }
            if (notBefore == null || notAfter == null) {
                throw new IllegalArgumentException("validity is required");
            }
            if (!notAfter.isAfter(notBefore)) {
                throw new IllegalArgumentException("validity: notAfter must be after notBefore");
            }
            if (keyUsage == 0) {
                throw new IllegalArgumentException("keyUsage is required");
            }
            return new CertificateSpec(this);
        }
    }
}

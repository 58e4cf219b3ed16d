package org.openvtn.conformance.sep.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.CertificateSpec;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.Csip;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.pki.PemFiles;
import org.openvtn.conformance.TargetConfig;

/**
 * The server chains the harness presents to the device for CSIP COMM-004 (IEEE 2030.5-2018 §6.11.8, CSIP §5.2.1):
 * valid chains of depth 2 (SERCA - server) and 4 (SERCA - MCA - MICA - server), and the bad ones the device must
 * refuse, generated in memory when the run starts. Every leaf is the 2030.5 server profile with the host names and
 * addresses of the harness's own certificate, so the only defect of a bad chain is the one it is named after.
 *
 * <p>Issuing under the SERCA needs its private key: target property {@code sercaKey} (a PEM file) or
 * {@code pki/ca/sep-serca.key} of the target's PKI directory ({@code openvtn pki init}). Without it only the chains
 * that need no SERCA signature exist (unknown SERCA, self-signed).
 */
final class ServerChains {
    /** Depth-2 chain SERCA - server (valid). */
    static final String DEPTH_2 = "depth-2";
    /** Depth-4 chain SERCA - MCA - MICA - server (valid). */
    static final String DEPTH_4 = "depth-4";
    static final String EXPIRED = "expired";
    static final String NOT_YET_VALID = "not-yet-valid";
    static final String UNKNOWN_SERCA = "unknown-serca";
    static final String SELF_SIGNED = "self-signed";
    static final String CA_EKU = "ca-eku";
    static final String CA_POLICY_MAPPING = "ca-policy-mapping";
    /** SERCA - MCA (pathLenConstraint 0) - MICA - server: the MCA's basic constraints forbid the MICA (RFC 5280 §4.2.1.9). */
    static final String PATH_LEN = "path-length";

    private final Map<String, Credential> chains;
    private final boolean signedBySerca;

    private ServerChains(Map<String, Credential> chains, boolean signedBySerca) {
        this.chains = chains;
        this.signedBySerca = signedBySerca;
    }

    /** The chains for the harness whose own leaf is {@code leaf}, issued under the target's SERCA when its key is known. */
    static ServerChains of(TargetConfig target, X509Certificate leaf, X509Certificate serca) {
        Path key = null;
        String prop = target.property("sercaKey", "").trim();
        if (!prop.isEmpty()) {
            key = Path.of(prop);
        } else if (target.pkiDir() != null && Files.isRegularFile(target.pkiDir().resolve("ca/sep-serca.key"))) {
            key = target.pkiDir().resolve("ca/sep-serca.key");
        }
        CertificateAuthority ca = key == null ? null : CertificateAuthority.of(PemFiles.readPrivateKey(key), List.of(serca));
        return build(ca, leaf, Instant.now());
    }

    static ServerChains build(CertificateAuthority serca, X509Certificate leaf, Instant now) {
        KeyPairs keys = new KeyPairs();
        Map<String, Credential> m = new LinkedHashMap<>();
        KeyPair k = keys.ecP256();
        CertificateAuthority rogue = CertificateAuthority.selfSigned(CertificateProfiles.serca(k.getPublic(), now)
                .subject(serca == null ? "CN=Rogue SERCA" : serca.certificate().getSubjectX500Principal().getName())
                .build(), k);
        m.put(UNKNOWN_SERCA, issue(rogue, UNKNOWN_SERCA, leaf, keys, now, b -> b));
        k = keys.ecP256();
        m.put(SELF_SIGNED, CertificateAuthority.selfSignedLeaf(SELF_SIGNED, server(leaf, k, now)
                .subject("CN=Harness self-signed server").build(), k));
        if (serca != null) {
            m.put(DEPTH_2, issue(serca, DEPTH_2, leaf, keys, now, b -> b));
            k = keys.ecP256();
            CertificateAuthority mca = serca.subordinate(CertificateProfiles.mca(k.getPublic(), now).build(), k);
            k = keys.ecP256();
            CertificateAuthority mcaMica = mca.subordinate(CertificateProfiles.mica(k.getPublic(), now)
                    .subject("CN=Harness MICA under MCA").build(), k);
            m.put(DEPTH_4, issue(mcaMica, DEPTH_4, leaf, keys, now, b -> b));
            k = keys.ecP256();
            CertificateAuthority mica = serca.subordinate(CertificateProfiles.mica(k.getPublic(), now)
                    .subject("CN=Harness MICA").build(), k);
            m.put(EXPIRED, issue(mica, EXPIRED, leaf, keys, now,
                    b -> b.validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))));
            m.put(NOT_YET_VALID, issue(mica, NOT_YET_VALID, leaf, keys, now,
                    b -> b.validity(now.plus(Duration.ofDays(1)), CertificateSpec.NO_EXPIRY)));
            k = keys.ecP256();
            CertificateAuthority leafOnly = serca.subordinate(CertificateProfiles.mca(k.getPublic(), now).ca(0)
                    .subject("CN=Harness MCA pathLen 0").build(), k);
            k = keys.ecP256();
            CertificateAuthority belowLimit = leafOnly.subordinate(CertificateProfiles.mica(k.getPublic(), now)
                    .subject("CN=Harness MICA below pathLen 0").build(), k);
            m.put(PATH_LEN, issue(belowLimit, PATH_LEN, leaf, keys, now, b -> b));
            k = keys.ecP256();
            CertificateAuthority ekuMica = serca.subordinate(CertificateProfiles.mica(k.getPublic(), now)
                    .subject("CN=Harness EKU MICA").extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).build(), k);
            m.put(CA_EKU, issue(ekuMica, CA_EKU, leaf, keys, now, b -> b));
            k = keys.ecP256();
            CertificateAuthority mapping = serca.subordinate(CertificateProfiles.mica(k.getPublic(), now)
                    .subject("CN=Harness Policy-Mapping MICA").policyMapping(Csip.POLICY_DEVICE, Csip.POLICY_TEST)
                    .build(), k);
            m.put(CA_POLICY_MAPPING, issue(mapping, CA_POLICY_MAPPING, leaf, keys, now, b -> b));
        }
        return new ServerChains(m, serca != null);
    }

    /** The chain named {@code name}, or null when it needs the SERCA's key and the target gave none. */
    Credential get(String name) {
        return chains.get(name);
    }

    boolean signedBySerca() {
        return signedBySerca;
    }

    private static Credential issue(CertificateAuthority ca, String name, X509Certificate leaf, KeyPairs keys,
                                    Instant now, java.util.function.UnaryOperator<CertificateSpec.Builder> tweak) {
        KeyPair k = keys.ecP256();
        return ca.issue(name, tweak.apply(server(leaf, k, now)).build(), k.getPrivate());
    }

    /** The 2030.5 server profile with the DNS names and IP addresses of the harness's own leaf. */
    private static CertificateSpec.Builder server(X509Certificate leaf, KeyPair k, Instant now) {
        CertificateSpec.Builder b = CertificateProfiles.csipDevice("HARNESS-" + now.getEpochSecond(), k.getPublic(), now);
        try {
            var names = leaf == null ? null : leaf.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    if (Integer.valueOf(2).equals(n.get(0))) {
                        b.dnsName((String) n.get(1));
                    } else if (Integer.valueOf(7).equals(n.get(0))) {
                        b.ipAddress((String) n.get(1));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new IllegalArgumentException("the harness certificate's subjectAltName: " + e.getMessage(), e);
        }
        return b;
    }
}

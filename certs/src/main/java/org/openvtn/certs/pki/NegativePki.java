package org.openvtn.certs.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The deliberately bad certificates of the rejection matrix, written to {@code DIR/bad/} of a PKI
 * directory (docs/pki.md): OpenADR 2.0b client certificates that a VTN must refuse (expired, not yet
 * valid, self-signed, unknown CA, wrong key usage, no clientAuth, revoked, with
 * {@value #REVOKED_CRL} listing the revoked one) and the IEEE 2030.5 device chains of SunSpec CSIP
 * COMM-004 (bad MICA EKU, policy mapping, self-signed device, unknown SERCA, and the positive depth-4
 * chain {@code device-via-mca}: SERCA -> MCA -> MICA -> device). One code path for
 * {@code openvtn pki init --negative}, {@code openvtn dev} and the certs test fixture {@code TestPki}.
 */
public final class NegativePki {
    /** Sub-directory of the PKI directory. */
    public static final String DIR = "bad";
    /** CRL of the OpenADR intermediate listing {@code bad-revoked}, in {@link #DIR}. */
    public static final String REVOKED_CRL = "oadr-intermediate-revoked.crl";

    private final Map<String, Credential> credentials = new LinkedHashMap<>();
    private final Map<String, GeneratedPki.Files> files = new LinkedHashMap<>();
    private final Path dir;
    private final Path revocationCrl;

    private NegativePki(Path dir, Path revocationCrl) {
        this.dir = dir;
        this.revocationCrl = revocationCrl;
    }

    /** Writes the bad credentials of a freshly generated PKI into {@code pki.dir()/bad}. */
    public static NegativePki write(GeneratedPki pki, Instant now) {
        return write(pki.dir(), pki.authority("oadr-intermediate"), pki.authority("sep-serca"), pki.password(), now);
    }

    /**
     * Writes the bad credentials into {@code pkiDir/bad}, issuing from the CA keys an earlier
     * {@code openvtn pki init} wrote to {@code pkiDir/ca/} (oadr-root, oadr-intermediate, sep-serca).
     */
    public static NegativePki write(Path pkiDir, char[] password, Instant now) {
        Path ca = pkiDir.resolve("ca");
        CertificateAuthority intermediate = CertificateAuthority.of(
                PemFiles.readPrivateKey(ca.resolve("oadr-intermediate.key")),
                List.of(PemFiles.readCertificate(ca.resolve("oadr-intermediate.crt")),
                        PemFiles.readCertificate(ca.resolve("oadr-root.crt"))));
        CertificateAuthority serca = CertificateAuthority.of(PemFiles.readPrivateKey(ca.resolve("sep-serca.key")),
                List.of(PemFiles.readCertificate(ca.resolve("sep-serca.crt"))));
        return write(pkiDir, intermediate, serca, password, now);
    }

    private static NegativePki write(Path pkiDir, CertificateAuthority intermediate, CertificateAuthority serca,
                                     char[] password, Instant now) {
        Path dir = pkiDir.resolve(DIR);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PkiException("cannot create " + dir, e);
        }
        NegativePki n = new NegativePki(dir, dir.resolve(REVOKED_CRL));
        n.oadr(intermediate, password, now);
        n.csip(serca, password, now);
        return n;
    }

    private void oadr(CertificateAuthority intermediate, char[] pw, Instant now) {
        KeyPairs keys = new KeyPairs();
        KeyPair k = keys.ecP256();
        add(intermediate.issue("bad-expired", CertificateProfiles.oadrClient("bad-expired", k.getPublic(), now)
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).build(), k.getPrivate()), pw);
        k = keys.ecP256();
        add(intermediate.issue("bad-not-yet-valid", CertificateProfiles.oadrClient("bad-not-yet-valid",
                k.getPublic(), now).validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))).build(),
                k.getPrivate()), pw);
        k = keys.ecP256();
        add(CertificateAuthority.selfSignedLeaf("bad-self-signed",
                CertificateProfiles.oadrClient("bad-self-signed", k.getPublic(), now).build(), k), pw);
        k = keys.ecP256();
        CertificateAuthority rogueRoot = CertificateAuthority.selfSigned(
                CertificateProfiles.oadrRoot(k.getPublic(), now).subject("CN=Rogue Root CA").build(), k);
        k = keys.ecP256();
        CertificateAuthority rogueInt = rogueRoot.subordinate(CertificateProfiles.oadrIntermediate(k.getPublic(), now)
                .subject("CN=OpenVTN Dev Intermediate CA,O=OpenVTN").build(), k);
        k = keys.ecP256();
        add(rogueInt.issue("bad-unknown-ca", CertificateProfiles.oadrClient("bad-unknown-ca", k.getPublic(), now)
                .build(), k.getPrivate()), pw);
        k = keys.ecP256();
        add(intermediate.issue("bad-key-usage", CertificateProfiles.oadrClient("bad-key-usage", k.getPublic(), now)
                .keyUsage(KeyUsage.keyAgreement).build(), k.getPrivate()), pw);
        k = keys.ecP256();
        // Built from scratch so the key usage is right and only the EKU is wrong.
        add(intermediate.issue("bad-no-client-auth", CertificateSpec.builder()
                .subject("CN=bad-no-client-auth,O=OpenVTN").publicKey(k.getPublic())
                .validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)))
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement)
                .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).build(), k.getPrivate()), pw);
        k = keys.ecP256();
        Credential revoked = intermediate.issue("bad-revoked",
                CertificateProfiles.oadrClient("bad-revoked", k.getPublic(), now).build(), k.getPrivate());
        add(revoked, pw);
        PemFiles.writeCrl(revocationCrl, intermediate.crl(List.of(revoked.certificate()), now.minusSeconds(60),
                now.plus(Duration.ofDays(7))));
    }

    private void csip(CertificateAuthority serca, char[] pw, Instant now) {
        KeyPairs keys = new KeyPairs();
        KeyPair k = keys.ecP256();
        CertificateAuthority badMica = serca.subordinate(CertificateProfiles.mica(k.getPublic(), now)
                .subject("CN=OpenVTN Bad-EKU MICA,O=OpenVTN").extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).build(), k);
        k = keys.ecP256();
        add(badMica.issue("bad-device-mica-eku", CertificateProfiles.csipDevice("BAD-EKU", k.getPublic(), now)
                .build(), k.getPrivate()), pw);
        k = keys.ecP256();
        add(CertificateAuthority.selfSignedLeaf("bad-device-self-signed",
                CertificateProfiles.csipDevice("BAD-SELF", k.getPublic(), now).subject("CN=self-signed device").build(),
                k), pw);
        k = keys.ecP256();
        CertificateAuthority mappingMica = serca.subordinate(CertificateProfiles.mica(k.getPublic(), now)
                .subject("CN=OpenVTN Policy-Mapping MICA,O=OpenVTN")
                .policyMapping(Csip.POLICY_DEVICE, Csip.POLICY_TEST).build(), k);
        k = keys.ecP256();
        add(mappingMica.issue("bad-device-policy-mapping",
                CertificateProfiles.csipDevice("BAD-MAP", k.getPublic(), now).build(), k.getPrivate()), pw);
        k = keys.ecP256();
        CertificateAuthority rogueSerca = CertificateAuthority.selfSigned(CertificateProfiles.serca(k.getPublic(), now)
                .subject("CN=Rogue SERCA").build(), k);
        k = keys.ecP256();
        CertificateAuthority rogueMica = rogueSerca.subordinate(CertificateProfiles.mica(k.getPublic(), now).build(), k);
        k = keys.ecP256();
        add(rogueMica.issue("bad-device-unknown-serca",
                CertificateProfiles.csipDevice("BAD-ROOT", k.getPublic(), now).build(), k.getPrivate()), pw);
        k = keys.ecP256();
        CertificateAuthority mca = serca.subordinate(CertificateProfiles.mca(k.getPublic(), now).build(), k);
        k = keys.ecP256();
        CertificateAuthority mcaMica = mca.subordinate(CertificateProfiles.mica(k.getPublic(), now)
                .subject("CN=OpenVTN Dev MICA under MCA,O=OpenVTN").build(), k);
        k = keys.ecP256();
        add(mcaMica.issue("device-via-mca", CertificateProfiles.csipDevice("MCA-0001", k.getPublic(), now)
                .build(), k.getPrivate()), pw);
    }

    private void add(Credential credential, char[] password) {
        credentials.put(credential.name(), credential);
        files.put(credential.name(), PkiGenerator.write(dir, credential, password));
    }

    /** {@code pkiDir/bad}. */
    public Path dir() {
        return dir;
    }

    /** The CRL listing {@code bad-revoked}. */
    public Path revocationCrl() {
        return revocationCrl;
    }

    /** Credentials by name (bad-expired, …, bad-device-mica-eku, …, device-via-mca), in writing order. */
    public Map<String, Credential> credentials() {
        return Collections.unmodifiableMap(credentials);
    }

    /** Files by credential name. */
    public Map<String, GeneratedPki.Files> files() {
        return Collections.unmodifiableMap(files);
    }
}

package org.openvtn.certs.pki;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.openvtn.certs.identity.CertificateIdentity;

/**
 * Writes a complete development/test PKI for both standards to a directory: the OpenADR root
 * and intermediate CA, VTN server certificates (RSA 2048 and ECC P-256), VEN client
 * certificates, the IEEE 2030.5 SERCA -> MICA chain with CSIP device certificates and the
 * 2030.5 server certificate, empty CRLs, trust anchors and {@code identities.txt}. Every
 * identity is written as PKCS#12 and as PEM (certificate, chain, unencrypted PKCS#8 key).
 * The layout is documented in {@code docs/pki.md}.
 */
public final class PkiGenerator {

    public static final String CA_FILE = "ca.crt";
    public static final String SERCA_FILE = "serca.crt";
    public static final String CA_BUNDLE_FILE = "ca-bundle.crt";
    public static final String OADR_CRL_FILE = "ca/oadr-intermediate.crl";
    public static final String SEP_CRL_FILE = "ca/sep-mica.crl";
    public static final String VTN_DUAL_P12 = "vtn/vtn.p12";
    public static final String IDENTITIES_FILE = "identities.txt";
    /** Default PKCS#12 password of the dev PKI. */
    public static final String DEFAULT_PASSWORD = "changeit";

    private final Options options;

    public PkiGenerator(Options options) {
        this.options = options;
    }

    /** Generation options; {@link Options#builder()}. */
    public static final class Options {
        final char[] password;
        final int ecVens;
        final int rsaVens;
        final int devices;
        final Clock clock;

        private Options(Builder b) {
            this.password = b.password.clone();
            this.ecVens = b.ecVens;
            this.rsaVens = b.rsaVens;
            this.devices = b.devices;
            this.clock = b.clock;
        }

        public static Builder builder() {
            return new Builder();
        }

        /** Builder with defaults: password {@value #DEFAULT_PASSWORD}, one VEN of each key type, one device. */
        public static final class Builder {
            private char[] password = DEFAULT_PASSWORD.toCharArray();
            private int ecVens = 1;
            private int rsaVens = 1;
            private int devices = 1;
            private Clock clock = Clock.systemUTC();

            public Builder password(char[] password) {
                this.password = password.clone();
                return this;
            }

            /** Number of ECC P-256 VEN identities (cheap: use this for thousands). */
            public Builder ecVens(int n) {
                this.ecVens = n;
                return this;
            }

            /** Number of RSA 2048 VEN identities (each costs an RSA key generation). */
            public Builder rsaVens(int n) {
                this.rsaVens = n;
                return this;
            }

            /** Number of IEEE 2030.5 device identities. */
            public Builder devices(int n) {
                this.devices = n;
                return this;
            }

            public Builder clock(Clock clock) {
                this.clock = clock;
                return this;
            }

            public Options build() {
                if (password == null || password.length == 0) {
                    throw new IllegalArgumentException("password must not be empty");
                }
                if (ecVens < 0 || rsaVens < 0 || devices < 0) {
                    throw new IllegalArgumentException("ecVens, rsaVens and devices must be >= 0");
                }
                if (ecVens > 999_999 || rsaVens > 999_999 || devices > 999_999) {
                    throw new IllegalArgumentException("at most 999999 identities of each kind");
                }
                if (clock == null) {
                    throw new IllegalArgumentException("clock is required");
                }
                return new Options(this);
            }
        }
    }

    /** Generates the PKI into {@code dir} (created if missing; existing files are overwritten). */
    public GeneratedPki generate(Path dir) {
        Instant now = options.clock.instant();
        KeyPairs keys = new KeyPairs();
        GeneratedPki pki = new GeneratedPki(dir, options.password);
        try {
            for (String sub : List.of("ca", "vtn", "ven", "devices")) {
                Files.createDirectories(dir.resolve(sub));
            }
        } catch (IOException e) {
            throw new PkiException("cannot create " + dir, e);
        }

        // OpenADR 2.0b hierarchy: ECC CAs issue both RSA and ECC leaves.
        KeyPair rootKeys = keys.ecP256();
        CertificateAuthority root = CertificateAuthority.selfSigned(
                CertificateProfiles.oadrRoot(rootKeys.getPublic(), now).build(), rootKeys);
        KeyPair intKeys = keys.ecP256();
        CertificateAuthority intermediate = root.subordinate(
                CertificateProfiles.oadrIntermediate(intKeys.getPublic(), now).build(), intKeys);
        // IEEE 2030.5 hierarchy: SERCA -> MICA -> devices (and the 2030.5 server).
        KeyPair sercaKeys = keys.ecP256();
        CertificateAuthority serca = CertificateAuthority.selfSigned(
                CertificateProfiles.serca(sercaKeys.getPublic(), now).build(), sercaKeys);
        KeyPair micaKeys = keys.ecP256();
        CertificateAuthority mica = serca.subordinate(
                CertificateProfiles.mica(micaKeys.getPublic(), now).build(), micaKeys);

        pki.authorities.put("oadr-root", root);
        pki.authorities.put("oadr-intermediate", intermediate);
        pki.authorities.put("sep-serca", serca);
        pki.authorities.put("sep-mica", mica);
        writeAuthority(dir, "oadr-root", root);
        writeAuthority(dir, "oadr-intermediate", intermediate);
        writeAuthority(dir, "sep-serca", serca);
        writeAuthority(dir, "sep-mica", mica);
        PemFiles.writeCertificates(dir.resolve(CA_FILE), List.of(root.certificate()));
        PemFiles.writeCertificates(dir.resolve(SERCA_FILE), List.of(serca.certificate()));
        PemFiles.writeCertificates(dir.resolve(CA_BUNDLE_FILE), List.of(root.certificate(), serca.certificate()));
        Instant nextUpdate = now.plus(Duration.ofDays(30));
        PemFiles.writeCrl(dir.resolve(OADR_CRL_FILE), intermediate.crl(List.of(), now, nextUpdate));
        PemFiles.writeCrl(dir.resolve(SEP_CRL_FILE), mica.crl(List.of(), now, nextUpdate));

        KeyPair vtnRsaKeys = keys.rsa2048();
        Credential vtnRsa = intermediate.issue("vtn-rsa",
                CertificateProfiles.oadrServer("vtn-rsa", vtnRsaKeys.getPublic(), now).build(), vtnRsaKeys.getPrivate());
        KeyPair vtnEcKeys = keys.ecP256();
        Credential vtnEc = intermediate.issue("vtn-ecc",
                CertificateProfiles.oadrServer("vtn-ecc", vtnEcKeys.getPublic(), now).build(), vtnEcKeys.getPrivate());
        KeyPair sepServerKeys = keys.ecP256();
        Credential sepServer = mica.issue("sep-server",
                CertificateProfiles.csipServer(sepServerKeys.getPublic(), now).build(), sepServerKeys.getPrivate());
        add(pki, dir.resolve("vtn"), vtnRsa);
        add(pki, dir.resolve("vtn"), vtnEc);
        add(pki, dir.resolve("vtn"), sepServer);
        Credential.writePkcs12(dir.resolve(VTN_DUAL_P12), List.of(vtnRsa, vtnEc), options.password);

        for (int i = 1; i <= options.rsaVens; i++) {
            String name = String.format("ven-rsa-%04d", i);
            KeyPair kp = keys.rsa2048();
            add(pki, dir.resolve("ven"), intermediate.issue(name,
                    CertificateProfiles.oadrClient(name, kp.getPublic(), now).build(), kp.getPrivate()));
        }
        for (int i = 1; i <= options.ecVens; i++) {
            String name = String.format("ven-ecc-%04d", i);
            KeyPair kp = keys.ecP256();
            add(pki, dir.resolve("ven"), intermediate.issue(name,
                    CertificateProfiles.oadrClient(name, kp.getPublic(), now).build(), kp.getPrivate()));
        }
        for (int i = 1; i <= options.devices; i++) {
            String name = String.format("device-%04d", i);
            KeyPair kp = keys.ecP256();
            add(pki, dir.resolve("devices"), mica.issue(name,
                    CertificateProfiles.csipDevice("OPENVTN-DEV-" + String.format("%06d", i), kp.getPublic(), now)
                            .build(), kp.getPrivate()));
        }
        writeIdentities(dir.resolve(IDENTITIES_FILE), pki);
        return pki;
    }

    /**
     * Writes one credential as {@code NAME.crt} (certificate), {@code NAME-chain.crt} (certificate
     * and intermediates), {@code NAME.key} (unencrypted PKCS#8) and {@code NAME.p12}.
     */
    public static GeneratedPki.Files write(Path dir, Credential credential, char[] password) {
        String n = credential.name();
        GeneratedPki.Files f = new GeneratedPki.Files(dir.resolve(n + ".crt"), dir.resolve(n + "-chain.crt"),
                dir.resolve(n + ".key"), dir.resolve(n + ".p12"));
        PemFiles.writeCertificates(f.certificate(), List.of(credential.certificate()));
        PemFiles.writeCertificates(f.chain(), credential.chain());
        PemFiles.writePrivateKey(f.key(), credential.key());
        Credential.writePkcs12(f.pkcs12(), List.of(credential), password);
        return f;
    }

    private void add(GeneratedPki pki, Path dir, Credential credential) {
        pki.credentials.put(credential.name(), credential);
        pki.files.put(credential.name(), write(dir, credential, options.password));
    }

    private static void writeAuthority(Path dir, String name, CertificateAuthority ca) {
        PemFiles.writeCertificates(dir.resolve("ca/" + name + ".crt"), List.of(ca.certificate()));
        PemFiles.writePrivateKey(dir.resolve("ca/" + name + ".key"), ca.key());
    }

    private static void writeIdentities(Path file, GeneratedPki pki) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# OpenVTN dev PKI identities: name, file, OpenADR 2.0b fingerprint, IEEE 2030.5 LFDI, SFDI, subject\n");
            List<String[]> rows = new ArrayList<>();
            for (var e : pki.authorities.entrySet()) {
                rows.add(row(e.getKey(), "ca/" + e.getKey() + ".crt", e.getValue().certificate()));
            }
            for (var e : pki.credentials.entrySet()) {
                rows.add(row(e.getKey(), pki.dir().relativize(pki.files(e.getKey()).certificate()).toString(),
                        e.getValue().certificate()));
            }
            for (String[] r : rows) {
                w.write(String.join("\t", r));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new PkiException("cannot write " + file, e);
        }
    }

    private static String[] row(String name, String file, X509Certificate cert) {
        CertificateIdentity id = CertificateIdentity.of(cert);
        return new String[] {name, file, id.oadrFingerprint(), id.lfdi(), Long.toString(id.sfdi()),
                id.subject().isEmpty() ? "-" : id.subject()};
    }
}

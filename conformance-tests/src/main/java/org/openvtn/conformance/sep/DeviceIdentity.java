package org.openvtn.conformance.sep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.PemFiles;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.conformance.TargetConfig;

/**
 * One device identity the suite can play: certificate chain and key (PEM), with the LFDI and SFDI derived from
 * the certificate (IEEE 2030.5-2018 §6.3.4).
 *
 * @param name  where it came from, e.g. {@code target} or {@code devices/device-0002}
 * @param chain certificate chain PEM (leaf first)
 * @param key   unencrypted PKCS#8 key PEM
 * @param certificate the leaf certificate
 * @param lfdi  40 hex digits, upper case
 * @param sfdi  SFDI with check digit
 */
public record DeviceIdentity(String name, Path chain, Path key, X509Certificate certificate, String lfdi, long sfdi) {

    public DeviceIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(key, "key");
    }

    /** Reads an identity from PEM files. */
    public static DeviceIdentity of(String name, Path chain, Path key) {
        X509Certificate cert = PemFiles.readCertificates(chain).get(0);
        return new DeviceIdentity(name, chain, key, cert, SepIdentity.lfdi(cert).toUpperCase(java.util.Locale.ROOT),
                SepIdentity.sfdi(cert));
    }

    /** The target configuration's own client identity. */
    public static DeviceIdentity fromTarget(TargetConfig target) {
        if (target.certificate() == null || target.privateKey() == null) {
            throw new IllegalArgumentException("the target configuration names no client certificate/key");
        }
        return of("target", target.certificate(), target.privateKey());
    }

    /**
     * Further device identities of a PKI directory made by {@code openvtn pki init} (docs/pki.md:
     * {@code devices/device-NNNN-chain.crt} and {@code .key}), sorted by name.
     */
    public static List<DeviceIdentity> fromPkiDir(Path pkiDir) {
        List<DeviceIdentity> out = new ArrayList<>();
        if (pkiDir == null) {
            return out;
        }
        Path dir = pkiDir.resolve("devices");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path chain : s.filter(p -> p.getFileName().toString().matches("device-\\d+-chain\\.crt")).sorted()
                    .toList()) {
                String base = chain.getFileName().toString().replace("-chain.crt", "");
                Path key = dir.resolve(base + ".key");
                if (Files.isRegularFile(key)) {
                    out.add(of("devices/" + base, chain, key));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }

    /**
     * A certificate of the PKI directory's {@code bad/} folder (written by the test PKI: e.g.
     * {@code bad-device-self-signed}), if present.
     */
    public static java.util.Optional<DeviceIdentity> bad(Path pkiDir, String name) {
        if (pkiDir == null) {
            return java.util.Optional.empty();
        }
        Path chain = pkiDir.resolve("bad").resolve(name + "-chain.crt");
        Path key = pkiDir.resolve("bad").resolve(name + ".key");
        if (!Files.isRegularFile(chain) || !Files.isRegularFile(key)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(of("bad/" + name, chain, key));
    }

    /** The IEEE 2030.5 client TLS configuration (TLS 1.2, CCM_8, P-256, BCJSSE) for this identity. */
    public TlsConfig tlsConfig(Path trustAnchors, boolean hostnameVerification) {
        return TlsConfig.builder().profile(TlsProfile.IEEE_2030_5).pem(chain, key).trustAnchorFile(trustAnchors)
                .hostnameVerification(hostnameVerification).build();
    }
}

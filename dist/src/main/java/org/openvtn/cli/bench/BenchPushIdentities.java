package org.openvtn.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.SecretFiles;

/**
 * The push bench's VEN identities (ECC P-256, issued by the PKI's OpenADR intermediate CA), cached in one file
 * under the bench directory so a 10,000-VEN run does not issue them again: one line per VEN (name, PKCS#8 key,
 * leaf certificate, Base64). The file is named after the issuing CA certificate, so a new PKI gets new identities.
 */
final class BenchPushIdentities {
    private BenchPushIdentities() {
    }

    /**
     * @return {@code n} credentials named {@code bench-push-NNNNNN}, from the cache when it holds enough for this CA
     */
    static List<Credential> load(CertificateAuthority ca, Path dir, int n) throws Exception {
        return load(ca, dir, n, "push-vens", k -> BenchSupport.issueVens(ca, "bench-push", k));
    }

    /**
     * @return {@code n} credentials named {@code bench-ven-NNNNNN} for {@code bench poll/fanout}, from the cache when it
     *         holds enough for this CA (issue #18: 100,000 identities once, reruns load them)
     */
    static List<Credential> loadPollVens(CertificateAuthority ca, Path dir, int n) throws Exception {
        return load(ca, dir, n, "poll-vens", k -> BenchSupport.issueVens(ca, "bench-ven", k));
    }

    /**
     * @return {@code n} CSIP device credentials issued by the PKI's MICA ({@code bench devices}), cached the same way
     */
    static List<Credential> loadDevices(CertificateAuthority mica, Path dir, int n) throws Exception {
        return load(mica, dir, n, "devices", k -> BenchSupport.issueDevices(mica, "BENCH-DEV", k));
    }

    private static List<Credential> load(CertificateAuthority ca, Path dir, int n, String kind,
                                         java.util.function.IntFunction<List<Credential>> issue) throws Exception {
        List<X509Certificate> caPath = ca.intermediates();
        SecretFiles.directory(dir, "bench directory"); // private keys inside
        String tag = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(ca.path().get(0).getEncoded())).substring(0, 16);
        Path file = dir.resolve(kind + "-" + tag + ".txt");
        List<Credential> cached = Files.isRegularFile(file) ? read(file, caPath, n) : List.of();
        if (cached.size() >= n) {
            return cached.subList(0, n);
        }
        List<Credential> fresh = issue.apply(n);
        StringBuilder b = new StringBuilder();
        Base64.Encoder e = Base64.getEncoder();
        for (Credential c : fresh) {
            b.append(c.name()).append(' ').append(e.encodeToString(c.key().getEncoded())).append(' ')
                    .append(e.encodeToString(c.certificate().getEncoded())).append('\n');
        }
        SecretFiles.write(file, b.toString().getBytes(StandardCharsets.US_ASCII));
        return fresh;
    }

    private static List<Credential> read(Path file, List<X509Certificate> caPath, int n) throws IOException {
        List<Credential> out = new ArrayList<>(n);
        try {
            KeyFactory kf = KeyFactory.getInstance("EC");
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            Base64.Decoder d = Base64.getDecoder();
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (out.size() == n) {
                    break;
                }
                String[] f = line.split(" ");
                if (f.length != 3) {
                    return List.of();
                }
                PrivateKey key = kf.generatePrivate(new PKCS8EncodedKeySpec(d.decode(f[1])));
                X509Certificate leaf = (X509Certificate) cf.generateCertificate(
                        new java.io.ByteArrayInputStream(d.decode(f[2])));
                if (leaf.getNotAfter().getTime() < System.currentTimeMillis() + 86_400_000L) {
                    return List.of(); // expiring: issue afresh
                }
                List<X509Certificate> chain = new ArrayList<>(caPath.size() + 1);
                chain.add(leaf);
                chain.addAll(caPath);
                out.add(new Credential(f[0], key, chain));
            }
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return List.of(); // unreadable cache: issue afresh
        }
        return out;
    }
}

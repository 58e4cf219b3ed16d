package org.openvtn.bench;

import java.lang.management.ManagementFactory;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openvtn.certs.crypto.NativeCrypto;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.oadr20b.service.OadrMapping;
import org.openvtn.oadr20b.service.OadrValues;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.XmlLimits;
import org.openvtn.schemas.dsig.OadrSignatureVerifier;
import org.openvtn.schemas.dsig.OadrSigner;

/**
 * Cost of one signed OpenADR 2.0b answer and of verifying one signed payload (issue #18: at most 0.6 ms per answer
 * with an RSA key, 0.15 ms with an ECC key), single-threaded, from the JVM's per-thread counters (thread CPU time and
 * allocated bytes; allocation is exact and independent of other load). Next to each: the bare signature primitive
 * ({@link Signature#sign} over 300 bytes), i.e. the part no XML work can remove. Run:
 * {@code java -cp bench/target/benchmarks.jar org.openvtn.bench.SignCost 2000 2000} (warm-up, measured calls).
 */
public final class SignCost {
    private static final com.sun.management.ThreadMXBean T =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    interface Op {
        void run(int i) throws Exception;
    }

    private SignCost() {
    }

    static void measure(String name, int warm, int n, Op op) throws Exception {
        for (int i = 0; i < warm; i++) {
            op.run(i);
        }
        long tid = Thread.currentThread().getId();
        long a0 = T.getThreadAllocatedBytes(tid);
        long c0 = T.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            op.run(warm + i);
        }
        long a1 = T.getThreadAllocatedBytes(tid);
        long c1 = T.getCurrentThreadCpuTime();
        System.out.printf("%-46s thread CPU %8.1f us/op, allocated %8d B/op%n", name, (c1 - c0) / 1e3 / n,
                (a1 - a0) / n);
    }

    /** @param a warm-up calls, measured calls */
    public static void main(String[] a) throws Exception {
        int warm = Integer.parseInt(a[0]);
        int n = Integer.parseInt(a[1]);
        OadrCodec codec = OadrCodec.create(new PublishedSchemas());
        byte[] answer = codec.encodePayload(OadrMapping.response(OadrValues.ok(null), "A8:51:35:A8:5A:E5:40:DF:25:C3"));
        Instant now = Instant.now();
        KeyPairs keys = new KeyPairs();
        KeyPair caKeys = keys.ecP256();
        CertificateAuthority ca = CertificateAuthority.selfSigned(
                CertificateProfiles.oadrRoot(caKeys.getPublic(), now).build(), caKeys);
        List<Provider> providers = new ArrayList<>();
        providers.add(null); // the JDK's, in the JVM's order
        NativeCrypto.provider().ifPresent(providers::add);
        for (String type : List.of("RSA-2048", "EC P-256")) {
            KeyPair kp = type.startsWith("RSA") ? keys.rsa2048() : keys.ecP256();
            Credential c = ca.issue("vtn-" + type, CertificateProfiles.oadrClient("vtn", kp.getPublic(), now).build(),
                    kp.getPrivate());
            for (Provider p : providers) {
                run(type + (p == null ? " JDK" : " " + p.getName()), c, ca, p, answer, warm, n, codec);
            }
        }
    }

    private static void run(String label, Credential c, CertificateAuthority ca, Provider p, byte[] answer, int warm,
                            int n, OadrCodec codec) throws Exception {
        String algorithm = c.key().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        Signature raw = p == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, p);
        PrivateKey key = p == null ? c.key()
                : (PrivateKey) KeyFactory.getInstance(c.key().getAlgorithm(), p).translateKey(c.key());
        byte[] data = new byte[300];
        measure(label + ": Signature.sign (300 bytes)", warm, n, i -> {
            raw.initSign(key);
            raw.update(data);
            raw.sign();
        });
        OadrSigner signer = p == null ? OadrSigner.create(c.key(), c.chain(), Clock.systemUTC())
                : OadrSigner.create(c.key(), c.chain(), Clock.systemUTC(), new SecureRandom(), XmlLimits.DEFAULT, p);
        measure(label + ": OadrSigner.sign (oadrResponse)", warm, n, i -> signer.sign(answer));
        List<byte[]> signed = signed(signer, answer, warm + n);
        OadrSignatureVerifier verifier = verifier(ca, p, warm + n);
        measure(label + ": OadrSignatureVerifier.verify", warm, n, i -> verifier.verify(signed.get(i), c.certificate()));
        // session 10: the receivers decode first, then verify the document the codec accepted without the guard pass
        List<byte[]> again = signed(signer, answer, warm + n);
        OadrSignatureVerifier decoded = verifier(ca, p, warm + n);
        measure(label + ": verifyDecoded (after the codec)", warm, n,
                i -> decoded.verifyDecoded(again.get(i), c.certificate(), codec));
    }

    /** {@code count} signed copies of {@code answer}, each with its own nonce. */
    private static List<byte[]> signed(OadrSigner signer, byte[] answer, int count) throws Exception {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(signer.sign(answer));
        }
        return out;
    }

    /** A verifier that remembers every nonce of the run. */
    private static OadrSignatureVerifier verifier(CertificateAuthority ca, Provider p, int count) {
        return OadrSignatureVerifier.builder().clock(Clock.systemUTC()).replayWindow(Duration.ofHours(1))
                .trustAnchors(List.of(ca.certificate())).maxRememberedNonces(4 * count).maxNoncesPerSigner(4 * count)
                .signatureProvider(p).build();
    }
}

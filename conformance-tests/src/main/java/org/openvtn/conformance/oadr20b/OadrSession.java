package org.openvtn.conformance.oadr20b;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.openvtn.certs.identity.OadrFingerprint;
import org.openvtn.certs.pki.PemFiles;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.http.HttpsProbe;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;

/**
 * Everything the {@code oadr20b-vtn-pull} suite keeps for a whole run against one VTN: the validating codec,
 * the rule engine and its ledger, the VEN identities (the target configuration's certificate, plus further
 * ones from its PKI directory) and their registration state. Shared by the cases through
 * {@code CaseContext.shared}; each case works through an {@link OadrVenHarness} view bound to its own context.
 */
public final class OadrSession implements AutoCloseable {

    /** Path of the OpenADR 2.0b simple HTTP services under the VTN's base URL. */
    public static final String SERVICE_PATH = "/OpenADR2/Simple/2.0b";

    /** A VEN identity: certificate chain and key, its fingerprint (= the venID the suite expects), its state. */
    public static final class Identity {
        final String name;
        final Path chain;
        final Path key;
        final X509Certificate certificate;
        final HttpsProbe probe;
        volatile String venId;
        volatile String registrationId;

        Identity(String name, Path chain, Path key, X509Certificate certificate, HttpsProbe probe) {
            this.name = name;
            this.chain = chain;
            this.key = key;
            this.certificate = certificate;
            this.probe = probe;
        }

        /** The certificate's OpenADR fingerprint (profile §10), the venID a VTN derives from it. */
        public String fingerprint() {
            return OadrFingerprint.of(certificate);
        }

        /** RSA or EC. */
        public String keyAlgorithm() {
            return certificate.getPublicKey().getAlgorithm();
        }

        public String name() {
            return name;
        }
    }

    private final TargetConfig target;
    private final URI base;
    private final OadrCodec codec;
    private final OadrRules rules;
    private final OadrLedger ledger = new OadrLedger();
    private final Map<String, Identity> identities = new ConcurrentHashMap<>();
    private volatile String pushAddress;

    private OadrSession(TargetConfig target) {
        this.target = target;
        String b = target.baseUrl().replaceAll("/+$", "");
        this.base = URI.create(b.endsWith(SERVICE_PATH) ? b : b + SERVICE_PATH);
        this.codec = OadrCodec.create(new PublishedSchemas());
        Duration skew = Duration.parse(target.property("clockSkew", "PT30S"));
        this.rules = new OadrRules(codec, skew);
    }

    /** A session for the target; identities are loaded lazily. */
    public static OadrSession create(TargetConfig target) {
        return new OadrSession(target);
    }

    public TargetConfig target() {
        return target;
    }

    public OadrCodec codec() {
        return codec;
    }

    public OadrRules rules() {
        return rules;
    }

    public OadrLedger ledger() {
        return ledger;
    }

    /**
     * The oadrTransportAddress the suite's VENs register with for push (2.0b profile 9.1.2), or null for pull (the
     * default). Set by the push suite's harness; every registration the run sends then asks for push.
     */
    public String pushAddress() {
        return pushAddress;
    }

    void pushAddress(String address) {
        pushAddress = address;
    }

    /** URL of one 2.0b service, e.g. {@code EiRegisterParty}. */
    public URI service(String name) {
        return URI.create(base + "/" + name);
    }

    /** The identity of the target configuration's certificate: the suite's main VEN. */
    public Identity main() {
        return identities.computeIfAbsent("main", n -> identity("main", target.certificate(), target.privateKey()));
    }

    /**
     * A further identity from the PKI directory ({@code ven/<prefix>-NNNN-chain.crt} and {@code .key}, docs/pki.md)
     * whose certificate differs from the main one; {@code prefix} is {@code ven-ecc} or {@code ven-rsa}.
     * {@code index} 0 is the first such file, 1 the second. Empty when the target names no PKI directory or it
     * holds no such identity.
     */
    public Optional<Identity> fromPki(String prefix, int index) {
        if (target.pkiDir() == null) {
            return Optional.empty();
        }
        String key = prefix + "#" + index;
        Identity known = identities.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Path dir = target.pkiDir().resolve("ven");
        List<Path> chains;
        try (Stream<Path> s = Files.list(dir)) {
            chains = s.filter(p -> p.getFileName().toString().startsWith(prefix + "-")
                    && p.getFileName().toString().endsWith("-chain.crt")).sorted().toList();
        } catch (IOException e) {
            return Optional.empty();
        }
        String mainFp = main().fingerprint();
        int i = 0;
        for (Path chain : chains) {
            String stem = chain.getFileName().toString().replace("-chain.crt", "");
            X509Certificate cert = PemFiles.readCertificates(chain).get(0);
            if (OadrFingerprint.of(cert).equals(mainFp)) {
                continue;
            }
            if (i++ == index) {
                Identity id = identity(stem, chain, dir.resolve(stem + ".key"));
                identities.put(key, id);
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    private Identity identity(String name, Path chain, Path key) {
        TlsConfig cfg = TlsConfig.builder().profile(TlsProfile.OPENADR_20B).pem(chain, key)
                .trustAnchorFile(target.caCertificate()).build();
        SSLContext ctx = TlsFactory.of(cfg).clientSslContext();
        return new Identity(name, chain, key, PemFiles.readCertificates(chain).get(0),
                HttpsProbe.create(ctx, null, timeout()));
    }

    /**
     * A one-off probe for the TLS cases: the identity's key (or no client certificate at all when
     * {@code identity} is null), TLS 1.2 and exactly {@code cipherSuite} (null: the profile's suites).
     */
    public HttpsProbe tlsProbe(Identity identity, String cipherSuite) {
        SSLContext ctx;
        if (identity == null) {
            try {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int n = 0;
                for (X509Certificate c : PemFiles.readCertificates(target.caCertificate())) {
                    trust.setCertificateEntry("ca" + n++, c);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                ctx = SSLContext.getInstance("TLS");
                ctx.init(null, tmf.getTrustManagers(), null);
            } catch (java.security.GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot build a TLS context without client certificate", e);
            }
        } else {
            ctx = TlsFactory.of(TlsConfig.builder().profile(TlsProfile.OPENADR_20B).strict(true)
                    .pem(identity.chain, identity.key).trustAnchorFile(target.caCertificate()).build()).clientSslContext();
        }
        SSLParameters p = new SSLParameters();
        p.setProtocols(new String[] {"TLSv1.2"});
        if (cipherSuite != null) {
            p.setCipherSuites(new String[] {cipherSuite});
        } else {
            p.setCipherSuites(TlsProfile.OPENADR_20B.mandatedCipherSuites().toArray(new String[0]));
        }
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return HttpsProbe.create(ctx, p, timeout());
    }

    Duration timeout() {
        return Duration.parse(target.property("timeout", "PT30S"));
    }

    /** The market context the suite's events use (target property {@code marketContext}). */
    public String marketContext() {
        return target.property("marketContext", "http://openvtn.org/conformance/MarketContext1");
    }

    /** A second market context (target property {@code marketContext2}). */
    public String marketContext2() {
        return target.property("marketContext2", "http://openvtn.org/conformance/MarketContext2");
    }

    @Override
    public void close() {
        identities.values().forEach(i -> i.probe.close());
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

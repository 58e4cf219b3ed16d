package org.openvtn.ven;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

import io.netty.handler.ssl.SslContext;
import java.security.PrivateKey;
import java.util.Collections;
import org.openvtn.certs.pki.PemFiles;
import org.openvtn.schemas.dsig.OadrSignatureVerifier;
import org.openvtn.schemas.dsig.OadrSigner;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;

/**
 * Configures a {@link VenClient}. Required: {@link #vtnUrl}, {@link #venName}, key material
 * ({@link #keyStore}, {@link #pkcs12} or {@link #pem}) and trust anchors, or a complete
 * {@link #tlsConfig}. {@link #build()} validates everything and names the bad field.
 */
public final class VenClientBuilder {

    /** The signal names of the OpenADR 2.0b profile (§8.1.2), supported by default. */
    public static final Set<String> STANDARD_SIGNALS = Set.of("SIMPLE", "ELECTRICITY_PRICE", "ENERGY_PRICE",
            "DEMAND_CHARGE", "BID_PRICE", "BID_LOAD", "BID_ENERGY", "CHARGE_STATE", "LOAD_DISPATCH", "LOAD_CONTROL");

    private String vtnUrl;
    private String venName;
    private KeyStore keyStore;
    private char[] keyPassword;
    private Path pkcs12;
    private Path pemChain;
    private Path pemKey;
    private final List<X509Certificate> anchors = new ArrayList<>();
    private final List<Path> anchorFiles = new ArrayList<>();
    private TlsConfig tlsConfig;
    private boolean hostnameVerification = true;
    private boolean strictTls;
    private Duration pollInterval = Duration.ofSeconds(10);
    private boolean honourVtnPollFrequency = true;
    private final List<ReportCapability> capabilities = new ArrayList<>();
    private TelemetrySource telemetry = TelemetrySource.NONE;
    private Clock clock = Clock.systemUTC();
    private Executor callbackExecutor;
    private VenListener listener = new VenListener() {
    };
    private OptPolicy optPolicy = OptPolicy.ALWAYS_IN;
    private RegistrationStore store;
    private RetryPolicy retry = RetryPolicy.defaults();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Set<String> supportedSignals = STANDARD_SIGNALS;
    private boolean reportOnly;
    private RandomGenerator random;
    private VenRuntime runtime;
    private int maxMessageBytes = 1 << 20;
    private boolean signMessages;
    private PrivateKey signingKey;
    private List<X509Certificate> signingChain;
    private boolean requireVtnSignatures;
    private X509Certificate vtnSigningCertificate;
    private Duration signatureReplayWindow = Duration.ofMinutes(5);
    private String pushHost;
    private int pushPort = -1;
    private String pushUrl;
    private final List<X509Certificate> pushVtnCertificates = new ArrayList<>();
    private TlsConfig builtTls;
    private TlsFactory builtFactory;

    VenClientBuilder() {
    }

    /**
     * The VTN's base URL, {@code https://host:port[/prefix]}; the services live under {@code /OpenADR2/Simple/2.0b/}.
     * The URL as VTNs publish it, ending in {@code /OpenADR2/Simple/2.0b}, is accepted too.
     */
    public VenClientBuilder vtnUrl(String url) {
        String u = url;
        if (u != null) {
            u = u.strip();
            while (u.endsWith("/")) {
                u = u.substring(0, u.length() - 1);
            }
            if (u.endsWith("/OpenADR2/Simple/2.0b")) {
                u = u.substring(0, u.length() - "/OpenADR2/Simple/2.0b".length());
            }
        }
        this.vtnUrl = u;
        return this;
    }

    /** The VEN's name (oadrVenName) and the key of its stored registration. */
    public VenClientBuilder venName(String name) {
        this.venName = name;
        return this;
    }

    /** The VEN's certificate and private key (mutual TLS, OpenADR 2.0b §10). */
    public VenClientBuilder keyStore(KeyStore keyStore, char[] password) {
        this.keyStore = keyStore;
        this.keyPassword = password == null ? new char[0] : password.clone();
        return this;
    }

    /** The VEN's certificate and key from a PKCS#12 file. */
    public VenClientBuilder pkcs12(Path file, char[] password) {
        this.pkcs12 = file;
        this.keyPassword = password == null ? new char[0] : password.clone();
        return this;
    }

    /** The VEN's certificate chain and unencrypted PKCS#8 key from PEM files. */
    public VenClientBuilder pem(Path chain, Path key) {
        this.pemChain = chain;
        this.pemKey = key;
        return this;
    }

    /** Adds trust anchors for the VTN's certificate. */
    public VenClientBuilder trustAnchors(Collection<X509Certificate> certificates) {
        this.anchors.addAll(certificates);
        return this;
    }

    /** Adds every certificate of a PEM or DER file as a trust anchor. */
    public VenClientBuilder trustAnchorFile(Path file) {
        this.anchorFiles.add(file);
        return this;
    }

    /** A complete TLS configuration (profile OPENADR_20B); replaces key material and trust anchors. */
    public VenClientBuilder tlsConfig(TlsConfig config) {
        this.tlsConfig = config;
        return this;
    }

    /** Checks the VTN certificate's names against the URL host (default on). */
    public VenClientBuilder hostnameVerification(boolean on) {
        this.hostnameVerification = on;
        return this;
    }

    /** TLS 1.2 and the two mandated suites only (conformance rule 67). */
    public VenClientBuilder strictTls(boolean strict) {
        this.strictTls = strict;
        return this;
    }

    /** Poll interval when the VTN requests none (default 10 s). */
    public VenClientBuilder pollInterval(Duration interval) {
        this.pollInterval = interval;
        return this;
    }

    /** Whether the VTN's oadrRequestedOadrPollFreq overrides {@link #pollInterval} (default true). */
    public VenClientBuilder honourVtnPollFrequency(boolean on) {
        this.honourVtnPollFrequency = on;
        return this;
    }

    /** The data points the VEN offers in its METADATA report (rule 301). */
    public VenClientBuilder reportCapabilities(ReportCapability... caps) {
        return reportCapabilities(List.of(caps));
    }

    /** The data points the VEN offers in its METADATA report (rule 301). */
    public VenClientBuilder reportCapabilities(Collection<ReportCapability> caps) {
        this.capabilities.addAll(caps);
        return this;
    }

    /** Where report values come from (telemetry and history). */
    public VenClientBuilder telemetrySource(TelemetrySource source) {
        this.telemetry = source;
        return this;
    }

    /** The clock for event scheduling and reports (default UTC system clock). */
    public VenClientBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Where listener callbacks run (default: serially on the runtime's worker pool, never an I/O thread). */
    public VenClientBuilder callbackExecutor(Executor executor) {
        this.callbackExecutor = executor;
        return this;
    }

    public VenClientBuilder listener(VenListener listener) {
        this.listener = listener;
        return this;
    }

    /** The participation decision per event (default: opt in). */
    public VenClientBuilder optPolicy(OptPolicy policy) {
        this.optPolicy = policy;
        return this;
    }

    /** Where the registration persists (default: {@link FileRegistrationStore#inUserHome()}). */
    public VenClientBuilder registrationStore(RegistrationStore store) {
        this.store = store;
        return this;
    }

    public VenClientBuilder retryPolicy(RetryPolicy policy) {
        this.retry = policy;
        return this;
    }

    public VenClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    public VenClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    /** The signal names the VEN acts on; events with others are answered 460 (rule 109, E1_1070). */
    public VenClientBuilder supportedSignals(Set<String> names) {
        this.supportedSignals = names == null ? null : Set.copyOf(names);
        return this;
    }

    /** Registers as a report-only VEN (oadrReportOnly). */
    public VenClientBuilder reportOnly(boolean on) {
        this.reportOnly = on;
        return this;
    }

    /** Random source for start randomization and backoff jitter (default: SecureRandom). */
    public VenClientBuilder random(RandomGenerator random) {
        this.random = random;
        return this;
    }

    /** Shares threads and the XML codec with other clients (e.g. a fleet in one JVM). */
    public VenClientBuilder runtime(VenRuntime runtime) {
        this.runtime = runtime;
        return this;
    }

    /** Largest accepted VTN response in bytes (default 1 MiB). */
    public VenClientBuilder maxMessageBytes(int max) {
        this.maxMessageBytes = max;
        return this;
    }

    /**
     * Signs every outgoing payload with an XML signature (OpenADR 2.0b security, message signing) made with the
     * VEN's own TLS key ({@link #keyStore}, {@link #pkcs12} or {@link #pem}); with {@link #tlsConfig} give the key
     * through {@link #signingKey}. Default off.
     */
    public VenClientBuilder signMessages(boolean on) {
        this.signMessages = on;
        return this;
    }

    /** A signing key and its certificate chain (leaf first) other than the TLS key; implies {@link #signMessages}. */
    public VenClientBuilder signingKey(PrivateKey key, List<X509Certificate> chain) {
        this.signingKey = key;
        this.signingChain = chain == null ? null : List.copyOf(chain);
        this.signMessages = true;
        return this;
    }

    /**
     * Refuses VTN answers that carry no XML signature (answered 459). Signed answers are always verified: the signer
     * must be the VTN's TLS certificate (or {@link #vtnSigningCertificate}), ReplayProtect fresh and unused.
     */
    public VenClientBuilder requireVtnSignatures(boolean on) {
        this.requireVtnSignatures = on;
        return this;
    }

    /** The certificate the VTN signs with when it is not its TLS server certificate. */
    public VenClientBuilder vtnSigningCertificate(X509Certificate certificate) {
        this.vtnSigningCertificate = certificate;
        return this;
    }

    /** Accepted distance of a ReplayProtect timestamp from the client clock (default 5 minutes). */
    public VenClientBuilder signatureReplayWindow(Duration window) {
        this.signatureReplayWindow = window;
        return this;
    }

    /**
     * Makes this a push VEN (OpenADR 2.0b push exchange model): a mutual-TLS listener on {@code host:port} (port 0 =
     * any free port, see {@link VenClient#pushPort()}) with the VEN's own certificate, serving the service endpoints
     * the VTN posts to. The VEN registers with {@code oadrHttpPullModel=false} and its {@link #pushUrl} as
     * oadrTransportAddress, and does not poll. Callbacks are the same as for pull.
     */
    public VenClientBuilder pushListener(String host, int port) {
        this.pushHost = host;
        this.pushPort = port;
        return this;
    }

    /**
     * The root address the VTN posts to (oadrTransportAddress), {@code https://host[:port][/path]}, when it differs
     * from the listener's own address (NAT, port forwarding, a proxy). Default {@code https://<host>:<bound port>}.
     */
    public VenClientBuilder pushUrl(String url) {
        this.pushUrl = url;
        return this;
    }

    /**
     * Certificates, besides the ones the VTN presents to this client, that may push to it (e.g. the VTN's push client
     * uses another certificate than its server). Anything else is refused with HTTP 403.
     */
    public VenClientBuilder pushVtnCertificates(Collection<X509Certificate> certificates) {
        this.pushVtnCertificates.addAll(certificates);
        return this;
    }

    /** Validates and builds the client (not yet connected: call {@link VenClient#start()}). */
    public VenClient build() {
        if (vtnUrl == null || vtnUrl.isBlank()) {
            throw new IllegalArgumentException("vtnUrl is required");
        }
        URI uri;
        try {
            uri = URI.create(vtnUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vtnUrl is not a URL: " + vtnUrl);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("vtnUrl must be https://host[:port][/path], was " + vtnUrl);
        }
        if (venName == null || venName.isBlank()) {
            throw new IllegalArgumentException("venName is required");
        }
        requirePositive(pollInterval, "pollInterval");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        Objects.requireNonNull(clock, "clock must not be null");
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        if (optPolicy == null) {
            throw new IllegalArgumentException("optPolicy must not be null");
        }
        if (retry == null) {
            throw new IllegalArgumentException("retryPolicy must not be null");
        }
        if (telemetry == null) {
            throw new IllegalArgumentException("telemetrySource must not be null");
        }
        if (supportedSignals == null || supportedSignals.isEmpty()) {
            throw new IllegalArgumentException("supportedSignals must not be empty");
        }
        if (maxMessageBytes < 4096) {
            throw new IllegalArgumentException("maxMessageBytes must be >= 4096, was " + maxMessageBytes);
        }
        Set<String> rIds = new HashSet<>();
        for (ReportCapability c : capabilities) {
            if (!rIds.add(c.rId())) {
                throw new IllegalArgumentException("reportCapabilities: duplicate rID " + c.rId());
            }
        }
        SslContext ssl = ssl();
        PushSettings push = push();
        requirePositive(signatureReplayWindow, "signatureReplayWindow");
        OadrSigner signer = signMessages ? signer() : null;
        OadrSignatureVerifier verifier = OadrSignatureVerifier.builder().clock(clock).replayWindow(signatureReplayWindow)
                .trustAnchors(builtTls.trustAnchors())
                .signerCheck(builtFactory.revocation()::checkSigner) // same CRLs as the TLS client (issue #12 item 2)
                .build();
        VenSettings s = new VenSettings(vtnUrl.trim(), uri, venName, ssl, pollInterval, honourVtnPollFrequency,
                List.copyOf(capabilities), clock, listener, optPolicy,
                store != null ? store : FileRegistrationStore.inUserHome(), retry, connectTimeout, readTimeout,
                supportedSignals, telemetry, reportOnly, random != null ? random : new SecureRandom(), maxMessageBytes,
                signer, verifier, requireVtnSignatures, vtnSigningCertificate, push);
        boolean owns = runtime == null;
        VenRuntime rt = owns ? VenRuntime.create(1, 2) : runtime;
        return new VenClient(s, rt, owns, callbackExecutor);
    }

    private SslContext ssl() {
        TlsConfig config = tlsConfig;
        if (config == null) {
            TlsConfig.Builder b = TlsConfig.builder().profile(TlsProfile.OPENADR_20B).strict(strictTls)
                    .hostnameVerification(hostnameVerification);
            org.openvtn.transport.KeyMaterial.apply(b, keyStore, keyPassword, pkcs12, pemChain, pemKey, anchors,
                    anchorFiles, "trustAnchors are required to authenticate the VTN");
            config = b.build();
        } else if (config.profile() != TlsProfile.OPENADR_20B) {
            throw new IllegalArgumentException("tlsConfig must use profile OPENADR_20B, was " + config.profile());
        }
        builtTls = config;
        try {
            builtFactory = TlsFactory.of(config);
            return builtFactory.nettyClientContext();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("tlsConfig: " + e.getMessage(), e);
        }
    }

    private PushSettings push() {
        return PushSettings.validate(pushHost, pushPort, pushUrl, pushVtnCertificates, builtFactory);
    }

    private OadrSigner signer() {
        PrivateKey key = signingKey;
        List<X509Certificate> chain = signingChain;
        try {
            if (key == null) {
                if (pemChain != null) {
                    key = PemFiles.readPrivateKey(pemKey);
                    chain = PemFiles.readCertificates(pemChain);
                } else if (keyStore != null || pkcs12 != null) {
                    KeyStore ks = keyStore != null ? keyStore : PemFiles.readPkcs12(pkcs12, keyPassword);
                    for (String alias : Collections.list(ks.aliases())) {
                        if (ks.isKeyEntry(alias) && ks.getKey(alias, keyPassword) instanceof PrivateKey k) {
                            key = k;
                            chain = new ArrayList<>();
                            for (java.security.cert.Certificate c : ks.getCertificateChain(alias)) {
                                chain.add((X509Certificate) c);
                            }
                            break;
                        }
                    }
                }
            }
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("signMessages: the signing key cannot be read: " + e.getMessage(), e);
        }
        if (key == null || chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("signMessages: no signing key (give keyStore, pkcs12, pem or signingKey)");
        }
        try {
            return OadrSigner.create(key, chain, clock);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signingKey: " + e.getMessage(), e);
        }
    }

    private static void requirePositive(Duration d, String field) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be > 0, was " + d);
        }
    }
}

package org.openvtn.device;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;

import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.device.engine.EffectiveControlListener;

/**
 * Options of a {@link SepDeviceClient}. Key material and trust anchors build a {@link TlsConfig} with the IEEE 2030.5
 * profile (TLS 1.2, {@code TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8}, P-256; §6.11), or pass a complete one with
 * {@link #tlsConfig}. {@link #build()} validates everything and names the bad field.
 */
public final class SepDeviceClientBuilder {
    String server;
    KeyStore keyStore;
    char[] keyPassword = new char[0];
    Path pkcs12;
    Path pemChain;
    Path pemKey;
    final List<X509Certificate> anchors = new ArrayList<>();
    final List<Path> anchorFiles = new ArrayList<>();
    TlsConfig tlsConfig;
    boolean hostnameVerification = true;
    Long pin;
    boolean selfRegister = true;
    String notifyHost;
    int notifyPort = -1;
    String notifyUrl;
    EffectiveControlListener listener = m -> { };
    Executor callbackExecutor;
    Clock clock = Clock.systemUTC();
    boolean timeSync = true;
    Path stateFile;
    Long randomSeed;
    SepDeviceRuntime runtime;
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration readTimeout = Duration.ofSeconds(30);
    int maxMessageBytes = 1 << 20;
    Duration maxRetryDelay = Duration.ofMinutes(5);
    int listPageSize = org.openvtn.device.walk.SepFetcher.DEFAULT_PAGE;
    TelemetrySource telemetrySource;
    DeviceData deviceData;
    /** The further DERs behind this EndDevice (DER 2, 3, ... of the server's DERList); empty: one DER. */
    java.util.List<DeviceData> furtherDers = java.util.List.of();
    SepNotificationHub notificationHub;
    SepFleetTls fleetTls;
    Duration telemetryInterval = Duration.ofMinutes(5);
    String connectionPointId;

    SepDeviceClientBuilder() {
    }

    /** The provisioned server address: the DeviceCapability URL, e.g. {@code https://host:8444/dcap} (required). */
    public SepDeviceClientBuilder server(String dcapUrl) {
        this.server = dcapUrl;
        return this;
    }

    /** The device certificate and key from a loaded key store. */
    public SepDeviceClientBuilder keyStore(KeyStore keyStore, char[] password) {
        this.keyStore = keyStore;
        this.keyPassword = password.clone();
        return this;
    }

    /** The device certificate and key from a PKCS#12 file. */
    public SepDeviceClientBuilder pkcs12(Path file, char[] password) {
        this.pkcs12 = file;
        this.keyPassword = password.clone();
        return this;
    }

    /** The device certificate chain and key from PEM files. */
    public SepDeviceClientBuilder pem(Path chain, Path key) {
        this.pemChain = chain;
        this.pemKey = key;
        return this;
    }

    /** Trust anchors for the server's certificate (the SERCA). */
    public SepDeviceClientBuilder trustAnchors(Collection<X509Certificate> certificates) {
        anchors.addAll(certificates);
        return this;
    }

    /** A PEM file of trust anchors (the SERCA). */
    public SepDeviceClientBuilder trustAnchorFile(Path file) {
        anchorFiles.add(file);
        return this;
    }

    /** A complete TLS configuration (profile IEEE_2030_5); replaces key material, anchors and hostname options. */
    public SepDeviceClientBuilder tlsConfig(TlsConfig config) {
        this.tlsConfig = config;
        return this;
    }

    /** Check the server certificate's name against the server host (default on). */
    public SepDeviceClientBuilder hostnameVerification(boolean on) {
        this.hostnameVerification = on;
        return this;
    }

    /** The PIN the server's Registration must carry (§8.3; six digits, last one the check digit). Default: no check. */
    public SepDeviceClientBuilder pin(long pin) {
        this.pin = pin;
        return this;
    }

    /** POST an EndDevice when the server lists none with this device's LFDI (default on). */
    public SepDeviceClientBuilder selfRegister(boolean on) {
        this.selfRegister = on;
        return this;
    }

    /**
     * Run a mutual-TLS notification listener on host:port (port 0 = any free port) and subscribe to the server's
     * subscribable resources (§5.6). Without it the client polls at the server's pollRate.
     */
    public SepDeviceClientBuilder notificationListener(String host, int port) {
        this.notifyHost = host;
        this.notifyPort = port;
        return this;
    }

    /** The notificationURI the server should post to, when it differs from the listener's own address (NAT). */
    public SepDeviceClientBuilder notificationUrl(String url) {
        this.notifyUrl = url;
        return this;
    }

    /** Told on every change of the effective control. */
    public SepDeviceClientBuilder listener(EffectiveControlListener listener) {
        this.listener = listener;
        return this;
    }

    /** Where listener callbacks run (default: the client's own worker thread; do not block there). */
    public SepDeviceClientBuilder callbackExecutor(Executor executor) {
        this.callbackExecutor = executor;
        return this;
    }

    /** The device's own clock (default system UTC); the client corrects it by the server's Time. */
    public SepDeviceClientBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Correct the clock by the server's Time resource (default on, §6.3). */
    public SepDeviceClientBuilder timeSync(boolean on) {
        this.timeSync = on;
        return this;
    }

    /** Where the event engine keeps its state across restarts (default none: state in memory only). */
    public SepDeviceClientBuilder stateFile(Path file) {
        this.stateFile = file;
        return this;
    }

    /** Seed for the engine's randomization (reproducible per device; default: secure random). */
    public SepDeviceClientBuilder randomSeed(long seed) {
        this.randomSeed = seed;
        return this;
    }

    /** Shared threads and codec for fleets. */
    public SepDeviceClientBuilder runtime(SepDeviceRuntime runtime) {
        this.runtime = runtime;
        return this;
    }

    /** TCP connect and TLS handshake bound (default 10 s). */
    public SepDeviceClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /** Bound on each answer (default 30 s). */
    public SepDeviceClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    /** Largest document accepted (default 1 MiB). */
    public SepDeviceClientBuilder maxMessageBytes(int max) {
        this.maxMessageBytes = max;
        return this;
    }

    /** Longest wait between attempts while the server is unreachable (default 5 min; never above pollRate). */
    public SepDeviceClientBuilder maxRetryDelay(Duration max) {
        this.maxRetryDelay = max;
        return this;
    }

    /**
     * Items asked for per list page ({@code l}, default 32; §5.5.3 list queries). The client reads every list to its
     * {@code all} whatever the page size, so a small page only costs requests.
     */
    public SepDeviceClientBuilder listPageSize(int items) {
        this.listPageSize = items;
        return this;
    }

    /**
     * Receive notifications through a fleet's shared listener instead of a listener of this client's own
     * (notificationURI {@code <hub>/notify/<LFDI>}). Excludes {@link #notificationListener(String, int)}.
     */
    public SepDeviceClientBuilder notificationHub(SepNotificationHub hub) {
        this.notificationHub = hub;
        return this;
    }

    /**
     * Open the device's connections on a TLS context shared by a fleet in this process ({@link SepFleetTls}), which
     * presents this device's certificate per connection, instead of a context of its own (about 30 KB of heap per
     * device saved). The device's key store still gives its identity (LFDI/SFDI); trust comes from the fleet.
     */
    public SepDeviceClientBuilder fleetTls(SepFleetTls fleet) {
        this.fleetTls = fleet;
        return this;
    }

    /**
     * The device's self-description (DeviceInformation, DERCapability, DERSettings, DERAvailability, PowerStatus),
     * PUT to the links the server advertises after the first successful walk (§10.10.4; CSIP §5.2.1). Update it
     * later with {@link SepDeviceClient#reportDeviceData(DeviceData)}.
     */
    public SepDeviceClientBuilder deviceData(DeviceData data) {
        this.deviceData = data;
        return this;
    }

    /**
     * Several DERs behind this one EndDevice (CSIP-AUS MUL-01..03; IEEE 2030.5-2018 §10.10.4.1 DERList): the first
     * entry is the EndDevice's own data and its first DER (as {@link #deviceData}); entry i is DER i of the DERList
     * the server gives, in the server's order, each PUT to that DER's own DERCapability, DERSettings and
     * DERAvailability links. {@link SepDeviceClient#reportDerStatus(int, DerStatusReport)} reports each DER's status.
     */
    public SepDeviceClientBuilder ders(java.util.List<DeviceData> perDer) {
        if (perDer == null || perDer.isEmpty()) {
            throw new IllegalArgumentException("ders: at least one DER's data is required");
        }
        this.deviceData = perDer.get(0);
        this.furtherDers = java.util.List.copyOf(perDer.subList(1, perDer.size()));
        return this;
    }

    /**
     * Mirror these readings to the server (§10.11 Metering Mirror) every {@code interval} (default none). The device
     * maker implements {@link TelemetrySource}; {@link SepDeviceClient#postTelemetry()} posts on demand.
     */
    public SepDeviceClientBuilder telemetrySource(TelemetrySource source, Duration interval) {
        this.telemetrySource = source;
        this.telemetryInterval = interval;
        return this;
    }

    /**
     * The site's connection point id (CSIP-AUS: the NMI). When the server is CSIP-AUS 1.3 and the device's EndDevice
     * carries a csipaus:ConnectionPointLink, the client PUTs a csipaus:ConnectionPoint with this
     * {@code connectionPointId} there after a walk (once per link and id). Default none: nothing is PUT.
     *
     * @param id 1..32 characters (csipaus-ext-v1.3.xsd ConnectionPointType: String32)
     */
    public SepDeviceClientBuilder connectionPointId(String id) {
        this.connectionPointId = id;
        return this;
    }

    /** Validates the options and builds the client (nothing is sent until {@link SepDeviceClient#start()}). */
    public SepDeviceClient build() {
        if (server == null) {
            throw new IllegalArgumentException("server is required (the DeviceCapability URL, https://host:port/dcap)");
        }
        URI uri;
        try {
            uri = URI.create(server);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("server is not a URL: " + server);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawPath() == null
                || uri.getRawPath().isEmpty()) {
            throw new IllegalArgumentException("server must be https://host[:port]/path-of-dcap, was " + server);
        }
        if (pin != null && (pin < 0 || pin > 999_999 || !org.openvtn.certs.identity.SepIdentity.isValidPin(pin.intValue()))) {
            throw new IllegalArgumentException("pin must be six digits ending in the §6.3.4 check digit, was " + pin);
        }
        if (notifyHost != null && (notifyPort < 0 || notifyPort > 65535)) {
            throw new IllegalArgumentException("notificationListener port must be 0..65535, was " + notifyPort);
        }
        if (notificationHub != null && notifyHost != null) {
            throw new IllegalArgumentException("notificationHub excludes notificationListener: choose one");
        }
        if (notifyUrl != null) {
            if (notifyHost == null) {
                throw new IllegalArgumentException("notificationUrl needs a notificationListener");
            }
            URI n = URI.create(notifyUrl);
            if (!"https".equalsIgnoreCase(n.getScheme()) || n.getHost() == null) {
                throw new IllegalArgumentException("notificationUrl must be https://host[:port]/path, was " + notifyUrl);
            }
        }
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        positive(maxRetryDelay, "maxRetryDelay");
        if (telemetrySource != null && (telemetryInterval == null || telemetryInterval.toSeconds() < 1)) {
            throw new IllegalArgumentException("telemetryInterval must be at least 1 s, was " + telemetryInterval);
        }
        if (connectionPointId != null && (connectionPointId.isBlank() || connectionPointId.length() > 32)) {
            throw new IllegalArgumentException("connectionPointId must be 1..32 characters (String32), was '"
                    + connectionPointId + "'");
        }
        if (listPageSize < 1 || listPageSize > 1000) {
            throw new IllegalArgumentException("listPageSize must be 1..1000, was " + listPageSize);
        }
        if (maxMessageBytes < 4096) {
            throw new IllegalArgumentException("maxMessageBytes must be >= 4096, was " + maxMessageBytes);
        }
        return new SepDeviceClient(this, uri, tls());
    }

    private static void positive(Duration d, String field) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be > 0, was " + d);
        }
    }

    private TlsConfig tls() {
        if (tlsConfig != null) {
            if (tlsConfig.profile() != TlsProfile.IEEE_2030_5) {
                throw new IllegalArgumentException("tlsConfig must use profile IEEE_2030_5, was " + tlsConfig.profile());
            }
            return tlsConfig;
        }
        TlsConfig.Builder b = TlsConfig.builder().profile(TlsProfile.IEEE_2030_5)
                .hostnameVerification(hostnameVerification);
        org.openvtn.transport.KeyMaterial.apply(b, keyStore, keyPassword, pkcs12, pemChain, pemKey, anchors, anchorFiles,
                "trustAnchors are required to authenticate the server (the SERCA)");
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tls: " + e.getMessage(), e);
        }
    }
}

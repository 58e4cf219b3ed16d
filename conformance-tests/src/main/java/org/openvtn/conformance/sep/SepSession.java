package org.openvtn.conformance.sep;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.http.HttpsProbe;
import org.openvtn.schemas.PublishedSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@code sep-server} cases share during one run (obtained with {@link CaseContext#shared}): the rules,
 * one HTTPS probe per device identity (kept-alive connections), the device identities, the notification
 * listener and the driver. Closed by the runner at the end of the run.
 *
 * <p>Target properties read here (target file {@code properties:}): {@code timeoutSeconds} (20),
 * {@code clockToleranceSeconds} (30), {@code pen} (IANA PEN the target's mRIDs must end with; unset: not
 * checked), {@code hostnameVerification} (false: 2030.5 servers are identified by their SERCA chain),
 * {@code notificationHost} (127.0.0.1) and {@code notificationPort} (0), {@code driver}
 * ({@code openvtn-admin} when an admin URL is configured, else {@code prompt}).
 */
public final class SepSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SepSession.class);

    private final TargetConfig target;
    private final Clock clock;
    private final SepRules rules;
    private final URI dcap;
    private final Duration timeout;
    private final boolean hostnameVerification;
    private final DeviceIdentity main;
    private final List<DeviceIdentity> others;
    private final Map<String, HttpsProbe> probes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> subscriptionListOffered = new ConcurrentHashMap<>();
    private final Map<String, Object> memo = new ConcurrentHashMap<>();
    private NotificationListener listener;
    /** The port a stopped listener had: {@link #listener()} starts the next one there (CSIP ERR-002). */
    private int listenerPort = -1;

    SepSession(TargetConfig target, Clock clock) {
        this.target = target;
        this.clock = clock;
        String pen = target.property("pen", "");
        this.rules = new SepRules(new PublishedSchemas(), clock,
                Duration.ofSeconds(Long.parseLong(target.property("clockToleranceSeconds", "30"))),
                pen.isBlank() ? null : Long.valueOf(pen));
        this.dcap = dcapUrl(target.baseUrl());
        this.timeout = Duration.ofSeconds(Long.parseLong(target.property("timeoutSeconds", "20")));
        this.hostnameVerification = Boolean.parseBoolean(target.property("hostnameVerification", "false"));
        this.main = DeviceIdentity.fromTarget(target);
        List<DeviceIdentity> o = new ArrayList<>();
        for (DeviceIdentity d : DeviceIdentity.fromPkiDir(target.pkiDir())) {
            if (!d.lfdi().equals(main.lfdi())) {
                o.add(d);
            }
        }
        this.others = List.copyOf(o);
    }

    /** The run's session, created by the first case that asks. */
    public static SepSession of(CaseContext ctx) {
        return ctx.shared(SepSession.class, () -> new SepSession(ctx.target(), ctx.clock()));
    }

    /**
     * The DeviceCapability URL: the base URL itself when it has a path, else {@code /dcap} on it (the only
     * path the suite ever assumes; everything else is discovered from links).
     */
    static URI dcapUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("the target configuration names no base URL");
        }
        URI u = URI.create(baseUrl.strip());
        String path = u.getPath() == null ? "" : u.getPath();
        if (path.isEmpty() || path.equals("/")) {
            return u.resolve("/dcap");
        }
        return u;
    }

    public TargetConfig target() {
        return target;
    }

    public SepRules rules() {
        return rules;
    }

    public Clock clock() {
        return clock;
    }

    public URI dcap() {
        return dcap;
    }

    /** Resolves a server href (absolute path or absolute URL) against the server. */
    public URI resolve(String href) {
        return dcap.resolve(href);
    }

    /** The target configuration's device (certificate and key of the target file / command line). */
    public DeviceIdentity mainDevice() {
        return main;
    }

    /** A second device from the PKI directory (other LFDI than the main one), if there is one. */
    public Optional<DeviceIdentity> otherDevice(int index) {
        return index < others.size() ? Optional.of(others.get(index)) : Optional.empty();
    }

    /** The HTTPS probe of a device identity (IEEE 2030.5 TLS profile), created on first use. */
    public HttpsProbe probe(DeviceIdentity id) {
        return probes.computeIfAbsent(id.name(), n -> HttpsProbe.create(
                TlsFactory.of(id.tlsConfig(target.caCertificate(), hostnameVerification)).clientSslContext(), null,
                timeout, clock));
    }

    /** A probe over a caller-supplied TLS context (negative TLS cases); the caller closes it. */
    public HttpsProbe probe(javax.net.ssl.SSLContext context, javax.net.ssl.SSLParameters parameters) {
        return HttpsProbe.create(context, parameters, timeout, clock);
    }

    /** A client harness for one case and one device. */
    public SepClientHarness client(CaseContext ctx, DeviceIdentity id) {
        return new SepClientHarness(ctx, this, id);
    }

    /** The suite's notification listener (mutual TLS, 2030.5 profile, main device's key), started on first use. */
    public synchronized NotificationListener listener() {
        if (listener == null) {
            listener = NotificationListener.start(main.tlsConfig(target.caCertificate(), false),
                    target.property("notificationHost", "127.0.0.1"), listenerPort >= 0 ? listenerPort
                            : Integer.parseInt(target.property("notificationPort", "0")), clock);
        }
        return listener;
    }

    /**
     * Stops the notification listener, as a subscriber whose listener goes down (CSIP ERR-002); the next
     * {@link #listener()} starts a new one on the same port, so the subscriptions' notificationURIs stay valid.
     * What the stopped listener received is not carried over.
     */
    public synchronized void stopListener() {
        if (listener != null) {
            listenerPort = listener.uri("").getPort();
            listener.close();
            listener = null;
        }
    }

    /** The driver that makes the target create controls: our admin API or the operator. */
    public synchronized SepServerDriver driver(CaseContext ctx) {
        String kind = target.property("driver", ctx.admin().isPresent() ? "openvtn-admin" : "prompt");
        return (SepServerDriver) memo.computeIfAbsent("driver:" + kind, k -> kind.equals("openvtn-admin")
                ? new AdminSepDriver(ctx.admin().orElseThrow(() -> new IllegalStateException(
                        "driver openvtn-admin needs an admin URL")), target)
                : new PromptSepDriver());
    }

    /** Remembers whether a device's EndDevice offers a SubscriptionListLink (for {@link SepRules#SUBSCRIBABLE}). */
    private final Map<String, java.util.Set<String>> sites = new java.util.concurrent.ConcurrentHashMap<>();

    void subscriptionListOffered(DeviceIdentity id, boolean offered) {
        subscriptionListOffered.put(id.lfdi(), offered);
    }

    Optional<Boolean> subscriptionListOffered(DeviceIdentity id) {
        return Optional.ofNullable(subscriptionListOffered.get(id.lfdi()));
    }

    /** Records an EndDevice LFDI a client registered as an aggregator (its site; CSIP AGG-*, CSIP-AUS S-ALL-03). */
    void addSite(DeviceIdentity aggregator, String lfdi) {
        sites.computeIfAbsent(aggregator.lfdi(), k -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                .add(lfdi.toUpperCase(java.util.Locale.ROOT));
    }

    /** @return the site LFDIs (upper case) the client registered as an aggregator in this run */
    java.util.Set<String> sites(DeviceIdentity aggregator) {
        return sites.getOrDefault(aggregator.lfdi(), java.util.Set.of());
    }

    /** Per-run memo for values cases share (e.g. a device's EndDevice href). */
    @SuppressWarnings("unchecked")
    <T> T memo(String key, java.util.function.Supplier<T> f) {
        Object v = memo.get(key);
        if (v == null) {
            v = f.get();
            memo.put(key, v);
        }
        return (T) v;
    }

    void forget(String key) {
        memo.remove(key);
    }

    /** The PKI directory, if configured. */
    public Optional<Path> pkiDir() {
        return Optional.ofNullable(target.pkiDir());
    }

    @Override
    public synchronized void close() {
        probes.values().forEach(HttpsProbe::close);
        probes.clear();
        if (listener != null) {
            listener.close();
            listener = null;
        }
        LOG.debug("sep-server session closed");
    }
}

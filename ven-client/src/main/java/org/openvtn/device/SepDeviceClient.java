package org.openvtn.device;

import java.net.URI;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.openvtn.certs.identity.LogSafe;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.device.engine.EffectiveControl;
import org.openvtn.device.engine.EffectiveControlListener;
import org.openvtn.device.engine.EventEngine;
import org.openvtn.device.transport.NotificationServer;
import org.openvtn.device.transport.SepHttpClient;
import org.openvtn.device.walk.DiscoveryWalk;
import org.openvtn.device.walk.SepFetcher;
import org.openvtn.device.walk.CsipAus;
import org.openvtn.device.walk.TargetedRefetch;
import org.openvtn.device.walk.WalkResult;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.sep.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IEEE 2030.5 device client: the library inverter, battery and charger makers embed (issue #16). It walks the
 * server from the provisioned DeviceCapability URL following links only, keeps its clock in step with the server's
 * Time, feeds every DER and DRLC program to the {@link EventEngine}, posts the Responses the engine decides, and
 * watches for changes by subscription (a mutual-TLS notification listener) or by polling at the server's pollRate.
 * The effective control per mode reaches the device maker through an {@link EffectiveControlListener} and
 * {@link #effective()}.
 *
 * <p>Threading: walks, the engine and Responses of one client run one at a time on its worker, a serial queue on the
 * {@link SepDeviceRuntime}'s shared scheduler (a fleet shares a few threads); Netty I/O threads only frame.
 * Mutual TLS 1.2 with {@code TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8} and the device certificate; the server's
 * certificate must chain to the configured SERCA (§6.11). No JAXB or Netty type appears in this API.
 */
public final class SepDeviceClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SepDeviceClient.class);
    private static final String NOTIFY_PATH = "/notify";
    /** The longest single timer wait; after it the engine is asked again (clock corrections in between). */
    private static final long MAX_TICK_DELAY_MS = Duration.ofHours(1).toMillis();

    private final URI server;
    private final String dcapHref;
    private final SepDeviceRuntime runtime;
    private final boolean ownRuntime;
    private final TlsFactory tls;
    private final byte[] lfdi;
    private final String lfdiHex;
    private final long sfdi;
    private final ServerClock clock;
    private final boolean timeSync;
    private final Duration maxRetryDelay;
    private final SepHttpClient http;
    private final org.openvtn.device.transport.ClientTls clientTls;
    private final SepFetcher fetch;
    private final DiscoveryWalk walker;
    private final TargetedRefetch refetcher;
    private final ResponsePoster responses;
    private final DeviceDataPoster data;
    private final MeteringMirror mirror;
    private final EventEngine engine;
    private final DeviceWorker worker;
    private final SepDeviceClientBuilder options;

    // Worker-confined state.
    private NotificationServer notifications;
    private String hubPath;
    private Subscriptions subscriptions;
    private ScheduledFuture<?> nextWalk;
    private ScheduledFuture<?> nextTick;
    private int failures;
    private boolean commLost;
    private volatile WalkResult last;
    private volatile String lastError;
    private volatile boolean polling = true;
    private volatile int walks;
    private volatile int refetches;
    /** subscribedResources named by notifications whose re-fetch is queued (coalesces repeats). */
    private final java.util.Set<String> refetchPending = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The resource the latest notification for a subscribedResource carried (§5.6.2), until its re-fetch runs. */
    private final java.util.Map<String, Object> carried = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;
    /** "link|id" of the csipaus:ConnectionPoint last PUT with success (worker-confined; CSIP-AUS 1.3). */
    private String connectionPointPut;
    private final AtomicBoolean walkRequested = new AtomicBoolean();
    private CompletableFuture<Void> started;

    SepDeviceClient(SepDeviceClientBuilder b, URI server, TlsConfig tlsConfig) {
        this.options = b;
        this.server = server;
        this.dcapHref = server.getRawPath() + (server.getRawQuery() == null ? "" : "?" + server.getRawQuery());
        this.ownRuntime = b.runtime == null;
        this.runtime = ownRuntime ? SepDeviceRuntime.create() : b.runtime;
        this.tls = TlsFactory.of(tlsConfig);
        X509Certificate own = deviceCertificate(tlsConfig);
        this.lfdiHex = SepIdentity.lfdi(own);
        this.lfdi = java.util.HexFormat.of().parseHex(lfdiHex);
        this.sfdi = SepIdentity.sfdi(own);
        this.clock = new ServerClock(b.clock);
        this.timeSync = b.timeSync;
        this.maxRetryDelay = b.maxRetryDelay;
        this.clientTls = b.fleetTls != null ? b.fleetTls.identity(tlsConfig)
                : org.openvtn.device.transport.ClientTls.of(tls.nettyClientContext());
        this.http = new SepHttpClient(runtime.io(), clientTls, server, b.connectTimeout, b.readTimeout,
                b.maxMessageBytes);
        this.fetch = new SepFetcher(http, runtime.codec(), b.listPageSize, runtime.csipAus());
        this.walker = new DiscoveryWalk(fetch, lfdi, sfdi, b.pin, b.selfRegister, b.clock);
        this.refetcher = new TargetedRefetch(fetch, walker);
        this.responses = new ResponsePoster(fetch, lfdi);
        this.data = new DeviceDataPoster(fetch, clock);
        this.mirror = new MeteringMirror(fetch, clock, lfdi);
        this.worker = new DeviceWorker(runtime.scheduler());
        EffectiveControlListener user = b.listener;
        EffectiveControlListener deliver = b.callbackExecutor == null ? user
                : m -> b.callbackExecutor.execute(() -> user.changed(m));
        EventEngine.Builder eb = EventEngine.builder().clock(clock).responseSink(responses).listener(deliver);
        if (b.stateFile != null) {
            eb.stateFile(b.stateFile);
        }
        if (b.randomSeed != null) {
            eb.randomSeed(b.randomSeed);
        }
        if (b.deviceData != null && b.deviceData.settings() != null) {
            eb.settingsGradW(b.deviceData.settings().setGradW()); // the ramp of last resort (§10.10)
        }
        this.engine = eb.build();
    }

    /** A new builder. */
    public static SepDeviceClientBuilder builder() {
        return new SepDeviceClientBuilder();
    }

    private static X509Certificate deviceCertificate(TlsConfig c) {
        try {
            for (String alias : Collections.list(c.keyStore().aliases())) {
                if (c.keyStore().isKeyEntry(alias)) {
                    return (X509Certificate) c.keyStore().getCertificate(alias);
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException("keyStore is not loaded: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("keyStore holds no device certificate");
    }

    /**
     * Starts the listener (if configured), walks the server once, subscribes or starts polling, and schedules the
     * engine. Blocks until the first walk is done.
     *
     * @throws SepDeviceException when the first walk fails (the client keeps retrying in the background)
     */
    public void start() throws SepDeviceException {
        try {
            startAsync().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SepDeviceException(0, -1, "interrupted while starting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SepDeviceException s) {
                throw s;
            }
            throw new SepDeviceException(0, -1, String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** {@link #start()} without blocking: completes after the first walk. */
    public synchronized CompletableFuture<Void> startAsync() {
        if (started != null) {
            return started;
        }
        started = new CompletableFuture<>();
        if (options.notificationHub != null) {
            hubPath = NOTIFY_PATH + "/" + lfdiHex;
            subscriptions = new Subscriptions(fetch, options.notificationHub.register(hubPath, this::onNotification));
        } else if (options.notifyHost != null) {
            notifications = NotificationServer.bind(runtime.io(), tls.nettyServerContext(), options.notifyHost,
                    options.notifyPort, NOTIFY_PATH, options.maxMessageBytes, this::onNotification);
            String uri = options.notifyUrl != null ? options.notifyUrl
                    : "https://" + hostForUri(options.notifyHost) + ":" + notifications.port() + NOTIFY_PATH;
            subscriptions = new Subscriptions(fetch, uri);
        }
        worker.execute(() -> walkNow(true));
        if (options.telemetrySource != null) {
            worker.schedule(this::telemetryLoop, options.telemetryInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return started;
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Walks the server again now (e.g. after the application learned of a change) and waits for it. */
    public void refresh() throws SepDeviceException {
        CompletableFuture<SepDeviceException> done = new CompletableFuture<>();
        worker.execute(() -> done.complete(walkNow(true)));
        SepDeviceException e = done.join();
        if (e != null) {
            throw e;
        }
    }

    /** The effective control per mode now (the query twin of the listener). */
    public Map<String, EffectiveControl> effective() {
        return engine.effective();
    }

    /** The device owner opts out of an event (the engine sends the "opted out" Response when asked for). */
    public void optOut(String eventHref) {
        worker.execute(() -> {
            engine.optOut(eventHref);
            responses.drain();
            scheduleTick();
        });
    }

    /**
     * Reports the DER's status: PUT DERStatus to the DERStatusLink of the server's DERList (§10.10.4.5). Needs a
     * completed walk.
     */
    public void reportDerStatus(DerStatusReport status) throws SepDeviceException {
        reportDerStatus(0, status);
    }

    /**
     * Reports the status of DER {@code der} (0-based, the server's DERList order) of an EndDevice with several DERs:
     * PUT DERStatus to that DER's DERStatusLink (§10.10.4.5; CSIP-AUS MUL-01). Needs a completed walk.
     */
    public void reportDerStatus(int der, DerStatusReport status) throws SepDeviceException {
        data.derStatus(walked(), der, status);
    }

    /** How many DERs this device has behind its EndDevice (1 unless built with {@link SepDeviceClientBuilder#ders}). */
    public int derCount() {
        return 1 + options.furtherDers.size();
    }

    /**
     * Reports the device's self-description: PUTs each part of {@code d} to the link the server advertises for it
     * (EndDevice DeviceInformationLink and PowerStatusLink; DERCapabilityLink, DERSettingsLink, DERAvailabilityLink
     * of the first DER in the EndDevice's DERList; §10.2, §10.4, §10.10.4). Parts without a link are skipped. Needs
     * a completed walk.
     *
     * @return part (schema type name) -> href it was PUT to
     */
    public Map<String, String> reportDeviceData(DeviceData d) throws SepDeviceException {
        return data.report(walked(), d, lfdi);
    }

    /**
     * Reports the device data the builder was given ({@link SepDeviceClientBuilder#deviceData}) again now, as after
     * the first walk (e.g. when the server has added links since).
     *
     * @throws IllegalStateException when the device was built without device data
     */
    public Map<String, String> reportDeviceData() throws SepDeviceException {
        if (options.deviceData == null) {
            throw new IllegalStateException("the device was built without device data (builder deviceData)");
        }
        return data.report(walked(), configuredData(), lfdi);
    }

    /** The builder's device data: the first DER (and EndDevice parts), then each further DER. */
    private List<DeviceData> configuredData() {
        List<DeviceData> all = new java.util.ArrayList<>();
        all.add(options.deviceData);
        all.addAll(options.furtherDers);
        return all;
    }

    /**
     * Reports an alarm or event: POST LogEvent to the EndDevice's LogEventList (§10.9). Needs a completed walk.
     *
     * @return the LogEvent's href on the server
     */
    public String logEvent(LogEventReport event) throws SepDeviceException {
        return data.logEvent(walked(), event);
    }

    /**
     * Mirrors the configured {@link TelemetrySource}'s readings now (§10.6 Metering Mirror: MirrorUsagePoint once,
     * then MirrorMeterReading posts); the client also does this every {@code telemetryInterval}.
     *
     * @return how many readings the server accepted
     */
    public int postTelemetry() throws SepDeviceException {
        if (options.telemetrySource == null) {
            throw new SepDeviceException(0, -1, "no telemetrySource configured", null);
        }
        return mirror.post(walked(), options.telemetrySource.read(clock.instant()));
    }

    /**
     * One mirror round, then the next one after the MirrorUsagePoint's postRate when the server sets one (IEEE
     * 2030.5-2018 MirrorUsagePoint postRate: the rate at which the client posts; CSIP-AUS ALL-10 telemetry post rate
     * updates), else after the configured {@code telemetryInterval}. The postRate is read again after every round,
     * so a change takes effect from the round after it was read.
     */
    private void telemetryLoop() {
        if (closed) {
            return;
        }
        try {
            if (last != null) {
                postTelemetry();
            }
        } catch (SepDeviceException | RuntimeException e) {
            lastError = e.getMessage();
            LOG.warn("telemetry not mirrored: {}", e.getMessage());
        }
        if (!closed) {
            worker.schedule(this::telemetryLoop, telemetryDelayMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** The delay before the next mirror round: the server's postRate (s) when known, else telemetryInterval. */
    long telemetryDelayMs() {
        Long rate = mirror.postRate();
        return rate != null && rate > 0 ? Math.min(rate, 86_400L) * 1000 : options.telemetryInterval.toMillis();
    }

    /**
     * The server's postRate for this device's MirrorUsagePoint (s), as last read after a mirror round; empty before
     * the first round or when the server sets none (the configured interval applies then).
     */
    public Optional<Long> telemetryPostRate() {
        return Optional.ofNullable(mirror.postRate());
    }

    /**
     * CSIP-AUS 1.3 connection point: when the device maker configured a connectionPointId (the NMI) and the
     * EndDevice carries a csipaus:ConnectionPointLink, PUTs a csipaus:ConnectionPoint there, once per link and id
     * (again after a failure, at the next walk).
     */
    private void reportConnectionPoint(WalkResult r) {
        String id = options.connectionPointId;
        String link = id == null ? null : fetch.connectionPointLink(r.endDeviceHref());
        if (link == null) {
            return;
        }
        String href = ResponsePoster.path(link);
        String key = href + "|" + id;
        if (key.equals(connectionPointPut)) {
            return;
        }
        try {
            SepHttpClient.Reply reply = fetch.putConnectionPoint(href, id);
            if (reply.status() / 100 != 2) {
                throw new SepDeviceException(reply.status(), -1, "PUT " + href + " (ConnectionPoint): HTTP "
                        + reply.status(), null);
            }
            connectionPointPut = key;
            LOG.info("connection point {} registered at {}", LogSafe.text(id), LogSafe.text(href));
        } catch (SepDeviceException | RuntimeException e) {
            lastError = e.getMessage();
            LOG.warn("connection point not registered: {}", e.getMessage());
        }
    }

    private void reportConfiguredData() {
        if (options.deviceData == null) {
            return;
        }
        try {
            data.report(last, configuredData(), lfdi);
        } catch (SepDeviceException | RuntimeException e) {
            lastError = e.getMessage();
            LOG.warn("device data not reported: {}", e.getMessage());
        }
    }

    private WalkResult walked() throws SepDeviceException {
        WalkResult w = last;
        if (w == null) {
            throw new SepDeviceException(0, -1, "no walk completed yet: call start() first", null);
        }
        return w;
    }

    /** The device's LFDI (40 hex digits, §6.3.4). */
    public String lfdi() {
        return lfdiHex;
    }

    /** The device's SFDI (§6.3.4). */
    public long sfdi() {
        return sfdi;
    }

    /** The device's EndDevice href on the server, empty before the first walk. */
    public Optional<String> endDeviceHref() {
        WalkResult w = last;
        return Optional.ofNullable(w == null ? null : w.endDeviceHref());
    }

    /** The notification listener's port, or -1 when the client polls only. */
    public int notificationPort() {
        return notifications == null ? -1 : notifications.port();
    }

    /** True while some watched resource has no subscription and is therefore polled at pollRate. */
    public boolean polling() {
        return polling;
    }

    /** How many walks completed. */
    public int walks() {
        return walks;
    }

    /**
     * How many notifications were served without a full walk: by re-reading only the resource they named, by comparing
     * a notified EndDevice's links, or by a re-walk from the FunctionSetAssignmentsList (§5.6.2).
     */
    public int refetches() {
        return refetches;
    }

    /** The server time offset applied to the device clock, in ms. */
    public long serverTimeOffsetMillis() {
        return clock.offsetMs();
    }

    /** The last failure seen (walk, subscription, notification), or null. */
    public String lastError() {
        return lastError;
    }

    /** @return null on success, the failure otherwise; runs on the worker */
    private SepDeviceException walkNow(boolean verifySubscriptions) {
        walkRequested.set(false);
        if (closed) {
            return null;
        }
        cancel(nextWalk);
        WalkResult r;
        try {
            r = walker.walk(dcapHref);
        } catch (SepDeviceException e) {
            failures++;
            lastError = e.getMessage();
            long delay = Math.min(maxRetryDelay.toMillis(), Math.min(pollRateMs(), 1000L << Math.min(failures - 1, 20)));
            LOG.warn("walk of {} failed ({}); again in {} s", server, e.getMessage(), delay / 1000.0);
            if (e.httpStatus() == 0 || e.httpStatus() >= 500) {
                if (!commLost) {
                    commLost = true;
                    engine.communicationLost(true);
                    responses.drain();
                }
            }
            scheduleTick();
            nextWalk = worker.schedule(() -> walkNow(true), delay, TimeUnit.MILLISECONDS);
            if (started != null && !started.isDone()) {
                started.completeExceptionally(e);
            }
            return e;
        }
        if (failures > 0) {
            LOG.info("server {} reachable again after {} failed walks", server, failures);
        }
        failures = 0;
        if (timeSync) {
            clock.offsetMs(r.serverTimeOffsetMs());
        }
        if (commLost) {
            commLost = false;
            engine.communicationLost(false);
        }
        last = r;
        walks++;
        responses.drPrograms(r.drPrograms());
        engine.update(r.programs());
        responses.drain();
        boolean all = false;
        if (subscriptions != null && r.subscriptionListHref() != null) {
            all = subscriptions.reconcile(r.subscriptionListHref(), r.subscribable(), verifySubscriptions)
                    && r.subscribable().containsAll(r.watched());
        }
        polling = !all;
        scheduleTick();
        nextWalk = worker.schedule(() -> walkNow(true), pollRateMs(), TimeUnit.MILLISECONDS);
        reportConnectionPoint(r);
        if (started != null && !started.isDone()) {
            reportConfiguredData();
            started.complete(null);
        }
        return null;
    }

    private long pollRateMs() {
        WalkResult r = last;
        return (r == null ? 900 : r.pollRate()) * 1000L;
    }

    private void scheduleTick() {
        cancel(nextTick);
        nextTick = null;
        Optional<Instant> next = engine.nextTransition();
        if (next.isEmpty() || closed) {
            return;
        }
        long delay = Math.max(0, Math.min(MAX_TICK_DELAY_MS, next.get().toEpochMilli() - clock.millis()));
        nextTick = worker.schedule(() -> {
            engine.tick();
            responses.drain();
            scheduleTick();
        }, delay, TimeUnit.MILLISECONDS);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    /** On a Netty I/O thread: check the caller and the document, then hand over (§5.6.2). */
    private int onNotification(byte[] body, X509Certificate caller) {
        X509Certificate expected = http.serverCertificate();
        if (caller == null || expected == null || !caller.equals(expected)) {
            LOG.warn("notification refused: the caller {} is not the server this device talks to",
                    caller == null ? "(no certificate)" : LogSafe.text(caller.getSubjectX500Principal().getName()));
            return 403;
        }
        Notification n;
        try {
            // a Notification carries the resource's current form, which may use the CSIP-AUS 1.3 extensions (e.g. a
            // DERControlList with csipaus:opModExpLimW): validated against CSIP-AUS 1.3, then read as sep.xsd; the
            // modes themselves are read again by the re-fetch the Notification triggers
            byte[] sep = CsipAus.uses(body) ? runtime.csipAus().read("notification", body).sepDocument() : body;
            n = runtime.codec().decode(sep, Notification.class);
        } catch (XmlCodecException | SepDeviceException e) {
            LOG.warn("notification refused: not a schema-valid Notification: {}", LogSafe.text(e.getMessage()));
            return 400;
        }
        String sub = n.getSubscriptionURI();
        String resource = n.getSubscribedResource();
        short status = n.getStatus();
        if (!closed) {
            if (status != 0) {
                // §5.6.2 Notification.status 1..4: the subscription was cancelled (resource moved, redefined or
                // deleted): subscribe again and read everything
                worker.execute(() -> {
                    if (subscriptions != null) {
                        LOG.info("subscription {} ended by the server (status {})", LogSafe.text(sub), status);
                        subscriptions.forget(sub);
                    }
                });
                requestWalk();
            } else {
                String href = null;
                try {
                    href = resource == null || resource.isEmpty() ? null : ResponsePoster.path(resource);
                } catch (IllegalArgumentException e) {
                    LOG.debug("notification names no usable resource: {}", LogSafe.text(resource));
                }
                if (href == null) {
                    requestWalk();
                } else {
                    if (n.getResource() != null) {
                        carried.put(href, n.getResource());
                    } else {
                        carried.remove(href);
                    }
                    requestRefetch(href);
                }
            }
        }
        return 201;
    }

    /** Coalesces notifications for one resource: one re-fetch for any number that arrived before it started. */
    private void requestRefetch(String href) {
        if (refetchPending.add(href)) {
            worker.execute(() -> refetchNow(href));
        }
    }

    /**
     * Re-reads only the resource a notification named and updates the engine from it (§5.6.2); a full walk instead
     * when no walk completed yet, the resource is not an event list or DefaultDERControl of the last walk, or the
     * re-fetch fails (e.g. the resource is gone). Runs on the worker.
     */
    private void refetchNow(String href) {
        refetchPending.remove(href);
        Object resource = carried.remove(href);
        if (closed || walkRequested.get()) {
            LOG.debug("re-fetch of {} skipped: a walk is queued", LogSafe.text(href));
            return; // a full walk is queued and covers this change
        }
        WalkResult w = last;
        if (w == null) {
            requestWalk();
            return;
        }
        WalkResult r;
        try {
            r = refetcher.refetch(w, href, resource);
        } catch (SepDeviceException e) {
            lastError = e.getMessage();
            LOG.info("re-fetch of {} failed ({}); walking the server", LogSafe.text(href), e.getMessage());
            requestWalk();
            return;
        }
        if (r == null) {
            LOG.debug("a notification named {}, not a resource a re-fetch covers: walking the server",
                    LogSafe.text(href));
            requestWalk();
            return;
        }
        refetches++;
        if (r == w) {
            return; // nothing the device depends on changed
        }
        last = r;
        responses.drPrograms(r.drPrograms());
        engine.update(r.programs());
        responses.drain();
        if (subscriptions != null && r.subscriptionListHref() != null && !r.subscribable().equals(w.subscribable())) {
            // a re-walk from the FunctionSetAssignmentsList found new lists: subscribe to them (§5.6.1)
            polling = !(subscriptions.reconcile(r.subscriptionListHref(), r.subscribable(), false)
                    && r.subscribable().containsAll(r.watched()));
        }
        scheduleTick();
    }

    /** Coalesces change signals: one walk runs for any number of notifications that arrived before it started. */
    private void requestWalk() {
        if (walkRequested.compareAndSet(false, true)) {
            worker.execute(() -> walkNow(false));
        }
    }

    @Override
    public void close() {
        closed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            worker.execute(() -> {
                cancel(nextWalk);
                cancel(nextTick);
                done.complete(null);
            });
            done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("worker did not stop cleanly: {}", e.toString());
        }
        worker.shutdownNow();
        engine.close();
        if (notifications != null) {
            notifications.close();
        }
        if (hubPath != null) {
            options.notificationHub.unregister(hubPath);
        }
        http.close();
        clientTls.release();
        if (ownRuntime) {
            runtime.close();
        }
    }
}

package org.openvtn.device;

import java.net.URI;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
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
import org.openvtn.device.engine.EventEngine;
import org.openvtn.device.transport.NotificationServer;
import org.openvtn.device.transport.SepHttpClient;
import org.openvtn.device.walk.DiscoveryWalk;
import org.openvtn.device.walk.SepFetcher;
import org.openvtn.device.walk.TargetedRefetch;
import org.openvtn.device.walk.WalkResult;
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
    private final PeriodicReports reports;
    private final NotificationIntake intake;
    private final ControlScheduler controls;
    private final DeviceWorker worker;
    private final SepDeviceClientBuilder options;

    // Worker-confined state.
    private NotificationServer notifications;
    private String hubPath;
    private Subscriptions subscriptions;
    private ScheduledFuture<?> nextWalk;
    private int failures;
    private volatile WalkResult last;
    private volatile String lastError;
    private volatile boolean polling = true;
    private volatile int walks;
    private volatile int refetches;
    private volatile boolean closed;
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
        this.worker = new DeviceWorker(runtime.scheduler());
        this.reports = new PeriodicReports(b, fetch, clock, lfdi, worker, () -> last, () -> closed,
                e -> lastError = e);
        this.intake = new NotificationIntake(http, runtime, new NotificationReaction());
        this.controls = new ControlScheduler(b, clock, new ResponsePoster(fetch, lfdi), worker,
                () -> closed);
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
        reports.startTelemetry();
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
        return controls.effective();
    }

    /** The device owner opts out of an event (the engine sends the "opted out" Response when asked for). */
    public void optOut(String eventHref) {
        worker.execute(() -> controls.optOut(eventHref));
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
        reports.data().derStatus(walked(), der, status);
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
        return reports.data().report(walked(), d, lfdi);
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
        return reports.data().report(walked(), reports.configuredData(), lfdi);
    }

    /**
     * Reports an alarm or event: POST LogEvent to the EndDevice's LogEventList (§10.9). Needs a completed walk.
     *
     * @return the LogEvent's href on the server
     */
    public String logEvent(LogEventReport event) throws SepDeviceException {
        return reports.data().logEvent(walked(), event);
    }

    /**
     * Mirrors the configured {@link TelemetrySource}'s readings now (§10.11 Metering Mirror: MirrorUsagePoint once,
     * then MirrorMeterReading posts); the client also does this every {@code telemetryInterval}.
     *
     * @return how many readings the server accepted
     */
    public int postTelemetry() throws SepDeviceException {
        return reports.postTelemetry(walked());
    }

    /**
     * The server's postRate for this device's MirrorUsagePoint (s), as last read after a mirror round; empty before
     * the first round or when the server sets none (the configured interval applies then).
     */
    public Optional<Long> telemetryPostRate() {
        return Optional.ofNullable(reports.mirror().postRate());
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

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
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
                controls.communicationLost(true);
            }
            controls.scheduleTick();
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
        controls.communicationLost(false);
        last = r;
        walks++;
        controls.apply(r);
        boolean all = false;
        if (subscriptions != null && r.subscriptionListHref() != null) {
            all = subscriptions.reconcile(r.subscriptionListHref(), r.subscribable(), verifySubscriptions)
                    && r.subscribable().containsAll(r.watched());
        }
        polling = !all;
        controls.scheduleTick();
        nextWalk = worker.schedule(() -> walkNow(true), pollRateMs(), TimeUnit.MILLISECONDS);
        reports.reportConnectionPoint(r);
        if (started != null && !started.isDone()) {
            reports.reportConfiguredData(r);
            started.complete(null);
        }
        return null;
    }

    private long pollRateMs() {
        WalkResult r = last;
        return (r == null ? 900 : r.pollRate()) * 1000L;
    }

    /** On a Netty I/O thread: check the caller and the document, then hand over (§5.6.2). */
    private int onNotification(byte[] body, X509Certificate caller) {
        return intake.receive(body, caller, closed);
    }

    /** What a Notification makes this device do: each reaction runs on the worker. */
    private final class NotificationReaction implements NotificationIntake.Reaction {
        @Override
        public void subscriptionEnded(String subscriptionUri, short status) {
            worker.execute(() -> {
                if (subscriptions != null) {
                    LOG.info("subscription {} ended by the server (status {})", LogSafe.text(subscriptionUri),
                            status);
                    subscriptions.forget(subscriptionUri);
                }
            });
        }

        @Override
        public void refetch(String href) {
            worker.execute(() -> refetchNow(href));
        }

        @Override
        public void walk() {
            requestWalk();
        }
    }

    /**
     * Re-reads only the resource a notification named and updates the engine from it (§5.6.2); a full walk instead
     * when no walk completed yet, the resource is not an event list or DefaultDERControl of the last walk, or the
     * re-fetch fails (e.g. the resource is gone). Runs on the worker.
     */
    private void refetchNow(String href) {
        Object resource = intake.take(href);
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
        controls.apply(r);
        if (subscriptions != null && r.subscriptionListHref() != null && !r.subscribable().equals(w.subscribable())) {
            // a re-walk from the FunctionSetAssignmentsList found new lists: subscribe to them (§5.6.1)
            polling = !(subscriptions.reconcile(r.subscriptionListHref(), r.subscribable(), false)
                    && r.subscribable().containsAll(r.watched()));
        }
        controls.scheduleTick();
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
                controls.cancelTick();
                done.complete(null);
            });
            done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("worker did not stop cleanly: {}", e.toString());
        }
        worker.shutdownNow();
        controls.close();
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

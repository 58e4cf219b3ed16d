package org.openvtn.device;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.openvtn.certs.identity.LogSafe;
import org.openvtn.device.transport.SepHttpClient;
import org.openvtn.device.walk.SepFetcher;
import org.openvtn.device.walk.WalkResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a device posts on its own, from the builder's configuration: its device data after the first walk (§10.2,
 * §10.4, §10.10.4), its CSIP-AUS 1.3 connection point after each walk, and its telemetry every round (§10.11 Metering
 * Mirror). Failures are logged and kept as the device's last error; the next round or walk tries again. Runs on the
 * device's worker.
 */
final class PeriodicReports {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicReports.class);

    private final SepDeviceClientBuilder options;
    private final SepFetcher fetch;
    private final DeviceDataPoster data;
    private final MeteringMirror mirror;
    private final ServerClock clock;
    private final byte[] lfdi;
    private final DeviceWorker worker;
    private final Supplier<WalkResult> lastWalk;
    private final BooleanSupplier closed;
    private final Consumer<String> lastError;
    /** "link|id" of the csipaus:ConnectionPoint last PUT with success (worker-confined; CSIP-AUS 1.3). */
    private String connectionPointPut;

    PeriodicReports(SepDeviceClientBuilder options, SepFetcher fetch, ServerClock clock, byte[] lfdi,
            DeviceWorker worker, Supplier<WalkResult> lastWalk, BooleanSupplier closed, Consumer<String> lastError) {
        this.options = options;
        this.fetch = fetch;
        this.data = new DeviceDataPoster(fetch, clock);
        this.mirror = new MeteringMirror(fetch, clock, lfdi);
        this.clock = clock;
        this.lfdi = lfdi;
        this.worker = worker;
        this.lastWalk = lastWalk;
        this.closed = closed;
        this.lastError = lastError;
    }

    DeviceDataPoster data() {
        return data;
    }

    MeteringMirror mirror() {
        return mirror;
    }

    /** Schedules the first telemetry round when a {@link TelemetrySource} is configured. */
    void startTelemetry() {
        if (options.telemetrySource != null) {
            worker.schedule(this::telemetryLoop, options.telemetryInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Mirrors the configured source's readings now; see {@link SepDeviceClient#postTelemetry()}. */
    int postTelemetry(WalkResult walked) throws SepDeviceException {
        if (options.telemetrySource == null) {
            throw new SepDeviceException(0, -1, "no telemetrySource configured", null);
        }
        return mirror.post(walked, options.telemetrySource.read(clock.instant()));
    }

    /**
     * One mirror round, then the next one after the MirrorUsagePoint's postRate when the server sets one (IEEE
     * 2030.5-2018 MirrorUsagePoint postRate: the rate at which the client posts; CSIP-AUS ALL-10 telemetry post rate
     * updates), else after the configured {@code telemetryInterval}. The postRate is read again after every round,
     * so a change takes effect from the round after it was read.
     */
    private void telemetryLoop() {
        if (closed.getAsBoolean()) {
            return;
        }
        try {
            WalkResult w = lastWalk.get();
            if (w != null) {
                postTelemetry(w);
            }
        } catch (SepDeviceException | RuntimeException e) {
            lastError.accept(e.getMessage());
            LOG.warn("telemetry not mirrored: {}", e.getMessage());
        }
        if (!closed.getAsBoolean()) {
            worker.schedule(this::telemetryLoop, telemetryDelayMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** The delay before the next mirror round: the server's postRate (s) when known, else telemetryInterval. */
    long telemetryDelayMs() {
        Long rate = mirror.postRate();
        return rate != null && rate > 0 ? Math.min(rate, 86_400L) * 1000 : options.telemetryInterval.toMillis();
    }

    /** The builder's device data: the first DER (and EndDevice parts), then each further DER. */
    List<DeviceData> configuredData() {
        List<DeviceData> all = new ArrayList<>();
        all.add(options.deviceData);
        all.addAll(options.furtherDers);
        return all;
    }

    /** Reports the builder's device data, if any, after the first walk {@code r}. */
    void reportConfiguredData(WalkResult r) {
        if (options.deviceData == null) {
            return;
        }
        try {
            data.report(r, configuredData(), lfdi);
        } catch (SepDeviceException | RuntimeException e) {
            lastError.accept(e.getMessage());
            LOG.warn("device data not reported: {}", e.getMessage());
        }
    }

    /**
     * CSIP-AUS 1.3 connection point: when the device maker configured a connectionPointId (the NMI) and the
     * EndDevice carries a csipaus:ConnectionPointLink, PUTs a csipaus:ConnectionPoint there, once per link and id
     * (again after a failure, at the next walk).
     */
    void reportConnectionPoint(WalkResult r) {
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
            lastError.accept(e.getMessage());
            LOG.warn("connection point not registered: {}", e.getMessage());
        }
    }
}

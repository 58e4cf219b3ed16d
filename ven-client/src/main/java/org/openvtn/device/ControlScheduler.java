package org.openvtn.device;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.openvtn.device.engine.EffectiveControl;
import org.openvtn.device.engine.EffectiveControlListener;
import org.openvtn.device.engine.EventEngine;
import org.openvtn.device.walk.WalkResult;

/**
 * The hand-off from what a walk or re-fetch read to the device's controls: feeds the programs to the
 * {@link EventEngine}, posts the Responses it decides (§10.10, §10.3), tells it when communication with the server is
 * lost or back, and keeps one timer on the device's worker for the engine's next transition. Worker-confined except
 * {@link #effective()}.
 */
final class ControlScheduler {
    /** The longest single timer wait; after it the engine is asked again (clock corrections in between). */
    private static final long MAX_TICK_DELAY_MS = Duration.ofHours(1).toMillis();

    private final ServerClock clock;
    private final ResponsePoster responses;
    private final DeviceWorker worker;
    private final BooleanSupplier closed;
    private final EventEngine engine;
    private ScheduledFuture<?> nextTick;
    private boolean commLost;

    ControlScheduler(SepDeviceClientBuilder b, ServerClock clock, ResponsePoster responses, DeviceWorker worker,
            BooleanSupplier closed) {
        this.clock = clock;
        this.responses = responses;
        this.worker = worker;
        this.closed = closed;
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

    /** The effective control per mode now. */
    Map<String, EffectiveControl> effective() {
        return engine.effective();
    }

    /** Feeds the programs of {@code r} to the engine and posts the Responses it decides. */
    void apply(WalkResult r) {
        responses.drPrograms(r.drPrograms());
        engine.update(r.programs());
        responses.drain();
    }

    /** The device owner opts out of an event. */
    void optOut(String eventHref) {
        engine.optOut(eventHref);
        responses.drain();
        scheduleTick();
    }

    /** The server became unreachable ({@code true}) or reachable again; repeats of the same state are ignored. */
    void communicationLost(boolean lost) {
        if (lost == commLost) {
            return;
        }
        commLost = lost;
        engine.communicationLost(lost);
        if (lost) {
            responses.drain();
        }
    }

    /** (Re)schedules the one timer for the engine's next transition. */
    void scheduleTick() {
        cancelTick();
        Optional<Instant> next = engine.nextTransition();
        if (next.isEmpty() || closed.getAsBoolean()) {
            return;
        }
        long delay = Math.max(0, Math.min(MAX_TICK_DELAY_MS, next.get().toEpochMilli() - clock.millis()));
        nextTick = worker.schedule(() -> {
            engine.tick();
            responses.drain();
            scheduleTick();
        }, delay, TimeUnit.MILLISECONDS);
    }

    void cancelTick() {
        if (nextTick != null) {
            nextTick.cancel(false);
            nextTick = null;
        }
    }

    void close() {
        engine.close();
    }
}

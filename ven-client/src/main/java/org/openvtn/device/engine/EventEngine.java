package org.openvtn.device.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The IEEE 2030.5 event engine of a device: schedules DERControls and EndDeviceControls per the event rules
 * of IEEE 2030.5-2018 §10.2.3 and exposes one effective control per mode.
 *
 * <p>No threads: the library calls {@link #update} after each walk or notification, {@link #tick} at
 * {@link #nextTransition()}, and passes the device's clock corrected by the server's Time resource.
 * All methods are thread-safe (synchronized on the engine).
 */
public final class EventEngine implements AutoCloseable {

    private final Clock clock;
    private final ResponseSink sink;
    private final EffectiveControlListener listener;
    private List<ProgramView> programs = List.of();
    private final Set<String> received = new HashSet<>();
    private Map<String, EffectiveControl> effective = Map.of();

    private EventEngine(Builder b) {
        this.clock = b.clock;
        this.sink = b.sink;
        this.listener = b.listener;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Full snapshot of every program in force, from the latest walk or notification. */
    public synchronized void update(List<ProgramView> programs) {
        this.programs = List.copyOf(Objects.requireNonNull(programs, "programs"));
        Instant now = clock.instant();
        for (ProgramView p : this.programs) {
            for (EventView e : p.events()) {
                if (received.add(e.href()) && (e.responseRequired() & ResponseStatus.RR_RECEIVED) != 0
                        && e.replyTo() != null) {
                    sink.send(e, ResponseStatus.EVENT_RECEIVED, now);
                }
            }
        }
        tick();
    }

    /** The current effective control per mode. */
    public synchronized Map<String, EffectiveControl> effective() {
        return effective;
    }

    /** When {@link #effective()} may change next, if ever. */
    public synchronized Optional<Instant> nextTransition() {
        long now = clock.instant().getEpochSecond();
        long next = Long.MAX_VALUE;
        for (ProgramView p : programs) {
            for (EventView e : p.events()) {
                long end = e.start() + e.duration();
                if (e.start() > now) {
                    next = Math.min(next, e.start());
                } else if (end > now) {
                    next = Math.min(next, end);
                }
            }
        }
        return next == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochSecond(next));
    }

    /** Re-evaluates at the clock's instant and notifies the listener on change. */
    public synchronized void tick() {
        Instant nowInstant = clock.instant();
        long now = nowInstant.getEpochSecond();
        List<ProgramView> byPrimacy = new ArrayList<>(programs);
        byPrimacy.sort(Comparator.comparingInt(ProgramView::primacy));
        Map<String, EffectiveControl> next = new LinkedHashMap<>();
        for (ProgramView p : byPrimacy) {
            for (EventView e : p.events()) {
                boolean active = e.currentStatus() <= 1 && e.start() <= now && now < e.start() + e.duration();
                if (active) {
                    e.modes().forEach((m, v) -> next.putIfAbsent(m, new EffectiveControl(m, v, e.href(), nowInstant)));
                }
            }
        }
        for (ProgramView p : byPrimacy) {
            p.defaultModes().forEach((m, v) -> next.putIfAbsent(m,
                    new EffectiveControl(m, v, EffectiveControl.DEFAULT_PREFIX + p.href(), nowInstant)));
        }
        if (!sameControls(next, effective)) {
            effective = Map.copyOf(next);
            if (listener != null) {
                listener.changed(effective);
            }
        }
    }

    private static boolean sameControls(Map<String, EffectiveControl> a, Map<String, EffectiveControl> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (var en : a.entrySet()) {
            EffectiveControl o = b.get(en.getKey());
            if (!o.value().equals(en.getValue().value()) || !o.source().equals(en.getValue().source())) {
                return false;
            }
        }
        return true;
    }

    /** The communication state as the library observes it. */
    public synchronized void communicationLost(boolean lost) {
        // first version: nothing changes, scheduled events keep executing
    }

    /** The device owner opts out of the event (Response "opted out"). */
    public synchronized void optOut(String eventHref) {
        // first version: not implemented
    }

    /** Saves the state file, if one is configured. */
    @Override
    public synchronized void close() {
    }

    /** Builds an {@link EventEngine}; {@link #build()} validates and names the bad field. */
    public static final class Builder {
        private Clock clock;
        private ResponseSink sink;
        private Path stateFile;
        private Long randomSeed;
        private EffectiveControlListener listener;

        private Builder() {
        }

        /** The device's clock, corrected by the server's Time resource (required). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Where Responses go (required). */
        public Builder responseSink(ResponseSink sink) {
            this.sink = sink;
            return this;
        }

        /** The JSON state file that survives a restart (optional; none = state lives in memory only). */
        public Builder stateFile(Path stateFile) {
            this.stateFile = stateFile;
            return this;
        }

        /** Per-device seed for reproducible randomization (optional; default: a secure random seed). */
        public Builder randomSeed(long seed) {
            this.randomSeed = seed;
            return this;
        }

        /** Told on every change of the effective control (optional). */
        public Builder listener(EffectiveControlListener listener) {
            this.listener = listener;
            return this;
        }

        /** Validates and builds the engine. */
        public EventEngine build() {
            if (clock == null) {
                throw new IllegalArgumentException("clock is required");
            }
            if (sink == null) {
                throw new IllegalArgumentException("responseSink is required");
            }
            return new EventEngine(this);
        }
    }
}

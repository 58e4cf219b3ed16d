package org.openvtn.device.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IEEE 2030.5 event engine of one device: schedules DERControls and EndDeviceControls per the event rules of
 * IEEE 2030.5-2018 §10.2.3 (primacy, supersession, overlapping and nested events, randomization, cancellation)
 * and exposes one effective control per mode, falling back to the programs' DefaultDERControl (§10.10). Sends
 * the Responses of Table 27 that each event's responseRequired asks for, once each. The rules in force are
 * listed in docs/device-engine.md.
 *
 * <p>No threads: the library calls {@link #update} after each walk or notification, {@link #tick} at
 * {@link #nextTransition()}, and passes the device's clock corrected by the server's Time resource. Times are
 * evaluated in whole epoch seconds. All methods are thread-safe (synchronized on the engine); the sink and the
 * listener are called on the calling thread while the engine's lock is held, so they must return quickly and may
 * read {@link #effective()} but should hand real work to another thread.
 *
 * <pre>{@code
 * EventEngine engine = EventEngine.builder().clock(serverClock).responseSink(poster::post)
 *         .stateFile(dataDir.resolve("engine.json")).randomSeed(lfdiHash)
 *         .listener(effective -> inverter.apply(effective)).build();
 * engine.update(programs);                         // after each walk / notification
 * engine.nextTransition().ifPresent(scheduler::at); // then call engine.tick() at that instant
 * }</pre>
 */
public final class EventEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventEngine.class);
    private static final int MAX_LOGGED = 120;

    private final Clock clock;
    private final ResponseSink sink;
    private final EffectiveControlListener listener;
    private final StateStore store;
    private final Randomizer random;
    private final Schedule schedule;
    private final List<EngineState.PendingResponse> pending = new ArrayList<>(0);
    private List<Schedule.Slot> slots = List.of();
    private Map<String, EffectiveControl> effective = Map.of();
    private boolean commLost;
    private boolean closed;
    /** DERSettings.setGradW of the device, the last fallback of the ramp (IEEE 2030.5-2018 §10.10); may be null. */
    private Integer settingsGradW;
    /** True until the first evaluation: a restored snapshot has not been evaluated yet. */
    private boolean unevaluated = true;

    private EventEngine(Builder b, EngineState saved) {
        this.clock = b.clock;
        this.sink = b.sink;
        this.listener = b.listener;
        this.store = b.stateFile == null ? null : new StateStore(b.stateFile);
        long seed = b.randomSeed != null ? b.randomSeed
                : saved != null ? saved.seed() : new SecureRandom().nextLong();
        this.random = new Randomizer(seed);
        this.settingsGradW = b.settingsGradW;
        long now = clock.instant().getEpochSecond();
        this.schedule = new Schedule(random, now);
        if (saved != null) {
            schedule.programs = saved.programs() == null ? List.of() : List.copyOf(saved.programs());
            if (saved.events() != null) {
                saved.events().forEach(r -> schedule.records.put(r.href, r));
            }
            if (saved.pending() != null) {
                pending.addAll(saved.pending());
            }
            // prevEval stays "now": what fell due while the device was off is reported as happening at restart
            // Restore the effective control of the last snapshot without firing transitions yet: the first
            // tick or update does, once the library is ready for Responses and callbacks.
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A full snapshot of every program in force from the latest walk or notification; events missing from it
     * are no longer executed. Evaluates at once (received Responses, transitions, listener).
     */
    public synchronized void update(List<ProgramView> programs) {
        Objects.requireNonNull(programs, "programs");
        List<ProgramView> copy = List.copyOf(programs);
        if (!copy.equals(schedule.programs)) {
            schedule.programs = copy;
            schedule.dirty = true;
        }
        evaluate();
    }

    /** The current effective control per mode (immutable); empty if nothing is in force. */
    public synchronized Map<String, EffectiveControl> effective() {
        return effective;
    }

    /** When {@link #effective()} may change or a Response falls due next; empty if nothing is scheduled. */
    public synchronized Optional<Instant> nextTransition() {
        if (unevaluated) {
            return schedule.programs.isEmpty() ? Optional.empty() : Optional.of(clock.instant());
        }
        long next = Schedule.next(slots, schedule.prevEval);
        return next == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochSecond(next));
    }

    /**
     * The device's DERSettings.setGradW (hundredths of a percent of setMaxW per second), the ramp of every effective
     * control when neither its event's rampTms nor a DefaultDERControl's setGradW applies (IEEE 2030.5-2018 §10.10;
     * docs/device-engine.md "Ramp"); null = unknown. Re-evaluates at once.
     */
    public synchronized void settingsGradW(Integer setGradW) {
        if (!java.util.Objects.equals(settingsGradW, setGradW)) {
            settingsGradW = setGradW;
            evaluate();
        }
    }

    /** Re-evaluates at the clock's instant: starts and ends events, sends Responses, notifies the listener. */
    public synchronized void tick() {
        evaluate();
    }

    /**
     * The communication state as the library observes it. While lost, scheduled events keep executing and the
     * DefaultDERControl applies when none is active (docs/device-engine.md "Communication loss"); Responses are
     * held (and saved) and handed to the sink, with their original times, when communication is back.
     */
    public synchronized void communicationLost(boolean lost) {
        if (lost == commLost) {
            return;
        }
        commLost = lost;
        if (lost) {
            LOG.info("communication with the 2030.5 server lost: executing the stored schedule, holding Responses");
        } else {
            LOG.info("communication with the 2030.5 server restored: sending {} held Responses", pending.size());
            List<EngineState.PendingResponse> held = new ArrayList<>(pending);
            pending.clear();
            held.forEach(p -> deliver(p.event(), p.status(), p.at()));
            save();
        }
        evaluate();
    }

    /**
     * The device owner opts out of the event: it stops (or never starts) executing, the Response "opted out"
     * (Table 27, 4) is sent at once, and at the event's end "partially completed with user opt-out" (8) or
     * "completed, no user participation" (10). Unknown or finished events are ignored.
     */
    public synchronized void optOut(String eventHref) {
        long now = clock.instant().getEpochSecond();
        EventRecord r = eventHref == null ? null : schedule.records.get(eventHref);
        EventView e = r == null ? null : find(eventHref);
        if (r == null || e == null || r.rejected != 0 || r.endedAt >= 0 || r.optOutAt >= 0) {
            LOG.info("opt-out of {} ignored: no such event in progress or scheduled", safe(eventHref));
            return;
        }
        r.optOutAt = now;
        schedule.dirty = true;
        if ((e.responseRequired() & (ResponseStatus.RR_SPECIFIC | ResponseStatus.RR_USER)) != 0) {
            deliver(e, ResponseStatus.OPTED_OUT, now);
        }
        evaluate();
    }

    /** Saves the state file, if one is configured. Further calls do nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            save();
        }
    }

    private EventView find(String href) {
        for (ProgramView p : schedule.programs) {
            for (EventView e : p.events()) {
                if (href.equals(e.href())) {
                    return e;
                }
            }
        }
        return null;
    }

    private void evaluate() {
        long now = clock.instant().getEpochSecond();
        unevaluated = false;
        List<Schedule.Slot> next = new ArrayList<>();
        List<Schedule.Emit> emits = schedule.evaluate(now, next);
        slots = next;
        for (Schedule.Emit em : emits) {
            deliver(em.event(), em.status(), em.at());
        }
        Map<String, EffectiveControl> eff = schedule.effective(next, now, effective, settingsGradW);
        boolean changed = !eff.equals(effective);
        effective = Map.copyOf(eff);
        if (schedule.dirty || !emits.isEmpty() || changed) {
            save();
        }
        if (changed && listener != null) {
            try {
                listener.changed(effective);
            } catch (RuntimeException ex) {
                LOG.warn("effective-control listener threw {}; the engine goes on", ex.toString());
            }
        }
    }

    private void deliver(EventView e, int status, long at) {
        if (e.replyTo() == null || e.replyTo().isBlank()) {
            LOG.debug("event {} asks for Responses but has no replyTo; {} not sent", safe(e.href()),
                    ResponseStatus.name(status));
            return;
        }
        if (commLost) {
            pending.add(new EngineState.PendingResponse(e, status, at));
            return;
        }
        try {
            sink.send(e, status, Instant.ofEpochSecond(at));
        } catch (RuntimeException ex) {
            LOG.warn("Response {} for event {} could not be handed over: {}", ResponseStatus.name(status),
                    safe(e.href()), ex.toString());
        }
    }

    private void save() {
        schedule.dirty = false;
        if (store == null) {
            return;
        }
        EngineState st = new EngineState(EngineState.VERSION, random.seed(), clock.instant().getEpochSecond(),
                schedule.programs, List.copyOf(schedule.records.values()), List.copyOf(pending));
        try {
            store.save(st);
        } catch (IOException | RuntimeException ex) {
            LOG.warn("event engine state could not be saved to {}: {} (a restart may repeat Responses)",
                    store.file(), ex.toString());
        }
    }

    /** Peer text made safe for one log line: control characters escaped, length capped. */
    static String safe(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_LOGGED) + 8);
        for (int i = 0; i < s.length() && i < MAX_LOGGED; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                    || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\\') {
                sb.append(c == '\\' ? "\\\\" : String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > MAX_LOGGED) {
            sb.append("...");
        }
        return sb.toString();
    }

    /** Builds an {@link EventEngine}; {@link #build()} validates and names the bad field. */
    public static final class Builder {
        private Clock clock;
        private ResponseSink sink;
        private Path stateFile;
        private Long randomSeed;
        private EffectiveControlListener listener;
        private Integer settingsGradW;

        private Builder() {
        }

        /**
         * The device's DERSettings.setGradW, the ramp of last resort (optional; see
         * {@link EventEngine#settingsGradW(Integer)}).
         */
        public Builder settingsGradW(Integer setGradW) {
            this.settingsGradW = setGradW;
            return this;
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

        /**
         * The JSON state file that survives a restart (optional; without it the state lives in memory only).
         * Loaded by {@link #build()} when it exists, written atomically and owner-only on every change.
         */
        public Builder stateFile(Path stateFile) {
            this.stateFile = stateFile;
            return this;
        }

        /**
         * Per-device seed of the randomization (optional): the same seed draws the same offsets for the same
         * event. Default: the seed saved in the state file, else a secure random one.
         */
        public Builder randomSeed(long seed) {
            this.randomSeed = seed;
            return this;
        }

        /** Told on every change of the effective control (optional). */
        public Builder listener(EffectiveControlListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Validates and builds the engine, loading the state file if it exists.
         *
         * @throws IllegalArgumentException naming the bad field (clock, responseSink, stateFile)
         */
        public EventEngine build() {
            if (clock == null) {
                throw new IllegalArgumentException("clock is required");
            }
            if (sink == null) {
                throw new IllegalArgumentException("responseSink is required");
            }
            EngineState saved = null;
            if (stateFile != null) {
                if (java.nio.file.Files.isDirectory(stateFile)) {
                    throw new IllegalArgumentException("stateFile " + stateFile + " is a directory");
                }
                saved = new StateStore(stateFile).loadOrSetAside();
            }
            return new EventEngine(this, saved);
        }
    }
}

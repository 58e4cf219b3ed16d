package org.openvtn.device.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduling rules, as a pure function of (programs, per-event records, now). No clock, no I/O, no threads:
 * {@link EventEngine} owns the lock, the clock, the sink and the state file. Every rule cites IEEE 2030.5-2018;
 * docs/device-engine.md lists them.
 */
final class Schedule {

    private static final Logger LOG = LoggerFactory.getLogger(Schedule.class);

    /** OneHourRangeType (sep.xsd): randomizeStart / randomizeDuration "Valid range is -3600 to 3600". */
    static final int ONE_HOUR = 3600;

    /** A Response to emit. */
    record Emit(EventView event, int status, long at) {
    }

    /** One event's schedule at one evaluation. */
    static final class Slot {
        final EventView event;
        final int primacy;
        final EventRecord rec;
        /** Effective Start Time (§10.2.3.2): start + randomized start offset. */
        final long start;
        /** Effective End Time: Effective Start Time + duration + randomized duration offset. */
        final long naturalEnd;
        /** When execution ends after cancellation, supersession and opt-out. */
        long end;
        /** Why it ends at {@link #end}: a Response status (3 completed, 4 opted out, 6 cancelled, 7 superseded). */
        int reason;

        Slot(EventView event, int primacy, EventRecord rec, long start, long naturalEnd) {
            this.event = event;
            this.primacy = primacy;
            this.rec = rec;
            this.start = start;
            this.naturalEnd = naturalEnd;
            this.end = naturalEnd;
            this.reason = ResponseStatus.EVENT_COMPLETED;
        }

        boolean runs() {
            return start < end;
        }

        boolean activeAt(long t) {
            return start <= t && t < end;
        }
    }

    private static final Comparator<String> DESCENDING_NULLS_LAST =
            Comparator.nullsLast(Comparator.<String>reverseOrder());

    /**
     * Precedence between events (§10.2.3: primacy first, lower value wins; for the same primacy the event with
     * the larger creationTime is newer and supersedes the older). Equal creationTime: mRID descending, the last
     * key of the event lists' order (§10.3.2 Table 38, EndDeviceControl: interval.start, creationTime
     * descending, mRID descending), then href, so every device of a fleet decides alike.
     */
    static final Comparator<Slot> PRECEDENCE = Comparator.<Slot>comparingInt(s -> s.primacy)
            .thenComparing(Comparator.<Slot>comparingLong(s -> s.event.creationTime()).reversed())
            .thenComparing(s -> s.event.mrid(), DESCENDING_NULLS_LAST)
            .thenComparing(s -> s.event.href());

    /**
     * Program order for DefaultDERControls: the program list order (§10.3.2 Table 38, DemandResponseProgram:
     * primacy ascending, mRID descending; DERProgramList is ordered the same way), then href.
     */
    static final Comparator<ProgramView> PROGRAM_ORDER = Comparator.comparingInt(ProgramView::primacy)
            .thenComparing(ProgramView::mrid, DESCENDING_NULLS_LAST)
            .thenComparing(ProgramView::href, Comparator.nullsLast(Comparator.naturalOrder()));

    private final Randomizer random;
    final Map<String, EventRecord> records = new HashMap<>();
    List<ProgramView> programs = List.of();
    /** When the previous evaluation ran: a transition older than that was discovered late, not missed. */
    long prevEval;
    /** Set when a record changed (first sight, observation, offset, transition): the state file is stale. */
    boolean dirty;
    /** One WARN line per engine for events without href, not one per evaluation. */
    private boolean warnedNoHref;

    Schedule(Randomizer random, long now) {
        this.random = random;
        this.prevEval = now;
    }

    /**
     * Evaluates at {@code now}: first sights (received / rejected), status observations, transitions (started,
     * ended) with their Responses in time order. Fills {@code slots} with the schedule of every live event.
     */
    List<Emit> evaluate(long now, List<Slot> slots) {
        List<Emit> emits = new ArrayList<>();
        Set<String> present = new HashSet<>();
        observeAll(now, slots, present, emits);
        if (startSuccessors(slots, now)) {
            dirty = true;
            slots.clear();
            present.clear();
            observeAll(now, slots, present, emits); // first sights are done: this pass emits nothing new
        }
        slots.sort(PRECEDENCE);
        supersede(slots);
        for (Slot s : slots) {
            transitions(s, now, emits);
        }
        dirty |= records.values().removeIf(r -> !present.contains(r.href) && r.expires <= now);
        emits.sort(Comparator.comparingLong(Emit::at));
        prevEval = now;
        return emits;
    }

    private void observeAll(long now, List<Slot> slots, Set<String> present, List<Emit> emits) {
        for (ProgramView p : programs) {
            for (EventView e : p.events()) {
                if (e.href() == null || e.href().isBlank()) {
                    if (!warnedNoHref) {
                        warnedNoHref = true;
                        LOG.warn("2030.5 event without href in program {} ignored (no key to track it by)",
                                EventEngine.safe(p.href()));
                    }
                    continue;
                }
                if (!present.add(e.href())) {
                    continue; // listed twice (paging overlap): the first copy counts
                }
                Slot s = observe(p, e, now, emits);
                if (s != null) {
                    slots.add(s);
                }
            }
        }
    }

    /**
     * EventStatus 4 (sep.xsd): a client encountering a Superseded event "SHALL terminate execution of the event
     * immediately and commence execution of the new event immediately, unless the current time is within the
     * start randomization window of the superseded event, in which case the client SHALL obey the start
     * randomization of the new event". When an executing event is seen superseded now, a newer overlapping event
     * of the same program carrying all its controls, nominally started but still inside its own start
     * randomization, starts now (its start offset is shortened and saved). An event not yet executing (still in
     * its start randomization window) leaves the new event's randomization alone.
     *
     * @return true if an offset changed (the slots must be rebuilt)
     */
    private static boolean startSuccessors(List<Slot> slots, long now) {
        boolean changed = false;
        for (Slot x : slots) {
            EventRecord xr = x.rec;
            if (xr.supersededSeen != now || xr.startedAt < 0 || xr.endedAt >= 0) {
                continue;
            }
            for (Slot y : slots) {
                EventView ye = y.event;
                if (y != x && y.rec.endedAt < 0 && y.rec.startedAt < 0
                        && java.util.Objects.equals(ye.programHref(), x.event.programHref())
                        && ye.creationTime() > x.event.creationTime()
                        && ye.modes().keySet().containsAll(x.event.modes().keySet())
                        && ye.start() <= now && now < y.start && now < y.naturalEnd) {
                    y.rec.rStart = (int) (now - ye.start());
                    changed = true;
                }
            }
        }
        return changed;
    }

    private Slot observe(ProgramView p, EventView e, long now, List<Emit> emits) {
        EventRecord r = records.get(e.href());
        if (r == null) {
            r = firstSight(e, now, emits);
            records.put(e.href(), r);
            dirty = true;
        }
        if (r.rejected != 0) {
            return null;
        }
        int st = e.currentStatus();
        if ((st == EventView.CANCELLED || st == EventView.CANCELLED_WITH_RANDOMIZATION) && r.cancelSeen < 0) {
            r.cancelSeen = now;
            r.cancelStatus = st;
            dirty = true;
            // EventStatus 3: "using the larger of (absolute value of randomizeStart) and (absolute value of
            // randomizeDuration) as the end randomization"
            int bound = Math.max(Math.abs(e.randomizeStart()), Math.abs(e.randomizeDuration()));
            r.rCancel = st == EventView.CANCELLED_WITH_RANDOMIZATION ? random.draw(e.href(), Randomizer.CANCEL, bound) : 0;
        } else if (st == EventView.SUPERSEDED && r.supersededSeen < 0) {
            r.supersededSeen = now;
            dirty = true;
        }
        long start = e.start() + r.rStart;
        Slot s = new Slot(e, p.primacy(), r, start, naturalEnd(e, r, start));
        if (r.endedAt >= 0) {
            s.end = r.startedAt < 0 ? Math.min(start, r.endedAt) : r.endedAt;
            s.reason = r.endReason;
            return s;
        }
        if (r.cancelSeen >= 0) {
            // EventStatus 2: cancel immediately; 3: immediately plus the end randomization. Not started yet
            // (or already cancelled when first seen): it never starts.
            long t = r.cancelSeen < start || r.cancelSeen <= r.firstSeen ? Math.min(start, r.cancelSeen)
                    : r.cancelSeen + r.rCancel;
            truncate(s, t, ResponseStatus.CANCELLED);
        }
        if (r.supersededSeen >= 0) {
            // EventStatus 4: "terminate execution of the event immediately"; superseded when first seen: never starts
            long t = r.supersededSeen <= r.firstSeen ? Math.min(start, r.supersededSeen) : r.supersededSeen;
            truncate(s, t, ResponseStatus.SUPERSEDED);
        }
        if (r.optOutAt >= 0) {
            truncate(s, r.optOutAt, ResponseStatus.OPTED_OUT);
        }
        return s;
    }

    private static void truncate(Slot s, long t, int reason) {
        if (t < s.end) {
            s.end = t;
            s.reason = reason;
        }
    }

    private static long naturalEnd(EventView e, EventRecord r, long start) {
        return Math.max(start, start + e.duration() + r.rDuration);
    }

    private EventRecord firstSight(EventView e, long now, List<Emit> emits) {
        EventRecord r = new EventRecord(e.href(), now);
        r.rStart = random.draw(e.href(), Randomizer.START, clampHour(e.randomizeStart()));
        r.rDuration = random.draw(e.href(), Randomizer.DURATION, clampHour(e.randomizeDuration()));
        long start = e.start() + r.rStart;
        r.expires = naturalEnd(e, r, start);
        String invalid = invalidReason(e);
        if (invalid != null) {
            r.rejected = ResponseStatus.INVALID;
            LOG.warn("2030.5 event {} of program {} rejected as invalid ({}); the device ignores it",
                    EventEngine.safe(e.href()), EventEngine.safe(e.programHref()), invalid);
        } else if (e.modes().isEmpty()) {
            r.rejected = ResponseStatus.NOT_APPLICABLE;
            LOG.warn("2030.5 event {} carries no control this device supports; rejected as not applicable (252)",
                    EventEngine.safe(e.href()));
        } else if (now >= r.expires) {
            r.rejected = ResponseStatus.EXPIRED;
            LOG.debug("event {} received after it ended; answered 254 expired", EventEngine.safe(e.href()));
        }
        if (r.rejected != 0) {
            // Table 27 rejections answer the receipt itself: sent when any response is required.
            if ((e.responseRequired() & (ResponseStatus.RR_RECEIVED | ResponseStatus.RR_SPECIFIC)) != 0) {
                emits.add(new Emit(e, r.rejected, now));
            }
            r.endedAt = now;
            r.endReason = r.rejected;
        } else if ((e.responseRequired() & ResponseStatus.RR_RECEIVED) != 0) {
            emits.add(new Emit(e, ResponseStatus.EVENT_RECEIVED, now));
        }
        return r;
    }

    private static int clampHour(int v) {
        return Math.max(-ONE_HOUR, Math.min(ONE_HOUR, v));
    }

    /** Why the event is invalid, or null. */
    static String invalidReason(EventView e) {
        if (e.mrid() == null || e.mrid().isBlank()) {
            return "no mRID";
        }
        if (e.duration() <= 0) {
            return "interval.duration " + e.duration() + " s is not positive";
        }
        if (e.start() < 0) {
            return "interval.start " + e.start() + " is negative";
        }
        if (Math.abs(e.randomizeStart()) > ONE_HOUR) {
            return "randomizeStart " + e.randomizeStart() + " s outside -3600..3600";
        }
        if (Math.abs(e.randomizeDuration()) > ONE_HOUR) {
            return "randomizeDuration " + e.randomizeDuration() + " s outside -3600..3600";
        }
        if (e.currentStatus() < 0 || e.currentStatus() > EventView.SUPERSEDED) {
            return "EventStatus.currentStatus " + e.currentStatus() + " is reserved";
        }
        return null;
    }

    /**
     * Client-side supersession (§10.2.3): an event is superseded by an overlapping event of higher precedence
     * that carries every control it carries; it ends at the later of both Effective Start Times (before it
     * started: it never starts) and is not resumed. An overlapping event that carries only some of its
     * controls does not supersede it: per mode the higher-precedence event wins while both are active
     * (EventStatus.potentiallySuperseded). Slots are in precedence order, so every superseding window is final.
     */
    private static void supersede(List<Slot> slots) {
        for (int i = 1; i < slots.size(); i++) {
            Slot x = slots.get(i);
            if (x.rec.endedAt >= 0) {
                continue; // already ended: history does not change
            }
            for (int j = 0; j < i && x.runs(); j++) {
                Slot b = slots.get(j);
                if (b.runs() && b.start < x.end && x.start < b.end
                        && b.event.modes().keySet().containsAll(x.event.modes().keySet())) {
                    truncate(x, Math.max(x.start, b.start), ResponseStatus.SUPERSEDED);
                }
            }
        }
    }

    /** Started / ended transitions up to {@code now}, each once, with its Response (Table 27). */
    private void transitions(Slot s, long now, List<Emit> emits) {
        EventRecord r = s.rec;
        EventView e = s.event;
        boolean specific = (e.responseRequired() & ResponseStatus.RR_SPECIFIC) != 0;
        if (r.startedAt < 0 && r.endedAt < 0 && s.runs() && s.start <= now) {
            r.startedAt = at(s.start, r, now);
            dirty = true;
            if (specific) {
                emits.add(new Emit(e, ResponseStatus.EVENT_STARTED, r.startedAt));
            }
        }
        if (r.endedAt < 0 && s.end <= now) {
            r.endedAt = Math.max(at(s.end, r, now), r.startedAt);
            dirty = true;
            r.endReason = s.reason;
            if (specific && s.reason != ResponseStatus.OPTED_OUT) {
                emits.add(new Emit(e, s.reason, r.endedAt));
            }
        }
        if (r.optOutAt >= 0 && !r.finalSent && s.naturalEnd <= now && r.endReason == ResponseStatus.OPTED_OUT) {
            r.finalSent = true;
            dirty = true;
            if (specific) {
                int status = r.startedAt >= 0 && r.startedAt < r.optOutAt
                        ? ResponseStatus.PARTIAL_OPT_OUT : ResponseStatus.COMPLETED_NO_PARTICIPATION;
                emits.add(new Emit(e, status, at(s.naturalEnd, r, now)));
            }
        }
    }

    /** The time a transition happened: its scheduled time, unless it was discovered only now. */
    private long at(long t, EventRecord r, long now) {
        long when = t >= prevEval ? t : now;
        return Math.min(now, Math.max(when, r.firstSeen));
    }

    /**
     * The effective control per mode at {@code now}: active events first (precedence order), then defaults. Each
     * carries its ramp ({@link Ramp}, IEEE 2030.5-2018 §10.10): the providing event's rampTms, else the default
     * ramp rate setGradW of the providing program's DefaultDERControl, else of the first program (program order)
     * whose DefaultDERControl has one, else {@code settingsGradW} (DERSettings.setGradW, may be null).
     */
    Map<String, EffectiveControl> effective(List<Slot> slots, long now, Map<String, EffectiveControl> previous,
            Integer settingsGradW) {
        Map<String, EffectiveControl> next = new LinkedHashMap<>();
        List<ProgramView> ordered = new ArrayList<>(programs);
        ordered.sort(PROGRAM_ORDER);
        Ramp fallback = settingsGradW == null ? null
                : new Ramp(Ramp.Kind.SETTINGS_GRAD_W, settingsGradW, Ramp.SETTINGS);
        for (ProgramView p : ordered) {
            if (p.setGradW() != null) {
                fallback = gradient(p);
                break;
            }
        }
        for (Slot s : slots) {
            if (s.activeAt(now)) {
                EventView e = s.event;
                Ramp ramp = e.rampTms() != null ? new Ramp(Ramp.Kind.RAMP_TMS, e.rampTms(), e.href())
                        : programRamp(e.programHref(), fallback);
                for (var m : e.modes().entrySet()) {
                    if (!next.containsKey(m.getKey())) {
                        next.put(m.getKey(), control(m.getKey(), m.getValue(), e.href(), now, previous, ramp));
                    }
                }
            }
        }
        for (ProgramView p : ordered) {
            Ramp ramp = p.setGradW() != null ? gradient(p) : fallback;
            for (var m : p.defaultModes().entrySet()) {
                if (!next.containsKey(m.getKey())) {
                    next.put(m.getKey(), control(m.getKey(), m.getValue(),
                            EffectiveControl.DEFAULT_PREFIX + p.href(), now, previous, ramp));
                }
            }
        }
        return next;
    }

    private static Ramp gradient(ProgramView p) {
        return new Ramp(Ramp.Kind.DEFAULT_GRAD_W, p.setGradW(), EffectiveControl.DEFAULT_PREFIX + p.href());
    }

    /** The default ramp rate of the event's own program's DefaultDERControl, else {@code fallback}. */
    private Ramp programRamp(String programHref, Ramp fallback) {
        for (ProgramView p : programs) {
            if (p.setGradW() != null && p.href() != null && p.href().equals(programHref)) {
                return gradient(p);
            }
        }
        return fallback;
    }

    private static EffectiveControl control(String mode, ModeValue v, String source, long now,
            Map<String, EffectiveControl> previous, Ramp ramp) {
        EffectiveControl old = previous.get(mode);
        if (old != null && old.source().equals(source) && old.value().equals(v)) {
            // same value from the same source: a changed ramp is reported, "since" stays
            return java.util.Objects.equals(old.ramp(), ramp) ? old
                    : new EffectiveControl(mode, v, source, old.since(), ramp);
        }
        return new EffectiveControl(mode, v, source, java.time.Instant.ofEpochSecond(now), ramp);
    }

    /** The next time after {@code now} at which a transition is due, or {@code Long.MAX_VALUE}. */
    static long next(List<Slot> slots, long now) {
        long next = Long.MAX_VALUE;
        for (Slot s : slots) {
            EventRecord r = s.rec;
            if (r.endedAt < 0) {
                if (s.runs() && s.start > now) {
                    next = Math.min(next, s.start);
                }
                if (s.end > now) {
                    next = Math.min(next, s.end);
                }
            } else if (r.optOutAt >= 0 && !r.finalSent && s.naturalEnd > now) {
                next = Math.min(next, s.naturalEnd);
            }
        }
        return next;
    }
}

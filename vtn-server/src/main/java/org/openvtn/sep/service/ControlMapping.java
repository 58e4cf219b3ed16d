package org.openvtn.sep.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openvtn.core.Event;
import org.openvtn.core.Interval;
import org.openvtn.core.Signal;
import org.openvtn.core.Targets;
import org.openvtn.sep.store.SepEndDevice;

/**
 * Maps core events to 2030.5 controls: one operator action, both protocols (issue 6 mapping; table
 * in docs/ieee-2030.5.md).
 *
 * <ul>
 *   <li>{@code LOAD_DISPATCH/setpoint} (kW, or W when units say so) -> DERControl opModTargetW;</li>
 *   <li>{@code LOAD_DISPATCH/multiplier} and {@code LOAD_CONTROL/x-loadControlCapacity} (0..1) ->
 *       DERControl opModMaxLimW (hundredths of a percent);</li>
 *   <li>{@code SIMPLE/level} 1, 2, 3 -> EndDeviceControl DutyCycle 75, 50, 25 % (level 0 = no control);</li>
 *   <li>{@code LOAD_CONTROL/x-loadControlPercentOffset} -> EndDeviceControl Offset.loadAdjustmentPercentageOffset;</li>
 *   <li>the dynamic-envelope signals {@link #LIMIT_SIGNALS} ({@code x-exportLimit}, {@code x-importLimit},
 *       {@code x-generationLimit}, {@code x-loadLimit}, {@code x-storageTarget}; type {@code setpoint}, units W or kW,
 *       one value per interval) -> DERControl with the CSIP-AUS 1.3 mode opModExpLimW, opModImpLimW, opModGenLimW,
 *       opModLoadLimW, opModStorageTargetW (served only when CSIP-AUS is bound);</li>
 *   <li>{@code x-connect/level} and {@code x-energize/level} (1 or 0) -> DERControl opModConnect / opModEnergize;</li>
 *   <li>{@code x-fixedW/setpoint} (% of setMaxW) -> DERControl opModFixedW (hundredths); {@code x-fixedPFInject} and
 *       {@code x-fixedPFAbsorb/setpoint} (signed power factor) -> DERControl opModFixedPFInjectW / opModFixedPFAbsorbW
 *       (displacement in thousandths, excitation true when negative);</li>
 *   <li>the curve signals {@code x-opModVoltVar/level} ... ({@link org.openvtn.core.EventSpec#CURVE_SIGNALS}, value a
 *       curve index n) -> DERControl with that mode's DERCurveLink to the program's DERCurve n;</li>
 *   <li>{@code ELECTRICITY_PRICE/price} and {@code ENERGY_PRICE/price} -> TimeTariffInterval of the program's
 *       RateComponent fed by that signal (Pricing function set, {@link PricingResources}).</li>
 * </ul>
 * The event's {@code rampUp} becomes DERControlBase.rampTms (hundredths of a second) of its DERControls.
 *
 * <p>Status from the injected clock (IEEE 2030.5-2018 §10.2.3 event rules; CSIP CORE-012/013):
 * Scheduled before start, Active during, never Scheduled at or after start; Cancelled (or
 * Cancelled with randomization) once the operator cancels; Superseded (see {@link #supersede}); controls whose
 * interval has ended are no longer listed.
 */
public final class ControlMapping {

    /**
     * DERControlList / EndDeviceControlList order: start ascending, creationTime descending, key descending (§10.3.2
     * Table 38; the DER function set's list ordering, §10.10, likewise), times in whole seconds as served (TimeType): two events created within one second are ordered by
     * mRID, as a client sees them.
     */
    public static final Comparator<SepControl> LIST_ORDER = Comparator.comparing((SepControl c) -> c.start()
                    .getEpochSecond())
            .thenComparing(c -> c.creationTime().getEpochSecond(), Comparator.reverseOrder())
            .thenComparing(c -> SepPaths.mridHex(c.key()), Comparator.reverseOrder());

    /** Core signal name -> CSIP-AUS 1.3 mode of the DER limit and target signals (type setpoint, units W/kW). */
    public static final java.util.Map<String, SepControl.Mode> LIMIT_SIGNALS = java.util.Map.of(
            "x-exportLimit", SepControl.Mode.OP_MOD_EXP_LIM_W, "x-importLimit", SepControl.Mode.OP_MOD_IMP_LIM_W,
            "x-generationLimit", SepControl.Mode.OP_MOD_GEN_LIM_W, "x-loadLimit", SepControl.Mode.OP_MOD_LOAD_LIM_W,
            "x-storageTarget", SepControl.Mode.OP_MOD_STORAGE_TARGET_W);

    /** A fixed power factor control's value: the power factor times this (displacement with multiplier -3). */
    public static final long POWER_FACTOR_SCALE = 1000L;

    /** A TimeTariffInterval's value: the OpenADR price times this (millionths of a currency unit). */
    public static final long PRICE_SCALE = 1_000_000L;

    private ControlMapping() {
    }

    /**
     * @param device the EndDevice
     * @param event  a core event
     * @return true when the event's targets address the device: all, its LFDI listed as venID or
     *         resourceID, or one of its groups listed
     */
    public static boolean targets(SepEndDevice device, Event event) {
        Targets t = event.spec().targets();
        if (t.all()) {
            return true;
        }
        String lfdi = device.lfdi().toUpperCase(Locale.ROOT);
        for (String id : t.participantIds()) {
            if (id.equalsIgnoreCase(lfdi)) {
                return true;
            }
        }
        for (String id : t.resourceIds()) {
            if (id.equalsIgnoreCase(lfdi)) {
                return true;
            }
        }
        for (String g : t.groupIds()) {
            if (device.groupIds().contains(g)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param event a core event
     * @param now   current instant
     * @return the controls of the event that are still listed at {@code now} (not ended)
     */
    public static List<SepControl> controls(Event event, Instant now) {
        List<SepControl> out = new ArrayList<>();
        for (SepControl c : allControls(event, now)) {
            if (now.isBefore(c.end())) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * @param event a core event
     * @param now   current instant
     * @return every control of the event, ended ones included (an ended control still supersedes older ones)
     */
    public static List<SepControl> allControls(Event event, Instant now) {
        List<SepControl> out = new ArrayList<>();
        for (Signal s : event.spec().signals()) {
            Duration offset = Duration.ZERO;
            for (Interval i : s.intervals()) {
                Instant start = event.start().plus(offset);
                offset = offset.plus(i.duration());
                SepControl c = control(event, s, i, start, now);
                if (c != null) {
                    out.add(c);
                }
            }
        }
        return combine(out);
    }

    /**
     * One DERControl per interval of an event (IEEE 2030.5-2018 §10.10: DERControlBase holds several modes; CSIP-AUS
     * S-ALL-17 … one control with opModExpLimW, opModGenLimW, opModImpLimW, opModLoadLimW, opModEnergize and
     * opModConnect): the DERControls of one event with the same start and duration become one, carrying every mode,
     * under the key (mRID) of the first signal's. A mode that two signals of the event set for the same interval
     * (LOAD_DISPATCH/multiplier and LOAD_CONTROL/x-loadControlCapacity both give opModMaxLimW) stays a control of its
     * own; intervals of different boundaries stay separate controls (a DERControl has one interval). Every other kind
     * is left as it is.
     *
     * @param controls the controls of one event, in signal order
     * @return the same controls, DERControls of one interval combined, in the order of their first signal
     */
    static List<SepControl> combine(List<SepControl> controls) {
        List<SepControl> out = new ArrayList<>(controls.size());
        for (SepControl c : controls) {
            int at = -1;
            for (int k = 0; k < out.size() && c.kind() == SepControl.Kind.DER_CONTROL; k++) {
                SepControl o = out.get(k);
                // one DERCurveLink per control here: two curve links of one interval stay two controls
                if (o.kind() == c.kind() && o.start().equals(c.start()) && o.duration().equals(c.duration())
                        && !o.sharesMode(c) && !(o.modes().containsKey(SepControl.Mode.DER_CURVE)
                        && c.modes().containsKey(SepControl.Mode.DER_CURVE))) {
                    at = k;
                    break;
                }
            }
            if (at < 0) {
                out.add(c);
            } else {
                java.util.Map<SepControl.Mode, Long> m = new java.util.EnumMap<>(out.get(at).modes());
                m.putAll(c.modes());
                out.set(at, out.get(at).withModes(m));
            }
        }
        return out;
    }

    /**
     * Marks superseded controls (sep.xsd EventStatus currentStatus 4; IEEE 2030.5-2018 §10.10 / §12 event rules;
     * CSIP CORE-023). {@code c} is Superseded when another control {@code d} that the same device sees in the same
     * program, of the same kind and the same controls (DERControl: {@code d} carries every mode {@code c} carries, e.g.
     * opModTargetW and opModTargetW; EndDeviceControl: the same deviceCategory, which is every category here), overlaps
     * {@code c} in time, is newer (later creationTime; equal creationTimes: the greater core event id, an arbitrary but
     * stable choice), belongs to another core event, is not cancelled, and has reached its earliest effective start
     * ({@code now >= d.start}: "Servers SHALL mark an event as Superseded at the earliest Effective Start Time of the
     * overlapping event"). Cancelled controls stay cancelled. EventStatus.dateTime of a superseded control is the start
     * of the control that superseded it.
     *
     * <p>A DERControl that such a {@code d} overlaps in some but not all of its modes (a newer export limit over an
     * older control combining an export and a generation limit) is not superseded but flagged potentiallySuperseded
     * (sep.xsd EventStatus: "overlap in some, but not all ... DERControl controls"), since the newer control's
     * creationTime; the device then resolves the overlap per mode.
     *
     * @param controls the controls one device sees in one program, ended ones included
     * @param now      current instant
     * @return the same controls in the same order, superseded ones with currentStatus 4
     */
    public static List<SepControl> supersede(List<SepControl> controls, Instant now) {
        List<SepControl> out = new ArrayList<>(controls.size());
        for (SepControl c : controls) {
            SepControl marked = c;
            if (!c.cancelled()) {
                for (SepControl d : controls) {
                    if (supersedes(d, c, now) && (marked.currentStatus() != SepControl.SUPERSEDED
                            || d.start().isBefore(marked.statusTime()))) {
                        marked = marked.withStatus(SepControl.SUPERSEDED, d.start());
                    } else if (partlyOverlaps(d, c) && (marked.potentiallySuperseded() == null
                            || d.creationTime().isBefore(marked.potentiallySuperseded()))) {
                        marked = marked.withPotentiallySuperseded(d.creationTime());
                    }
                }
            }
            out.add(marked);
        }
        return out;
    }

    /** Whether {@code d} supersedes {@code c} at {@code now} (see {@link #supersede}). */
    static boolean supersedes(SepControl d, SepControl c, Instant now) {
        if (!newerOverlapping(d, c)) {
            return false;
        }
        if (d.kind() != SepControl.Kind.END_DEVICE_CONTROL && !c.modesWithin(d)) {
            return false;
        }
        return !now.isBefore(d.start());
    }

    /** Whether {@code d} is a newer DERControl overlapping {@code c} in time and in some but not all of its modes. */
    static boolean partlyOverlaps(SepControl d, SepControl c) {
        return d.kind() == SepControl.Kind.DER_CONTROL && newerOverlapping(d, c) && d.sharesMode(c)
                && !c.modesWithin(d);
    }

    private static boolean newerOverlapping(SepControl d, SepControl c) {
        if (d.eventId().equals(c.eventId()) || d.cancelled() || d.kind() != c.kind()
                || !d.programId().equals(c.programId())) {
            return false;
        }
        boolean overlap = d.start().isBefore(c.end()) && c.start().isBefore(d.end());
        return overlap && NEWER.compare(d, c) > 0;
    }

    /** Which of two controls of different events is newer: creationTime, then event id (stable tie-break). */
    private static final Comparator<SepControl> NEWER = Comparator.comparing(SepControl::creationTime)
            .thenComparing(SepControl::eventId);

    private static SepControl control(Event e, Signal s, Interval i, Instant start, Instant now) {
        SepControl.Kind kind;
        SepControl.Mode mode;
        long value;
        String type = s.type();
        switch (s.name()) {
            case "LOAD_DISPATCH" -> {
                kind = SepControl.Kind.DER_CONTROL;
                if ("setpoint".equals(type)) {
                    mode = SepControl.Mode.OP_MOD_TARGET_W;
                    value = Math.round(i.value() * ("W".equals(s.units()) ? 1 : 1000));
                } else if ("multiplier".equals(type)) {
                    mode = SepControl.Mode.OP_MOD_MAX_LIM_W;
                    value = percentHundredths(i.value());
                } else {
                    return null;
                }
            }
            case "LOAD_CONTROL" -> {
                if ("x-loadControlCapacity".equals(type)) {
                    kind = SepControl.Kind.DER_CONTROL;
                    mode = SepControl.Mode.OP_MOD_MAX_LIM_W;
                    value = percentHundredths(i.value());
                } else if ("x-loadControlPercentOffset".equals(type)) {
                    kind = SepControl.Kind.END_DEVICE_CONTROL;
                    mode = SepControl.Mode.LOAD_ADJUSTMENT_PERCENT_OFFSET;
                    value = Math.max(-10000, Math.min(10000, Math.round(i.value() * 100)));
                } else {
                    return null;
                }
            }
            case "SIMPLE" -> {
                int level = (int) Math.round(i.value());
                if (level <= 0) {
                    return null;
                }
                kind = SepControl.Kind.END_DEVICE_CONTROL;
                mode = SepControl.Mode.DUTY_CYCLE;
                value = 100 - 25L * Math.min(level, 3);
            }
            case "ELECTRICITY_PRICE", "ENERGY_PRICE" -> {
                // Pricing (docs/ieee-2030.5.md "Pricing"): only absolute prices; priceRelative/priceMultiplier
                // have no TimeTariffInterval equivalent and are dropped for 2030.5 devices
                if (!"price".equals(type)) {
                    return null;
                }
                kind = SepControl.Kind.TIME_TARIFF_INTERVAL;
                mode = SepControl.Mode.valueOf(s.name());
                value = Math.round(i.value() * PRICE_SCALE);
            }
            case "x-fixedW" -> {
                // IEEE 2030.5-2018 DERControlBase opModFixedW (SignedPerCent): percent -> hundredths
                kind = SepControl.Kind.DER_CONTROL;
                mode = SepControl.Mode.OP_MOD_FIXED_W;
                value = Math.max(-10000, Math.min(10000, Math.round(i.value() * 100)));
            }
            case "x-fixedPFInject", "x-fixedPFAbsorb" -> {
                // DERControlBase opModFixedPF*W (PowerFactorWithExcitation): signed PF -> thousandths, sign = excitation
                kind = SepControl.Kind.DER_CONTROL;
                mode = "x-fixedPFInject".equals(s.name()) ? SepControl.Mode.OP_MOD_FIXED_PF_INJECT_W
                        : SepControl.Mode.OP_MOD_FIXED_PF_ABSORB_W;
                value = Math.round(i.value() * POWER_FACTOR_SCALE);
            }
            case "x-connect", "x-energize" -> {
                kind = SepControl.Kind.DER_CONTROL;
                mode = "x-connect".equals(s.name()) ? SepControl.Mode.OP_MOD_CONNECT : SepControl.Mode.OP_MOD_ENERGIZE;
                value = i.value() != 0 ? 1 : 0;
            }
            default -> {
                int curveType = org.openvtn.core.EventSpec.CURVE_SIGNALS.indexOf(s.name());
                if (curveType >= 0) {
                    // a curve reference (IEEE 2030.5-2018 §10.10 DERControlBase DERCurveLink, docs "DER curves")
                    kind = SepControl.Kind.DER_CONTROL;
                    mode = SepControl.Mode.DER_CURVE;
                    value = curveType * SepControl.CURVE_BASE + Math.round(i.value());
                    break;
                }
                mode = LIMIT_SIGNALS.get(s.name());
                if (mode == null || !"setpoint".equals(type)) {
                    return null;
                }
                kind = SepControl.Kind.DER_CONTROL;
                value = Math.round(i.value() * ("kW".equals(s.units()) ? 1000 : 1));
            }
        }
        int randomize = randomizeStart(e.spec().randomizeStart());
        // the core validates randomizeDuration to whole seconds within +-3600 (OneHourRangeType)
        int randomizeDuration = (int) e.spec().randomizeDuration().toSeconds();
        short status;
        Instant statusTime;
        if (e.cancelled()) {
            status = randomize != 0 || randomizeDuration != 0 ? SepControl.CANCELLED_WITH_RANDOMIZATION : SepControl.CANCELLED;
            statusTime = e.modifiedAt();
        } else if (now.isBefore(start)) {
            status = SepControl.SCHEDULED;
            statusTime = e.modifiedAt();
        } else {
            status = SepControl.ACTIVE;
            statusTime = start;
        }
        return SepControl.single(kind, e.programId(), e.id(), e.id() + "/" + s.signalId() + "/" + i.uid(),
                e.modificationNumber(), e.modifiedAt(), start, i.duration(), status, statusTime, mode, value, randomize,
                randomizeDuration, rampTms(e.spec().rampUp()));
    }

    /**
     * OpenADR startafter -> 2030.5 randomizeStart (sep.xsd OneHourRangeType: -3600..3600 s, CSIP CORE-021). The core
     * allows a longer startafter (OpenADR 2.0b sets no bound); a 2030.5 device then gets the largest value the
     * standard allows, 3600 s: it still randomizes, over a narrower window than the OpenADR VENs.
     */
    static int randomizeStart(Duration startafter) {
        return (int) Math.min(3600, Math.max(0, startafter.toSeconds()));
    }

    /** OpenADR x-eiRampUp -> DERControlBase.rampTms (UInt16 hundredths of a second); zero rampUp -> none (-1). */
    static int rampTms(Duration rampUp) {
        return rampUp.isZero() ? -1 : (int) Math.min(65535, rampUp.toMillis() / 10);
    }

    private static long percentHundredths(double fraction) {
        return Math.max(0, Math.min(10000, Math.round(fraction * 10000)));
    }
}

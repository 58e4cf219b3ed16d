package org.openvtn.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the operator asks for when creating or replacing an event: everything except the
 * VTN-managed fields (id, modification number, timestamps). Built and validated by
 * {@link Builder#build()}, which throws {@link VtnException} with code 454 (or 459 for profile
 * rules) naming the offending field.
 *
 * @param programId        owning program
 * @param start            dtstart of the active period
 * @param signals          one or more signals; all have the same total duration
 * @param targets          non-empty targets
 * @param priority         0 = highest priority in OpenADR, larger = lower
 * @param responseRequired ALWAYS or NEVER
 * @param randomizeStart   startafter: VENs may delay start by up to this (ZERO = none)
 * @param randomizeDuration IEEE 2030.5 RandomizableEvent.randomizeDuration: devices pick a random value within this
 *                         signed bound (at most one hour either way, whole seconds) and add it to each interval's
 *                         duration (ZERO = none). OpenADR 2.0b has no equivalent; its adapter ignores it.
 * @param rampUp           x-eiRampUp notification period (ZERO = none)
 * @param recovery         x-eiRecovery period (ZERO = none)
 * @param testEvent        ei:testEvent
 * @param vtnComment       free text, may be null
 */
public record EventSpec(String programId, Instant start, List<Signal> signals, Targets targets, long priority,
                        ResponseRequired responseRequired, Duration randomizeStart, Duration randomizeDuration,
                        Duration rampUp, Duration recovery, boolean testEvent, String vtnComment) {

    /** Largest |randomizeDuration| (IEEE 2030.5 OneHourRangeType: -3600 to 3600 s). */
    public static final Duration MAX_RANDOMIZE_DURATION = Duration.ofHours(1);

    /** Signal name -> allowed types (OpenADR 2.0b 8.2.1 signal table). Names starting with x- are free. */
    static final Map<String, Set<String>> SIGNAL_TYPES = Map.of(
            "SIMPLE", Set.of("level"),
            "ELECTRICITY_PRICE", Set.of("price", "priceRelative", "priceMultiplier"),
            "ENERGY_PRICE", Set.of("price", "priceRelative", "priceMultiplier"),
            "DEMAND_CHARGE", Set.of("price", "priceRelative", "priceMultiplier"),
            "BID_PRICE", Set.of("price"),
            "BID_LOAD", Set.of("setpoint"),
            "BID_ENERGY", Set.of("setpoint"),
            "CHARGE_STATE", Set.of("setpoint", "delta", "level"),
            "LOAD_DISPATCH", Set.of("setpoint", "delta", "multiplier", "level"),
            "LOAD_CONTROL", Set.of("x-loadControlCapacity", "x-loadControlLevelOffset",
                    "x-loadControlPercentOffset", "x-loadControlSetpoint"));

    /**
     * DER limit and target signals (docs/core-model.md, "DER limits"): a dynamic export (import, generation, load)
     * limit or a storage target per interval, type {@code setpoint}, units {@code W} or {@code kW}. The 2030.5 adapter
     * serves them as the CSIP-AUS 1.3 modes opModExpLimW, opModImpLimW, opModGenLimW, opModLoadLimW,
     * opModStorageTargetW; OpenADR 2.0b VENs receive them as the extension signal names they are (8.2 signalName
     * {@code x-} tokens), which a VEN without the bilateral agreement ignores.
     */
    public static final Set<String> LIMIT_SIGNALS = Set.of("x-exportLimit", "x-importLimit", "x-generationLimit",
            "x-loadLimit", "x-storageTarget");
    /** Connect / energize signals (type {@code level}, value 1 or 0): DERControlBase opModConnect, opModEnergize. */
    public static final Set<String> SWITCH_SIGNALS = Set.of("x-connect", "x-energize");
    /**
     * Curve signals (docs/core-model.md, "DER curves"): each names one curve mode of IEEE 2030.5-2018 DERControlBase
     * (a DERCurveLink), in DERCurveType order 0..14; type {@code level}, each interval's value the index {@code n} of
     * one of the program's curves (1..999999). The 2030.5 adapter links the curve; OpenADR VENs receive nothing of
     * them (no OpenADR signal references a curve).
     */
    public static final List<String> CURVE_SIGNALS = List.of("x-opModFreqWatt", "x-opModHFRTMayTrip",
            "x-opModHFRTMustTrip", "x-opModHVRTMayTrip", "x-opModHVRTMomentaryCessation", "x-opModHVRTMustTrip",
            "x-opModLFRTMayTrip", "x-opModLFRTMustTrip", "x-opModLVRTMayTrip", "x-opModLVRTMomentaryCessation",
            "x-opModLVRTMustTrip", "x-opModVoltVar", "x-opModVoltWatt", "x-opModWattPF", "x-opModWattVar");
    /**
     * Fixed power factor signals (docs/core-model.md, "DER fixed modes"): IEEE 2030.5-2018 DERControlBase
     * opModFixedPFInjectW / opModFixedPFAbsorbW (PowerFactorWithExcitation), type {@code setpoint}, no units; each
     * interval's value the displacement power factor cos(theta) signed by excitation: positive over-excited
     * (injecting reactive power, excitation false), negative under-excited (absorbing, excitation true); magnitude
     * {@value #MIN_POWER_FACTOR}..1. OpenADR VENs receive nothing of them (no OpenADR signal sets a power factor).
     */
    public static final Set<String> POWER_FACTOR_SIGNALS = Set.of("x-fixedPFInject", "x-fixedPFAbsorb");
    /** The smallest power factor magnitude a power factor signal may set (displacement in thousandths, at least 1). */
    public static final double MIN_POWER_FACTOR = 0.001;
    /**
     * Fixed active power signal (docs/core-model.md, "DER fixed modes"): IEEE 2030.5-2018 DERControlBase opModFixedW
     * (SignedPerCent), type {@code setpoint}, units {@code %}; each interval's value -100..100 percent of setMaxW
     * (negative: charge). OpenADR VENs receive it as the extension signal it is.
     */
    public static final String FIXED_W_SIGNAL = "x-fixedW";
    /** The largest curve index a curve signal may name. */
    public static final int MAX_CURVE_ID = 999_999;

    public EventSpec {
        signals = List.copyOf(signals);
    }

    /** @return the signals an OpenADR VEN receives: all but {@link #CURVE_SIGNALS} and {@link #POWER_FACTOR_SIGNALS} */
    public List<Signal> openAdrSignals() {
        return signals.stream().filter(x -> !CURVE_SIGNALS.contains(x.name())
                && !POWER_FACTOR_SIGNALS.contains(x.name())).toList();
    }

    /** @return the active-period duration (= the sum of the interval durations of each signal) */
    public Duration duration() {
        return signals.get(0).totalDuration();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder pre-filled with this spec (for updates) */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.programId = programId;
        b.start = start;
        b.signals.addAll(signals);
        b.targets = targets;
        b.priority = priority;
        b.responseRequired = responseRequired;
        b.randomizeStart = randomizeStart;
        b.randomizeDuration = randomizeDuration;
        b.rampUp = rampUp;
        b.recovery = recovery;
        b.testEvent = testEvent;
        b.vtnComment = vtnComment;
        return b;
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder {
        private String programId;
        private Instant start;
        private final List<Signal> signals = new ArrayList<>();
        private Targets targets;
        private long priority;
        private ResponseRequired responseRequired = ResponseRequired.ALWAYS;
        private Duration randomizeStart = Duration.ZERO;
        private Duration randomizeDuration = Duration.ZERO;
        private Duration rampUp = Duration.ZERO;
        private Duration recovery = Duration.ZERO;
        private boolean testEvent;
        private String vtnComment;

        private Builder() {
        }

        public Builder programId(String v) { programId = v; return this; }
        public Builder start(Instant v) { start = v; return this; }
        public Builder targets(Targets v) { targets = v; return this; }
        public Builder priority(long v) { priority = v; return this; }
        public Builder responseRequired(ResponseRequired v) { responseRequired = v; return this; }
        public Builder randomizeStart(Duration v) { randomizeStart = v; return this; }
        /** IEEE 2030.5 randomizeDuration, signed, within +-1 h, whole seconds (CSIP CORE-021). */
        public Builder randomizeDuration(Duration v) { randomizeDuration = v; return this; }
        public Builder rampUp(Duration v) { rampUp = v; return this; }
        public Builder recovery(Duration v) { recovery = v; return this; }
        public Builder testEvent(boolean v) { testEvent = v; return this; }
        public Builder vtnComment(String v) { vtnComment = v; return this; }

        /** Replaces all signals. */
        public Builder signals(List<Signal> v) {
            signals.clear();
            signals.addAll(v);
            return this;
        }

        /** Adds a signal; signalId defaults to its index, interval uids must be 0,1,2… */
        public Builder signal(Signal s) {
            signals.add(s);
            return this;
        }

        /**
         * Adds a signal whose intervals are given as (duration, value) pairs; uids are assigned
         * 0,1,2… and the signalId is the signal's index.
         */
        public Builder signal(String name, String type, String units, List<Map.Entry<Duration, Double>> intervals) {
            List<Interval> list = new ArrayList<>();
            for (Map.Entry<Duration, Double> e : intervals) {
                list.add(new Interval(list.size(), e.getKey(), e.getValue()));
            }
            signals.add(new Signal(Integer.toString(signals.size()), name, type, units, list));
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the spec
         * @throws VtnException 454/459 naming the field
         */
        public EventSpec build() {
            if (programId == null || programId.isBlank()) {
                throw VtnException.invalidData("programId", "programId is required");
            }
            if (start == null) {
                throw VtnException.invalidData("start", "start is required");
            }
            if (signals.isEmpty()) {
                throw VtnException.invalidData("signals", "at least one signal is required");
            }
            if (targets == null || targets.isEmpty()) {
                throw VtnException.invalidData("targets",
                        "at least one target (venIds, groupIds, resourceIds, partyIds) or all=true is required");
            }
            if (priority < 0 || priority > 0xFFFFFFFFL) {
                throw VtnException.invalidData("priority", "priority must be an unsigned 32-bit integer");
            }
            if (responseRequired == null) {
                throw VtnException.invalidData("responseRequired", "responseRequired must be ALWAYS or NEVER");
            }
            nonNegative("randomizeStart", randomizeStart);
            nonNegative("rampUp", rampUp);
            nonNegative("recovery", recovery);
            if (randomizeDuration == null || randomizeDuration.getNano() != 0
                    || randomizeDuration.abs().compareTo(MAX_RANDOMIZE_DURATION) > 0) {
                throw VtnException.invalidData("randomizeDuration",
                        "randomizeDuration must be whole seconds between -PT1H and PT1H (IEEE 2030.5 OneHourRangeType)");
            }
            Duration total = null;
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (int s = 0; s < signals.size(); s++) {
                Signal sig = signals.get(s);
                String f = "signals[" + s + "]";
                validateSignal(f, sig);
                if (!ids.add(sig.signalId())) {
                    throw VtnException.invalidData(f + ".signalId", "duplicate signalId " + sig.signalId());
                }
                Duration d = sig.totalDuration();
                if (total == null) {
                    total = d;
                } else if (!total.equals(d)) {
                    throw VtnException.invalidData(f + ".intervals",
                            "sum of interval durations (" + d + ") differs from the active period (" + total + ")");
                }
            }
            return new EventSpec(programId, start, signals, targets, priority, responseRequired, randomizeStart,
                    randomizeDuration, rampUp, recovery, testEvent, vtnComment);
        }

        private static void validateDerSignal(String f, Signal sig) {
            boolean limit = LIMIT_SIGNALS.contains(sig.name());
            boolean sw = SWITCH_SIGNALS.contains(sig.name());
            boolean curve = CURVE_SIGNALS.contains(sig.name());
            boolean pf = POWER_FACTOR_SIGNALS.contains(sig.name());
            boolean fixedW = FIXED_W_SIGNAL.equals(sig.name());
            if (!limit && !sw && !curve && !pf && !fixedW) {
                return;
            }
            String type = limit || pf || fixedW ? "setpoint" : "level";
            if (!type.equals(sig.type())) {
                throw VtnException.invalidData(f + ".type", "signal " + sig.name() + " requires type " + type);
            }
            if (limit && !"W".equals(sig.units()) && !"kW".equals(sig.units())) {
                throw VtnException.invalidData(f + ".units", "signal " + sig.name() + " requires units W or kW");
            }
            if (fixedW && !"%".equals(sig.units())) {
                throw VtnException.invalidData(f + ".units", "signal " + sig.name() + " requires units %");
            }
            if (pf && sig.units() != null && !sig.units().isBlank()) {
                throw VtnException.invalidData(f + ".units", "signal " + sig.name() + " takes no units (a power"
                        + " factor)");
            }
            for (int i = 0; i < sig.intervals().size(); i++) {
                double v = sig.intervals().get(i).value();
                if (pf && !(Math.abs(v) >= MIN_POWER_FACTOR && Math.abs(v) <= 1)) {
                    throw VtnException.invalidData(f + ".intervals[" + i + "].value", "signal " + sig.name()
                            + " values are power factors " + MIN_POWER_FACTOR + "..1, negative when under-excited");
                }
                if (fixedW && !(v >= -100 && v <= 100)) {
                    throw VtnException.invalidData(f + ".intervals[" + i + "].value", "signal " + sig.name()
                            + " values are percent of setMaxW -100..100");
                }
                if (sw && v != 0 && v != 1) {
                    throw VtnException.invalidData(f + ".intervals[" + i + "].value", "signal " + sig.name()
                            + " values are 1 (on) or 0 (off)");
                }
                if (curve && (v != Math.rint(v) || v < 1 || v > MAX_CURVE_ID)) {
                    throw VtnException.invalidData(f + ".intervals[" + i + "].value", "signal " + sig.name()
                            + " values are curve indexes 1.." + MAX_CURVE_ID);
                }
            }
        }

        private static void nonNegative(String field, Duration d) {
            if (d == null || d.isNegative()) {
                throw VtnException.invalidData(field, field + " must be a non-negative duration");
            }
        }

        private static void validateSignal(String f, Signal sig) {
            Objects.requireNonNull(sig, f);
            if (sig.name().isBlank()) {
                throw VtnException.invalidData(f + ".name", "signal name is required");
            }
            Set<String> types = SIGNAL_TYPES.get(sig.name());
            if (types == null && !sig.name().startsWith("x-")) {
                throw VtnException.invalidData(f + ".name", "unknown signal name " + sig.name()
                        + " (use one of " + new java.util.TreeSet<>(SIGNAL_TYPES.keySet()) + " or an x- name)");
            }
            if (types != null && !types.contains(sig.type())) {
                throw VtnException.invalidData(f + ".type", "signal " + sig.name() + " requires type in " + types);
            }
            boolean needsUnits = ("ELECTRICITY_PRICE".equals(sig.name()) && "price".equals(sig.type()))
                    || ("LOAD_DISPATCH".equals(sig.name()) && "setpoint".equals(sig.type()));
            if (needsUnits && (sig.units() == null || sig.units().isBlank())) {
                throw VtnException.invalidData(f + ".units", "signal " + sig.name() + "/" + sig.type() + " requires units");
            }
            if (sig.intervals().isEmpty()) {
                throw VtnException.invalidData(f + ".intervals", "at least one interval is required");
            }
            validateDerSignal(f, sig);
            for (int i = 0; i < sig.intervals().size(); i++) {
                Interval iv = sig.intervals().get(i);
                String fi = f + ".intervals[" + i + "]";
                if (iv.uid() != i) {
                    throw VtnException.invalidData(fi + ".uid", "interval uids must be 0,1,2... in order");
                }
                if (iv.duration().isZero() || iv.duration().isNegative()) {
                    throw VtnException.invalidData(fi + ".duration", "interval duration must be > 0");
                }
                if (Double.isNaN(iv.value()) || Double.isInfinite(iv.value())) {
                    throw VtnException.invalidData(fi + ".value", "value must be a finite number");
                }
                if ("SIMPLE".equals(sig.name())) {
                    double v = iv.value();
                    if (v != Math.rint(v) || v < 0 || v > 3) {
                        throw new VtnException(ErrorCode.COMPLIANCE_ERROR, fi + ".value",
                                "SIMPLE signal levels must be 0, 1, 2 or 3");
                    }
                }
            }
        }
    }
}

package org.openvtn.sep.service;

import java.time.Duration;
import java.time.Instant;

/**
 * One 2030.5 event derived from one interval of a core {@link org.openvtn.core.Event} (IEEE 2030.5-2018 §10.3
 * DRLC EndDeviceControl, §10.10 DER DERControl). A DERControl carries every DER mode the event's signals
 * set for that interval ({@link ControlMapping#combine}: DERControlBase holds several modes; CSIP-AUS S-ALL-17);
 * every other kind carries one. Protocol-neutral: {@link SepResources} turns it into the schema object.
 *
 * @param kind          DERControl or EndDeviceControl
 * @param programId     core program (-> DERProgram / DemandResponseProgram)
 * @param eventId       core event
 * @param key           stable key {@code eventId/signalId/uid} (of the first signal of a combined DERControl); the
 *                      mRID is derived from it
 * @param version       core modification number (-> IdentifiedObject.version)
 * @param creationTime  core modifiedAt (-> Event.creationTime)
 * @param start         interval start
 * @param duration      interval duration
 * @param currentStatus EventStatus.currentStatus: 0 Scheduled, 1 Active, 2 Cancelled, 3 Cancelled with randomization,
 *                      4 Superseded
 * @param statusTime    EventStatus.dateTime
 * @param modes         the control modes and their values in each mode's unit (W, hundredths of a percent,
 *                      percent), in {@link Mode} order; never empty
 * @param randomizeStart RandomizableEvent.randomizeStart in seconds (0 = none), within 0..3600
 * @param randomizeDuration RandomizableEvent.randomizeDuration in seconds (0 = none), within -3600..3600
 * @param rampTms       DERControlBase.rampTms in hundredths of a second (from the core event's rampUp), -1 = none
 * @param potentiallySuperseded EventStatus.potentiallySupersededTime: when a newer overlapping control sharing some
 *                      but not all of this one's modes appeared (potentiallySuperseded true); null = false
 */
public record SepControl(Kind kind, String programId, String eventId, String key, long version, Instant creationTime,
                         Instant start, Duration duration, short currentStatus, Instant statusTime,
                         java.util.Map<Mode, Long> modes, int randomizeStart, int randomizeDuration, int rampTms,
                         Instant potentiallySuperseded) {

    /** @throws IllegalArgumentException when {@code modes} is empty */
    public SepControl {
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("a control needs at least one mode");
        }
        // one mode (every control but a combined DERControl): an immutable Map.of, shared by withStatus & co.
        modes = modes.size() == 1 ? java.util.Map.copyOf(modes)
                : java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(modes));
    }

    /** @return a control of one mode (every kind but a combined DERControl) */
    public static SepControl single(Kind kind, String programId, String eventId, String key, long version,
                                    Instant creationTime, Instant start, Duration duration, short currentStatus,
                                    Instant statusTime, Mode mode, long value, int randomizeStart,
                                    int randomizeDuration, int rampTms) {
        return new SepControl(kind, programId, eventId, key, version, creationTime, start, duration, currentStatus,
                statusTime, java.util.Map.of(mode, value), randomizeStart, randomizeDuration, rampTms, null);
    }

    /** @return the first mode (the only one of every kind but a combined DERControl) */
    public Mode mode() {
        return modes.keySet().iterator().next();
    }

    /** @return the value of {@link #mode()} */
    public long value() {
        return modes.get(mode());
    }

    /** @return this control with these modes instead (the same event, interval and status) */
    public SepControl withModes(java.util.Map<Mode, Long> m) {
        return new SepControl(kind, programId, eventId, key, version, creationTime, start, duration, currentStatus,
                statusTime, m, randomizeStart, randomizeDuration, rampTms, potentiallySuperseded);
    }

    /** @return whether {@code other} sets every mode this control sets */
    public boolean modesWithin(SepControl other) {
        for (Mode m : modes.keySet()) {
            if (!sameMode(m, other)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether this control and {@code other} set at least one mode in common */
    public boolean sharesMode(SepControl other) {
        for (Mode m : modes.keySet()) {
            if (sameMode(m, other)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code other} sets mode {@code m} too; curve links count as one mode per DERCurveType. */
    private boolean sameMode(Mode m, SepControl other) {
        return other.modes.containsKey(m) && (m != Mode.DER_CURVE || other.curveType() == curveType());
    }

    /** Which 2030.5 resource the control becomes. */
    public enum Kind {
        DER_CONTROL, END_DEVICE_CONTROL,
        /** Pricing function set TimeTariffInterval (§10.5): an OpenADR price interval of the program's tariff. */
        TIME_TARIFF_INTERVAL,
        /** Messaging function set TextMessage (§10.6): an operator message, not a core event. */
        TEXT_MESSAGE,
        /** Flow Reservation function set FlowReservationResponse (§10.9): the answer to a device's request. */
        FLOW_RESERVATION
    }

    /** Control mode and the unit of {@link #value()}. */
    public enum Mode {
        /** DERControlBase.opModTargetW, watts. */
        OP_MOD_TARGET_W,
        /** DERControlBase.opModMaxLimW, hundredths of a percent of setMaxW. */
        OP_MOD_MAX_LIM_W,
        /** EndDeviceControl.DutyCycle.normalValue, percent on-time. */
        DUTY_CYCLE,
        /** EndDeviceControl.Offset.loadAdjustmentPercentageOffset, hundredths of a percent. */
        LOAD_ADJUSTMENT_PERCENT_OFFSET,
        /** DERControlBase.opModConnect, 1 connect / 0 disconnect. */
        OP_MOD_CONNECT,
        /** DERControlBase.opModEnergize, 1 energize / 0 de-energize. */
        OP_MOD_ENERGIZE,
        /** CSIP-AUS 1.3 DERControlBase csipaus:opModImpLimW (site import limit), watts. */
        OP_MOD_IMP_LIM_W("opModImpLimW"),
        /** CSIP-AUS 1.3 DERControlBase csipaus:opModExpLimW (site export limit), watts. */
        OP_MOD_EXP_LIM_W("opModExpLimW"),
        /** CSIP-AUS 1.3 DERControlBase csipaus:opModGenLimW (generation limit), watts. */
        OP_MOD_GEN_LIM_W("opModGenLimW"),
        /** CSIP-AUS 1.3 DERControlBase csipaus:opModLoadLimW (load limit), watts. */
        OP_MOD_LOAD_LIM_W("opModLoadLimW"),
        /** CSIP-AUS 1.3 DERControlBase csipaus:opModStorageTargetW (storage target, VPP), watts. */
        OP_MOD_STORAGE_TARGET_W("opModStorageTargetW"),
        /** DERControlBase.opModFixedW (SignedPerCent), hundredths of a percent of setMaxW, -10000..10000. */
        OP_MOD_FIXED_W,
        /**
         * DERControlBase.opModFixedPFInjectW (PowerFactorWithExcitation): displacement in thousandths (multiplier -3),
         * negative when under-excited (excitation true).
         */
        OP_MOD_FIXED_PF_INJECT_W,
        /** DERControlBase.opModFixedPFAbsorbW, as {@link #OP_MOD_FIXED_PF_INJECT_W}. */
        OP_MOD_FIXED_PF_ABSORB_W,
        /**
         * A curve mode of DERControlBase (opModVoltVar, opModFreqWatt ...: a DERCurveLink): the value is
         * {@code curveType * CURVE_BASE + n} (DERCurveType and the curve's index, {@link SepControl#curveType()},
         * {@link SepControl#curveId()}).
         */
        DER_CURVE,
        /** TimeTariffInterval of an ELECTRICITY_PRICE/price signal: millionths of a currency unit per kWh. */
        ELECTRICITY_PRICE,
        /** TimeTariffInterval of an ENERGY_PRICE/price signal: millionths of a currency unit per kWh. */
        ENERGY_PRICE,
        /** TextMessage.priority (0 low .. 3 critical) of a Messaging TextMessage. */
        TEXT_PRIORITY,
        /** The operator's id of the FlowReservationRequest a FlowReservationResponse answers. */
        FLOW_RESERVATION_REQUEST;

        private final String csipAus;

        Mode() {
            this(null);
        }

        Mode(String csipAus) {
            this.csipAus = csipAus;
        }

        /** The CSIP-AUS 1.3 element of the mode, or null for a mode of sep.xsd itself. */
        public String csipAusElement() {
            return csipAus;
        }
    }

    /** Scheduled. */
    public static final short SCHEDULED = 0;
    /** Active. */
    public static final short ACTIVE = 1;
    /** Cancelled. */
    public static final short CANCELLED = 2;
    /** Cancelled with randomization. */
    public static final short CANCELLED_WITH_RANDOMIZATION = 3;
    /** Superseded (sep.xsd EventStatus: replaced by a newer overlapping event of the same program and controls). */
    public static final short SUPERSEDED = 4;

    /** {@link Mode#DER_CURVE} values: curveType times this plus the curve index. */
    public static final long CURVE_BASE = 1_000_000L;

    /** @return the DERCurveType of a {@link Mode#DER_CURVE} control */
    public int curveType() {
        Long v = modes.get(Mode.DER_CURVE);
        return v == null ? -1 : (int) (v / CURVE_BASE);
    }

    /** @return the curve index {@code n} of a {@link Mode#DER_CURVE} control */
    public int curveId() {
        Long v = modes.get(Mode.DER_CURVE);
        return v == null ? -1 : (int) (v % CURVE_BASE);
    }

    /** @return this control with another EventStatus */
    public SepControl withStatus(short status, Instant time) {
        return new SepControl(kind, programId, eventId, key, version, creationTime, start, duration, status, time, modes,
                randomizeStart, randomizeDuration, rampTms, potentiallySuperseded);
    }

    /** @return this control flagged potentiallySuperseded since {@code since} */
    public SepControl withPotentiallySuperseded(Instant since) {
        return new SepControl(kind, programId, eventId, key, version, creationTime, start, duration, currentStatus,
                statusTime, modes, randomizeStart, randomizeDuration, rampTms, since);
    }

    /** @return whether the device randomizes start or duration (-> Cancelled with randomization on cancel) */
    public boolean randomized() {
        return randomizeStart != 0 || randomizeDuration != 0;
    }

    /** @return whether the control is cancelled (with or without randomization) */
    public boolean cancelled() {
        return currentStatus == CANCELLED || currentStatus == CANCELLED_WITH_RANDOMIZATION;
    }

    /** @return end of the interval */
    public Instant end() {
        return start.plus(duration);
    }
}

package org.openvtn.sep.service;

import java.util.Optional;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.ActiveDERControlListLink;
import org.openvtn.schemas.sep.ActiveEndDeviceControlListLink;
import org.openvtn.schemas.sep.ActivePower;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlBase;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.schemas.sep.DERControlListLink;
import org.openvtn.schemas.sep.DERCurveList;
import org.openvtn.schemas.sep.DERCurveListLink;
import org.openvtn.schemas.sep.DERProgram;
import org.openvtn.schemas.sep.DERProgramList;
import org.openvtn.schemas.sep.DateTimeInterval;
import org.openvtn.schemas.sep.DefaultDERControlLink;
import org.openvtn.schemas.sep.DemandResponseProgram;
import org.openvtn.schemas.sep.DemandResponseProgramList;
import org.openvtn.schemas.sep.DeviceCategoryType;
import org.openvtn.schemas.sep.DutyCycle;
import org.openvtn.schemas.sep.EndDeviceControl;
import org.openvtn.schemas.sep.EndDeviceControlList;
import org.openvtn.schemas.sep.EndDeviceControlListLink;
import org.openvtn.schemas.sep.EventStatus;
import org.openvtn.schemas.sep.Offset;
import org.openvtn.schemas.sep.OneHourRangeType;
import org.openvtn.schemas.sep.PerCent;
import org.openvtn.schemas.sep.PowerFactorWithExcitation;
import org.openvtn.schemas.sep.PowerOfTenMultiplierType;
import org.openvtn.schemas.sep.PrimacyType;
import org.openvtn.schemas.sep.RandomizableEvent;
import org.openvtn.schemas.sep.SignedPerCent;
import org.openvtn.schemas.sep.VersionType;
import org.openvtn.sep.store.SepEndDevice;

/**
 * Builds DERProgram / DERControl (IEEE 2030.5-2018 §10.10) and DemandResponseProgram /
 * EndDeviceControl (§10.3) objects from core programs and {@link SepControl}s.
 */
public final class ControlResources {
    /** deviceCategory of EndDeviceControls: every category (the core targets devices, not categories). */
    /**
     * responseRequired of every event: bit 0 "message received" and bit 1 "specific response"
     * (IEEE 2030.5-2018 RespondableResource; CSIP requires DER clients to answer received, started,
     * completed...). Responses go to {@code replyTo} = {@code /rsps/{p}/rsp}.
     */
    static final byte RESPONSE_REQUIRED = 0x03;

    private static final byte[] ALL_CATEGORIES = {0x00, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

    private final long pollRate;
    private final short primacy;
    private final SepMrids mrids;
    private final org.openvtn.schemas.CsipAusBinding csipAus;
    private final java.util.function.Function<String, Optional<Integer>> primacyOf;

    /**
     * @param pollRate pollRate of the program lists
     * @param primacy  primacy of every program (without a per-program primacy)
     */
    public ControlResources(long pollRate, short primacy) {
        this(pollRate, primacy, SepMrids.placeholder());
    }

    /** As {@link #ControlResources(long, short)} with the operator's mRIDs (PEN). */
    public ControlResources(long pollRate, short primacy, SepMrids mrids) {
        this(pollRate, primacy, mrids, null);
    }

    /**
     * As {@link #ControlResources(long, short, SepMrids)}, writing the CSIP-AUS 1.3 modes through {@code csipAus}
     * (null: CSIP-AUS not bound; {@link SepProgramService} then lists no control of a CSIP-AUS mode).
     */
    public ControlResources(long pollRate, short primacy, SepMrids mrids, org.openvtn.schemas.CsipAusBinding csipAus) {
        this(pollRate, primacy, mrids, csipAus, id -> Optional.empty());
    }

    /**
     * As {@link #ControlResources(long, short, SepMrids, org.openvtn.schemas.CsipAusBinding)} with the operator's
     * per-program primacy ({@link ProgramPrimacyService}); {@code primacy} is the fallback.
     */
    public ControlResources(long pollRate, short primacy, SepMrids mrids, org.openvtn.schemas.CsipAusBinding csipAus,
                            java.util.function.Function<String, Optional<Integer>> primacyOf) {
        this.primacyOf = primacyOf;
        this.csipAus = csipAus;
        this.mrids = mrids;
        this.pollRate = pollRate;
        this.primacy = primacy;
    }

    /** @return the DERProgram of a core program, with DERControlList/Active links and, when set, the DefaultDERControlLink */
    public DERProgram derProgram(SepEndDevice d, Program p, long controls, boolean hasDefault) {
        DERProgram r = new DERProgram();
        r.setHref(SepPaths.derp(d.id(), p.id()));
        r.setSubscribable((short) 0);
        r.setMRID(mrids.type("derp:" + p.id()));
        r.setDescription(SepResources.description(p.name()));
        if (hasDefault) {
            r.setDefaultDERControlLink(SepResources.link(DefaultDERControlLink::new, SepPaths.defaultDerc(d.id(),
                    p.id())));
        }
        r.setActiveDERControlListLink(SepResources.link(ActiveDERControlListLink::new,
                SepPaths.actDercList(d.id(), p.id())));
        r.setDERControlListLink(SepResources.listLink(DERControlListLink::new, SepPaths.dercList(d.id(), p.id()), controls));
        r.setDERCurveListLink(SepResources.listLink(DERCurveListLink::new, SepPaths.curveList(d.id(), p.id()), 0));
        r.setPrimacy(primacy(p.id()));
        return r;
    }

    /**
     * An empty DERCurveList of a program (IEEE 2030.5-2018 DERCurve), for a listener assembled without the
     * operator's curves ({@link CurveResources} serves them otherwise).
     */
    public DERCurveList derCurveList(SepEndDevice d, Program p) {
        DERCurveList l = new DERCurveList();
        l.setHref(SepPaths.curveList(d.id(), p.id()));
        l.setAll(0);
        l.setResults(0);
        return l;
    }

    /** @return the one-entry DERProgramList of an FSA (ordering: primacy, then mRID) */
    public DERProgramList derProgramList(SepEndDevice d, Program p, ListQuery.Page<Program> page, long controls,
                                         boolean hasDefault) {
        DERProgramList l = new DERProgramList();
        l.setHref(SepPaths.derpList(d.id(), p.id()));
        l.setSubscribable((short) 1);
        l.setPollRate(pollRate);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(x -> l.getDERProgram().add(derProgram(d, x, controls, hasDefault)));
        return l;
    }

    /** @return the DemandResponseProgram of a core program */
    public DemandResponseProgram drProgram(SepEndDevice d, Program p, long controls) {
        DemandResponseProgram r = new DemandResponseProgram();
        r.setHref(SepPaths.drp(d.id(), p.id()));
        r.setMRID(mrids.type("drp:" + p.id()));
        r.setDescription(SepResources.description(p.name()));
        r.setActiveEndDeviceControlListLink(SepResources.link(ActiveEndDeviceControlListLink::new,
                SepPaths.actEdcList(d.id(), p.id())));
        r.setEndDeviceControlListLink(SepResources.listLink(EndDeviceControlListLink::new,
                SepPaths.edcList(d.id(), p.id()), controls));
        r.setPrimacy(primacy(p.id()));
        return r;
    }

    /** @return the one-entry DemandResponseProgramList of an FSA */
    public DemandResponseProgramList drProgramList(SepEndDevice d, Program p, ListQuery.Page<Program> page,
                                                   long controls) {
        DemandResponseProgramList l = new DemandResponseProgramList();
        l.setHref(SepPaths.drpList(d.id(), p.id()));
        l.setSubscribable((short) 1);
        l.setPollRate(pollRate);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(x -> l.getDemandResponseProgram().add(drProgram(d, x, controls)));
        return l;
    }

    /**
     * @return a DERControl whose DERControlBase carries every mode of the control (modes per {@link ControlMapping};
     *         CSIP-AUS ones in the order of the CSIP-AUS 1.3 redefinition of DERControlBase)
     */
    public DERControl derControl(SepEndDevice d, SepControl c) {
        DERControl r = new DERControl();
        event(r, c, SepPaths.dercList(d.id(), c.programId()));
        DERControlBase base = new DERControlBase();
        java.util.List<org.openvtn.schemas.CsipAusElement> aus = new java.util.ArrayList<>();
        c.modes().forEach((mode, value) -> {
            switch (mode) {
                case OP_MOD_MAX_LIM_W -> base.setOpModMaxLimW(perCent(value));
                case OP_MOD_TARGET_W -> base.setOpModTargetW(activePower(value));
                case OP_MOD_CONNECT -> base.setOpModConnect(value != 0);
                case OP_MOD_ENERGIZE -> base.setOpModEnergize(value != 0);
                case OP_MOD_FIXED_W -> base.setOpModFixedW(signedPerCent(value));
                case OP_MOD_FIXED_PF_INJECT_W -> base.setOpModFixedPFInjectW(powerFactor(value));
                case OP_MOD_FIXED_PF_ABSORB_W -> base.setOpModFixedPFAbsorbW(powerFactor(value));
                case DER_CURVE -> CurveResources.link(base, c.curveType(), CurveResources.href(d.id(), c.programId(),
                        c.curveId()));
                case OP_MOD_IMP_LIM_W, OP_MOD_EXP_LIM_W, OP_MOD_GEN_LIM_W, OP_MOD_LOAD_LIM_W, OP_MOD_STORAGE_TARGET_W ->
                        aus.add(org.openvtn.schemas.CsipAusElement.activePower(mode.csipAusElement(), value));
                default -> throw new IllegalArgumentException("not a DER mode: " + mode);
            }
        });
        if (!aus.isEmpty()) {
            if (csipAus == null) {
                throw new IllegalStateException(aus.get(0) + " needs CSIP-AUS 1.3 bound");
            }
            csipAus.attach(base, aus);
        }
        if (c.rampTms() >= 0) {
            base.setRampTms(c.rampTms());
        }
        r.setDERControlBase(base);
        return r;
    }

    /** @return a DERControlList page (all/results from the page) */
    public DERControlList derControlList(String href, SepEndDevice d, ListQuery.Page<SepControl> page) {
        DERControlList l = new DERControlList();
        l.setHref(href);
        l.setSubscribable((short) 1);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(c -> l.getDERControl().add(derControl(d, c)));
        return l;
    }

    /** @return an EndDeviceControl (DutyCycle or Offset per {@link ControlMapping}) */
    public EndDeviceControl endDeviceControl(SepEndDevice d, SepControl c) {
        EndDeviceControl r = new EndDeviceControl();
        event(r, c, SepPaths.edcList(d.id(), c.programId()));
        DeviceCategoryType cat = new DeviceCategoryType();
        cat.setValue(ALL_CATEGORIES.clone());
        r.setDeviceCategory(cat);
        r.setDrProgramMandatory(true);
        r.setLoadShiftForward(false);
        switch (c.mode()) {
            case DUTY_CYCLE -> {
                DutyCycle dc = new DutyCycle();
                dc.setNormalValue((short) c.value());
                r.setDutyCycle(dc);
            }
            case LOAD_ADJUSTMENT_PERCENT_OFFSET -> {
                Offset o = new Offset();
                o.setLoadAdjustmentPercentageOffset(perCent(c.value()));
                r.setOffset(o);
            }
            default -> throw new IllegalArgumentException("not an EndDeviceControl mode: " + c.mode());
        }
        return r;
    }

    /** @return an EndDeviceControlList page */
    public EndDeviceControlList endDeviceControlList(String href, SepEndDevice d, ListQuery.Page<SepControl> page) {
        EndDeviceControlList l = new EndDeviceControlList();
        l.setHref(href);
        l.setSubscribable((short) 1);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(c -> l.getEndDeviceControl().add(endDeviceControl(d, c)));
        return l;
    }

    /** Fills the RandomizableEvent fields of a control (href, replyTo, responseRequired, mRID, EventStatus...). */
    public void event(org.openvtn.schemas.sep.Event r, SepControl c, String listHref) {
        r.setHref(listHref + "/" + mrids.hex(c.key()));
        r.setReplyTo(SepPaths.rspList(c.programId()));
        r.setResponseRequired(new byte[] {RESPONSE_REQUIRED});
        r.setSubscribable((short) 0);
        r.setMRID(mrids.type(c.key()));
        VersionType v = new VersionType();
        v.setValue((int) Math.min(c.version(), 65535));
        r.setVersion(v);
        r.setCreationTime(SepResources.timeType(c.creationTime()));
        EventStatus s = new EventStatus();
        s.setCurrentStatus(c.currentStatus());
        s.setDateTime(SepResources.timeType(c.statusTime()));
        // sep.xsd EventStatus: a newer overlapping control shares some but not all of this one's modes
        s.setPotentiallySuperseded(c.potentiallySuperseded() != null);
        if (c.potentiallySuperseded() != null) {
            s.setPotentiallySupersededTime(SepResources.timeType(c.potentiallySuperseded()));
        }
        r.setEventStatus(s);
        DateTimeInterval i = new DateTimeInterval();
        i.setStart(SepResources.timeType(c.start()));
        i.setDuration(c.duration().toSeconds());
        r.setInterval(i);
        if (!(r instanceof RandomizableEvent re)) {
            return;
        }
        if (c.randomizeStart() > 0) {
            OneHourRangeType rs = new OneHourRangeType();
            rs.setValue((short) c.randomizeStart());
            re.setRandomizeStart(rs);
        }
        if (c.randomizeDuration() != 0) {
            OneHourRangeType rd = new OneHourRangeType();
            rd.setValue((short) c.randomizeDuration());
            re.setRandomizeDuration(rd);
        }
    }

    PrimacyType primacy(String programId) {
        PrimacyType p = new PrimacyType();
        p.setValue(primacyOf.apply(programId).map(Integer::shortValue).orElse(primacy));
        return p;
    }

    static PerCent perCent(long hundredths) {
        PerCent p = new PerCent();
        p.setValue((int) hundredths);
        return p;
    }

    /** @return a SignedPerCent of {@code hundredths} (-10000..10000, validated by the core) */
    static SignedPerCent signedPerCent(long hundredths) {
        SignedPerCent p = new SignedPerCent();
        p.setValue((short) hundredths);
        return p;
    }

    /**
     * @param thousandths the power factor in thousandths, negative when under-excited ({@link SepControl.Mode})
     * @return a PowerFactorWithExcitation: displacement |thousandths| x 10^-3, excitation true when negative
     */
    static PowerFactorWithExcitation powerFactor(long thousandths) {
        PowerFactorWithExcitation pf = new PowerFactorWithExcitation();
        pf.setDisplacement((int) Math.abs(thousandths));
        pf.setExcitation(thousandths < 0);
        PowerOfTenMultiplierType m = new PowerOfTenMultiplierType();
        m.setValue((byte) -3);
        pf.setMultiplier(m);
        return pf;
    }

    /** Watts as value x 10^multiplier with value in Int16. */
    public static ActivePower activePower(long watts) {
        byte mult = 0;
        long v = watts;
        while (Math.abs(v) > Short.MAX_VALUE) {
            v = Math.round(v / 10.0);
            mult++;
        }
        ActivePower p = new ActivePower();
        PowerOfTenMultiplierType m = new PowerOfTenMultiplierType();
        m.setValue(mult);
        p.setMultiplier(m);
        p.setValue((short) v);
        return p;
    }
}

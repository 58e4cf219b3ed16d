package org.openvtn.conformance.sep.client;

import java.util.HexFormat;
import java.util.function.Supplier;
import org.openvtn.schemas.sep.ActivePower;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlBase;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.schemas.sep.DERControlListLink;
import org.openvtn.schemas.sep.DERCurveList;
import org.openvtn.schemas.sep.DERCurveListLink;
import org.openvtn.schemas.sep.DERProgram;
import org.openvtn.schemas.sep.DERProgramList;
import org.openvtn.schemas.sep.DERProgramListLink;
import org.openvtn.schemas.sep.DateTimeInterval;
import org.openvtn.schemas.sep.DefaultDERControl;
import org.openvtn.schemas.sep.DefaultDERControlLink;
import org.openvtn.schemas.sep.DeviceCapability;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.EndDeviceList;
import org.openvtn.schemas.sep.EndDeviceListLink;
import org.openvtn.schemas.sep.EventStatus;
import org.openvtn.schemas.sep.FunctionSetAssignments;
import org.openvtn.schemas.sep.FunctionSetAssignmentsList;
import org.openvtn.schemas.sep.FunctionSetAssignmentsListLink;
import org.openvtn.schemas.sep.Link;
import org.openvtn.schemas.sep.ListLink;
import org.openvtn.schemas.sep.LogEventListLink;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.MirrorUsagePointListLink;
import org.openvtn.schemas.sep.OneHourRangeType;
import org.openvtn.schemas.sep.PINType;
import org.openvtn.schemas.sep.PerCent;
import org.openvtn.schemas.sep.PowerOfTenMultiplierType;
import org.openvtn.schemas.sep.PrimacyType;
import org.openvtn.schemas.sep.Registration;
import org.openvtn.schemas.sep.RegistrationLink;
import org.openvtn.schemas.sep.SFDIType;
import org.openvtn.schemas.sep.Time;
import org.openvtn.schemas.sep.TimeLink;
import org.openvtn.schemas.sep.TimeOffsetType;
import org.openvtn.schemas.sep.TimeType;

/**
 * The harness server's documents, built with the schemas module's JAXB types (IEEE 2030.5-2018 sep.xsd) and
 * encoded (and validated on the way out) by {@code SepCodec}. Every href is the harness's own ({@link Scenario}).
 */
final class HarnessDocs {
    private HarnessDocs() {
    }

    static DeviceCapability dcap(Scenario s) {
        DeviceCapability d = new DeviceCapability();
        d.setHref(s.dcapPath());
        d.setPollRate(s.pollRate);
        d.setTimeLink(link(TimeLink::new, Scenario.TIME));
        d.setEndDeviceListLink(listLink(EndDeviceListLink::new, Scenario.EDEV, s.registered ? 1 : 0));
        d.setMirrorUsagePointListLink(link(MirrorUsagePointListLink::new, Scenario.MUP));
        return d;
    }

    static Time time(long now, long pollRate) {
        Time t = new Time();
        t.setHref(Scenario.TIME);
        t.setPollRate(pollRate);
        t.setCurrentTime(time(now));
        t.setDstEndTime(time(0));
        t.setDstOffset(offset(0));
        t.setDstStartTime(time(0));
        t.setLocalTime(time(now));
        t.setQuality((short) 7);
        t.setTzOffset(offset(0));
        return t;
    }

    static EndDeviceList edevList(Scenario s, long start, long limit) {
        EndDeviceList l = new EndDeviceList();
        l.setHref(Scenario.EDEV);
        l.setSubscribable((short) 0);
        l.setPollRate(s.pollRate);
        int all = s.registered ? 1 : 0;
        l.setAll(all);
        if (all == 1 && start == 0 && limit > 0) {
            l.getEndDevice().add(edev(s));
        }
        l.setResults(l.getEndDevice().size());
        return l;
    }

    static EndDevice edev(Scenario s) {
        EndDevice e = new EndDevice();
        e.setHref(Scenario.EDEV_ITEM);
        e.setSubscribable((short) 0);
        e.setLFDI(HexFormat.of().parseHex(s.lfdi));
        SFDIType sfdi = new SFDIType();
        sfdi.setValue(s.sfdi);
        e.setSFDI(sfdi);
        e.setChangedTime(time(s.changedTime));
        e.setLogEventListLink(link(LogEventListLink::new, Scenario.LEL));
        e.setFunctionSetAssignmentsListLink(listLink(FunctionSetAssignmentsListLink::new, Scenario.FSA_LIST, 1));
        if (s.registrationLink) {
            e.setRegistrationLink(link(RegistrationLink::new, Scenario.REG));
        }
        if (s.deviceData) {
            e.setDeviceInformationLink(link(org.openvtn.schemas.sep.DeviceInformationLink::new, Scenario.DEVICE_INFO));
        }
        if (s.derList) {
            e.setDERListLink(listLink(org.openvtn.schemas.sep.DERListLink::new, Scenario.DER_LIST, 1));
        }
        if (s.subscriptions) {
            e.setSubscriptionListLink(listLink(org.openvtn.schemas.sep.SubscriptionListLink::new, Scenario.SUBS,
                    s.subs.size()));
        }
        return e;
    }

    static Registration registration(Scenario s) {
        Registration r = new Registration();
        r.setHref(Scenario.REG);
        r.setPollRate(s.pollRate);
        r.setDateTimeRegistered(time(s.changedTime));
        PINType pin = new PINType();
        pin.setValue(s.servedPin);
        r.setPIN(pin);
        return r;
    }

    static FunctionSetAssignmentsList fsaList(Scenario s, long start, long limit) {
        FunctionSetAssignmentsList l = new FunctionSetAssignmentsList();
        l.setHref(Scenario.FSA_LIST);
        l.setSubscribable(sub(s));
        l.setPollRate(s.pollRate);
        l.setAll(1);
        if (start == 0 && limit > 0) {
            FunctionSetAssignments f = new FunctionSetAssignments();
            f.setHref(Scenario.FSA);
            f.setSubscribable((short) 0);
            f.setMRID(mrid("F5A0000000000000000000000000000" + "1"));
            f.setDERProgramListLink(listLink(DERProgramListLink::new, Scenario.DERP_LIST, s.programs.size()));
            f.setTimeLink(link(TimeLink::new, Scenario.TIME));
            if (s.unimplementedDr) {
                f.setDemandResponseProgramListLink(listLink(
                        org.openvtn.schemas.sep.DemandResponseProgramListLink::new, Scenario.DRP_LIST, 1));
            }
            l.getFunctionSetAssignments().add(f);
        }
        l.setResults(l.getFunctionSetAssignments().size());
        return l;
    }

    static DERProgramList programList(Scenario s, long start, long limit) {
        DERProgramList l = new DERProgramList();
        l.setHref(Scenario.DERP_LIST);
        l.setSubscribable(sub(s));
        l.setPollRate(s.pollRate);
        l.setAll(s.programs.size());
        for (Scenario.Program p : Scenario.page(s.programs, start, limit)) {
            l.getDERProgram().add(program(p));
        }
        l.setResults(l.getDERProgram().size());
        return l;
    }

    static DERProgram program(Scenario.Program p) {
        DERProgram r = new DERProgram();
        r.setHref(p.href());
        r.setSubscribable((short) 0);
        r.setMRID(mrid(p.mrid));
        r.setDescription("harness program " + p.id);
        r.setDERControlListLink(listLink(DERControlListLink::new, p.href() + "/ctl", p.controls.size()));
        if (p.defaults != null) {
            r.setDefaultDERControlLink(link(DefaultDERControlLink::new, p.href() + "/dflt"));
        }
        r.setDERCurveListLink(listLink(DERCurveListLink::new, p.href() + "/curves", 0));
        PrimacyType pr = new PrimacyType();
        pr.setValue((short) p.primacy);
        r.setPrimacy(pr);
        return r;
    }

    static DERControlList controlList(Scenario s, Scenario.Program p, long start, long limit) {
        DERControlList l = new DERControlList();
        l.setHref(p.href() + "/ctl");
        l.setSubscribable(sub(s));
        l.setAll(p.controls.size());
        for (Scenario.Control c : Scenario.page(p.sortedControls(), start, limit)) {
            l.getDERControl().add(control(p, c));
        }
        l.setResults(l.getDERControl().size());
        return l;
    }

    static DERControl control(Scenario.Program p, Scenario.Control c) {
        DERControl r = new DERControl();
        r.setHref(p.href() + "/ctl/" + c.id);
        r.setReplyTo(Scenario.RSP);
        r.setResponseRequired(new byte[] {(byte) c.responseRequired});
        r.setSubscribable((short) 0);
        r.setMRID(mrid(c.mrid));
        r.setDescription("harness control " + c.id);
        r.setCreationTime(time(c.creationTime));
        EventStatus st = new EventStatus();
        st.setCurrentStatus(c.status);
        st.setDateTime(time(c.statusTime));
        st.setPotentiallySuperseded(false);
        r.setEventStatus(st);
        DateTimeInterval i = new DateTimeInterval();
        i.setStart(time(c.start));
        i.setDuration(c.duration);
        r.setInterval(i);
        if (c.randomizeStart != 0) {
            OneHourRangeType rs = new OneHourRangeType();
            rs.setValue((short) c.randomizeStart);
            r.setRandomizeStart(rs);
        }
        if (c.randomizeDuration != 0) {
            OneHourRangeType rd = new OneHourRangeType();
            rd.setValue((short) c.randomizeDuration);
            r.setRandomizeDuration(rd);
        }
        r.setDERControlBase(base(c.mode, c.value, c.multiplier));
        r.getDERControlBase().setRampTms(c.rampTms);
        return r;
    }

    static DefaultDERControl defaults(Scenario s, Scenario.Program p) {
        DefaultDERControl d = new DefaultDERControl();
        d.setHref(p.href() + "/dflt");
        d.setSubscribable(sub(s));
        d.setMRID(mrid(p.defaultMrid()));
        d.setDescription("harness default control");
        d.setDERControlBase(base(p.defaults.mode(), p.defaults.value()));
        d.setSetGradW(p.setGradW);
        return d;
    }

    /** The EndDevice's DERList (§10.10.4.1): {@code n} DERs, each linking its own DERStatus; paged (s, l). */
    static org.openvtn.schemas.sep.DERList derList(long start, long limit, int n) {
        var l = new org.openvtn.schemas.sep.DERList();
        l.setHref(Scenario.DER_LIST);
        l.setAll(n);
        l.setPollRate(900L);
        for (long i = start; i < n && i < start + limit; i++) {
            var d = new org.openvtn.schemas.sep.DER();
            d.setHref(Scenario.der((int) i + 1));
            d.setDERStatusLink(link(org.openvtn.schemas.sep.DERStatusLink::new, Scenario.derStatus((int) i + 1)));
            l.getDER().add(d);
        }
        l.setResults(l.getDER().size());
        return l;
    }

    /** §5.6: subscribable 1 (non-conditional) when the scenario offers subscriptions, 0 otherwise. */
    private static short sub(Scenario s) {
        return (short) (s.subscriptions ? 1 : 0);
    }

    /** The device's Subscriptions held by the harness (§5.6.1 SubscriptionList), paged. */
    static org.openvtn.schemas.sep.SubscriptionList subscriptions(Scenario s, long start, long limit) {
        var l = new org.openvtn.schemas.sep.SubscriptionList();
        l.setHref(Scenario.SUBS);
        l.setAll(s.subs.size());
        for (Scenario.Sub x : Scenario.page(s.subs, start, limit)) {
            var sub = new org.openvtn.schemas.sep.Subscription();
            sub.setHref(x.href());
            sub.setSubscribedResource(x.resource());
            sub.setEncoding((short) 0);
            sub.setLevel("+S1");
            sub.setLimit(1);
            sub.setNotificationURI(x.notificationUri());
            l.getSubscription().add(sub);
        }
        l.setResults(l.getSubscription().size());
        return l;
    }

    /** A Notification (§5.6.2, status 0: the resource changed) carrying the resource's current form. */
    static org.openvtn.schemas.sep.Notification notification(Scenario.Sub x, org.openvtn.schemas.sep.Resource now) {
        var n = new org.openvtn.schemas.sep.Notification();
        n.setSubscribedResource(x.resource());
        n.setSubscriptionURI(x.href());
        n.setStatus((short) 0);
        n.setResource(now);
        return n;
    }

    static DERCurveList curves(Scenario.Program p) {
        DERCurveList l = new DERCurveList();
        l.setHref(p.href() + "/curves");
        l.setAll(0);
        l.setResults(0);
        return l;
    }

    /**
     * One mode of DERControlBase: opModConnect/opModEnergize (0/1), opModMaxLimW/opModFixedW (hundredths of a
     * percent), opModTargetW (W, multiplier 0).
     */
    static DERControlBase base(String mode, long value) {
        return base(mode, value, 0);
    }

    /** As {@link #base(String, long)}; opModTargetW with the power-of-ten {@code multiplier} (ALL-24). */
    static DERControlBase base(String mode, long value, int multiplier) {
        DERControlBase b = new DERControlBase();
        if (CsipAusModes.isCsipAus(mode)) {
            return b; // the CSIP-AUS element is appended to the encoded document (CsipAusModes)
        }
        switch (mode) {
            case "opModConnect" -> b.setOpModConnect(value != 0);
            case "opModEnergize" -> b.setOpModEnergize(value != 0);
            case "opModMaxLimW" -> b.setOpModMaxLimW(perCent(value));
            case "opModFixedW" -> b.setOpModFixedW(signedPerCent(value));
            case "opModTargetW" -> {
                ActivePower a = new ActivePower();
                PowerOfTenMultiplierType m = new PowerOfTenMultiplierType();
                m.setValue((byte) multiplier);
                a.setMultiplier(m);
                a.setValue((short) value);
                b.setOpModTargetW(a);
            }
            default -> throw new IllegalArgumentException("the harness cannot publish mode " + mode);
        }
        return b;
    }

    private static PerCent perCent(long v) {
        PerCent p = new PerCent();
        p.setValue((int) v);
        return p;
    }

    private static org.openvtn.schemas.sep.SignedPerCent signedPerCent(long v) {
        org.openvtn.schemas.sep.SignedPerCent p = new org.openvtn.schemas.sep.SignedPerCent();
        p.setValue((short) v);
        return p;
    }

    static MRIDType mrid(String hex) {
        MRIDType m = new MRIDType();
        m.setValue(HexFormat.of().parseHex(hex));
        return m;
    }

    static TimeType time(long epochSeconds) {
        TimeType t = new TimeType();
        t.setValue(epochSeconds);
        return t;
    }

    private static TimeOffsetType offset(int seconds) {
        TimeOffsetType t = new TimeOffsetType();
        t.setValue(seconds);
        return t;
    }

    private static <T extends Link> T link(Supplier<T> make, String href) {
        T l = make.get();
        l.setHref(href);
        return l;
    }

    private static <T extends ListLink> T listLink(Supplier<T> make, String href, long all) {
        T l = make.get();
        l.setHref(href);
        l.setAll(all);
        return l;
    }
}

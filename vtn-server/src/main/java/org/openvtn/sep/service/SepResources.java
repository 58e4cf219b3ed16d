package org.openvtn.sep.service;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.DERProgramListLink;
import org.openvtn.schemas.sep.DemandResponseProgramListLink;
import org.openvtn.schemas.sep.DeviceCapability;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.EndDeviceList;
import org.openvtn.schemas.sep.EndDeviceListLink;
import org.openvtn.schemas.sep.FunctionSetAssignments;
import org.openvtn.schemas.sep.FunctionSetAssignmentsList;
import org.openvtn.schemas.sep.FunctionSetAssignmentsListLink;
import org.openvtn.schemas.sep.Link;
import org.openvtn.schemas.sep.ListLink;
import org.openvtn.schemas.sep.PINType;
import org.openvtn.schemas.sep.Registration;
import org.openvtn.schemas.sep.RegistrationLink;
import org.openvtn.schemas.sep.SFDIType;
import org.openvtn.schemas.sep.Time;
import org.openvtn.schemas.sep.TimeLink;
import org.openvtn.schemas.sep.TimeOffsetType;
import org.openvtn.schemas.sep.TimeType;
import org.openvtn.sep.store.SepEndDevice;

/**
 * Builds the schema objects of the discovery, time, EndDevice, Registration and
 * FunctionSetAssignments function sets (IEEE 2030.5-2018 §6.1 DeviceCapability, §6.3 Time,
 * §6.4 EndDevice / §8.3 Registration, §6.5 FunctionSetAssignments; CSIP CORE-005/009/010).
 * Element order is the XSD sequence because the JAXB classes are generated from sep.xsd.
 */
public final class SepResources {
    private final long pollRate;
    private final ZoneId zone;
    private final short timeQuality;
    private final SepMrids mrids;
    private final int ders;

    /**
     * @param pollRate    pollRate in seconds on the resources that carry it (default 900)
     * @param zone        local time zone for Time.tzOffset/dstOffset
     * @param timeQuality Time.quality (3..7)
     */
    private final org.openvtn.schemas.CsipAusBinding csipAus;

    public SepResources(long pollRate, ZoneId zone, short timeQuality) {
        this(pollRate, zone, timeQuality, SepMrids.placeholder());
    }

    /** As {@link #SepResources(long, ZoneId, short)} with the operator's mRIDs (PEN). */
    public SepResources(long pollRate, ZoneId zone, short timeQuality, SepMrids mrids) {
        this(pollRate, zone, timeQuality, mrids, null);
    }

    /**
     * As {@link #SepResources(long, ZoneId, short, SepMrids)}; with CSIP-AUS 1.3 bound ({@code csipAus} not null)
     * every EndDevice carries csipaus:ConnectionPointLink (CSIP-AUS 1.3 csipaus-core: EndDevice extension).
     */
    public SepResources(long pollRate, ZoneId zone, short timeQuality, SepMrids mrids,
                        org.openvtn.schemas.CsipAusBinding csipAus) {
        this(pollRate, zone, timeQuality, mrids, csipAus, 1);
    }

    /** As above, with {@code ders} DERs in every EndDevice's DERList (its DERListLink's all; CSIP-AUS MUL-01..03). */
    public SepResources(long pollRate, ZoneId zone, short timeQuality, SepMrids mrids,
                        org.openvtn.schemas.CsipAusBinding csipAus, int ders) {
        this.ders = ders;
        this.csipAus = csipAus;
        this.mrids = mrids;
        this.pollRate = pollRate;
        this.zone = zone;
        this.timeQuality = timeQuality;
    }

    /** @return {@code /dcap} with links to Time and the EndDeviceList (visible count) */
    public DeviceCapability deviceCapability(long visibleEndDevices) {
        DeviceCapability d = new DeviceCapability();
        d.setHref(SepPaths.DCAP);
        d.setPollRate(pollRate);
        d.setResponseSetListLink(link(org.openvtn.schemas.sep.ResponseSetListLink::new, SepPaths.RSPS));
        d.setTimeLink(link(TimeLink::new, SepPaths.TIME));
        d.setEndDeviceListLink(listLink(EndDeviceListLink::new, SepPaths.EDEV, visibleEndDevices));
        d.setMirrorUsagePointListLink(link(org.openvtn.schemas.sep.MirrorUsagePointListLink::new, SepPaths.MUP));
        return d;
    }

    /**
     * {@code /tm} (§6.3.2): currentTime, DST window of the current year, offsets, quality.
     *
     * @param now current instant
     * @return the Time resource
     */
    public Time time(Instant now) {
        ZoneRules rules = zone.getRules();
        ZoneOffset standard = rules.getStandardOffset(now);
        long dst = rules.getDaylightSavings(now).toSeconds();
        Time t = new Time();
        t.setHref(SepPaths.TIME);
        t.setPollRate(pollRate);
        t.setCurrentTime(timeType(now));
        long dstStart = 0;
        long dstEnd = 0;
        int dstOffset = 0;
        int year = now.atZone(zone).getYear();
        Instant yearStart = java.time.LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
        ZoneOffsetTransition first = rules.nextTransition(yearStart.minusSeconds(1));
        if (first != null && first.getInstant().atZone(zone).getYear() == year) {
            ZoneOffsetTransition second = rules.nextTransition(first.getInstant());
            if (second != null) {
                boolean firstStartsDst = first.getOffsetAfter().compareTo(first.getOffsetBefore()) < 0;
                ZoneOffsetTransition into = firstStartsDst ? first : second;
                ZoneOffsetTransition out = firstStartsDst ? second : first;
                dstStart = into.getInstant().getEpochSecond();
                dstEnd = out.getInstant().getEpochSecond();
                dstOffset = (int) (into.getOffsetAfter().getTotalSeconds() - into.getOffsetBefore().getTotalSeconds());
            }
        }
        t.setDstStartTime(timeType(Instant.ofEpochSecond(dstStart)));
        t.setDstEndTime(timeType(Instant.ofEpochSecond(dstEnd)));
        t.setDstOffset(offset(dstOffset));
        t.setLocalTime(timeType(Instant.ofEpochSecond(now.getEpochSecond() + standard.getTotalSeconds() + dst)));
        t.setQuality(timeQuality);
        t.setTzOffset(offset(standard.getTotalSeconds()));
        return t;
    }

    /**
     * @param d        the device
     * @param fsaCount number of FunctionSetAssignments
     * @return the EndDevice; RegistrationLink only when a registration exists (CSIP-AUS ALL-05)
     */
    public EndDevice endDevice(SepEndDevice d, long fsaCount) {
        EndDevice e = new EndDevice();
        e.setHref(SepPaths.edev(d.id()));
        e.setSubscribable((short) 1);
        e.setDERListLink(listLink(org.openvtn.schemas.sep.DERListLink::new, SepPaths.derList(d.id()), ders));
        e.setLFDI(HexFormat.of().parseHex(d.lfdi()));
        e.setLogEventListLink(link(org.openvtn.schemas.sep.LogEventListLink::new, SepPaths.lelList(d.id())));
        SFDIType sfdi = new SFDIType();
        sfdi.setValue(d.sfdi());
        e.setSFDI(sfdi);
        e.setChangedTime(timeType(d.changedTime()));
        e.setFunctionSetAssignmentsListLink(listLink(FunctionSetAssignmentsListLink::new, SepPaths.fsaList(d.id()),
                fsaCount));
        if (d.registered()) {
            e.setRegistrationLink(link(RegistrationLink::new, SepPaths.reg(d.id())));
        }
        e.setSubscriptionListLink(link(org.openvtn.schemas.sep.SubscriptionListLink::new, SepPaths.subList(d.id())));
        if (csipAus != null) {
            csipAus.attach(e, List.of(org.openvtn.schemas.CsipAusElement.link("ConnectionPointLink",
                    SepPaths.cp(d.id()))));
        }
        return e;
    }

    /** @return the EndDeviceList page (§6.4, list ordering: sFDI ascending) */
    public EndDeviceList endDeviceList(ListQuery.Page<SepEndDevice> page, long fsaCount) {
        EndDeviceList l = new EndDeviceList();
        l.setHref(SepPaths.EDEV);
        l.setSubscribable((short) 1); // CSIP-AUS S-ALL-25: the EndDeviceList is subscribable (non-conditional)
        l.setPollRate(pollRate);
        l.setAll(page.all());
        l.setResults(page.results());
        for (SepEndDevice d : page.items()) {
            l.getEndDevice().add(endDevice(d, fsaCount));
        }
        return l;
    }

    /** @return the Registration (§8.3: dateTimeRegistered, pIN with check digit) */
    public Registration registration(SepEndDevice d) {
        Registration r = new Registration();
        r.setHref(SepPaths.reg(d.id()));
        r.setPollRate(pollRate);
        r.setDateTimeRegistered(timeType(d.registeredAt()));
        PINType pin = new PINType();
        pin.setValue(d.pin());
        r.setPIN(pin);
        return r;
    }

    /**
     * One FunctionSetAssignments per core program (§6.5; CSIP CORE-010/011): links to its
     * DERProgramList, DemandResponseProgramList and Time.
     */
    public FunctionSetAssignments fsa(SepEndDevice d, Program p) {
        FunctionSetAssignments f = new FunctionSetAssignments();
        f.setHref(SepPaths.fsa(d.id(), p.id()));
        f.setSubscribable((short) 0);
        f.setMRID(mrids.type("fsa:" + p.id()));
        f.setDescription(description(p.name()));
        f.setDemandResponseProgramListLink(listLink(DemandResponseProgramListLink::new,
                SepPaths.drpList(d.id(), p.id()), 1));
        f.setDERProgramListLink(listLink(DERProgramListLink::new, SepPaths.derpList(d.id(), p.id()), 1));
        f.setTimeLink(link(TimeLink::new, SepPaths.TIME));
        return f;
    }

    /** @return the FunctionSetAssignmentsList page (ordered by mRID ascending, see docs) */
    public FunctionSetAssignmentsList fsaList(SepEndDevice d, ListQuery.Page<Program> page) {
        FunctionSetAssignmentsList l = new FunctionSetAssignmentsList();
        l.setHref(SepPaths.fsaList(d.id()));
        l.setSubscribable((short) 1);
        l.setPollRate(pollRate);
        l.setAll(page.all());
        l.setResults(page.results());
        for (Program p : page.items()) {
            l.getFunctionSetAssignments().add(fsa(d, p));
        }
        return l;
    }

    /** @return programs in FunctionSetAssignmentsList order (mRID ascending) */
    public static List<Program> fsaOrder(List<Program> programs) {
        return programs.stream().sorted(java.util.Comparator.comparing(p -> SepPaths.mridHex("fsa:" + p.id())))
                .toList();
    }

    static TimeType timeType(Instant i) {
        TimeType t = new TimeType();
        t.setValue(i.getEpochSecond());
        return t;
    }

    /** String32: at most 32 characters. */
    static String description(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32);
    }

    static <L extends Link> L link(Supplier<L> factory, String href) {
        L l = factory.get();
        l.setHref(href);
        return l;
    }

    static <L extends ListLink> L listLink(Supplier<L> factory, String href, long all) {
        L l = link(factory, href);
        l.setAll(all);
        return l;
    }

    private static TimeOffsetType offset(int seconds) {
        TimeOffsetType o = new TimeOffsetType();
        o.setValue(seconds);
        return o;
    }
}

package org.openvtn.sep.service;

import java.util.HexFormat;
import java.util.List;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.DER;
import org.openvtn.schemas.sep.DERAvailabilityLink;
import org.openvtn.schemas.sep.DERCapabilityLink;
import org.openvtn.schemas.sep.DERControlBase;
import org.openvtn.schemas.sep.DERList;
import org.openvtn.schemas.sep.DERSettingsLink;
import org.openvtn.schemas.sep.DERStatusLink;
import org.openvtn.schemas.sep.DefaultDERControl;
import org.openvtn.schemas.sep.LogEvent;
import org.openvtn.schemas.sep.LogEventList;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.MirrorMeterReading;
import org.openvtn.schemas.sep.MirrorUsagePoint;
import org.openvtn.schemas.sep.MirrorUsagePointList;
import org.openvtn.schemas.sep.MeterReading;
import org.openvtn.schemas.sep.MeterReadingList;
import org.openvtn.schemas.sep.MeterReadingListLink;
import org.openvtn.schemas.sep.ReadingTypeLink;
import org.openvtn.schemas.sep.UsagePoint;
import org.openvtn.schemas.sep.UsagePointList;
import org.openvtn.schemas.sep.PowerOfTenMultiplierType;
import org.openvtn.schemas.sep.ReadingType;
import org.openvtn.schemas.sep.Response;
import org.openvtn.schemas.sep.ResponseList;
import org.openvtn.schemas.sep.ResponseListLink;
import org.openvtn.schemas.sep.ResponseSet;
import org.openvtn.schemas.sep.ResponseSetList;
import org.openvtn.schemas.sep.Subscription;
import org.openvtn.schemas.sep.SubscriptionList;
import org.openvtn.schemas.sep.UomType;
import org.openvtn.schemas.sep.VersionType;
import org.openvtn.sep.store.SepEndDevice;
import org.openvtn.sep.store.SepRecords;
import org.openvtn.sep.store.SepSubscription;

/**
 * Builds the schema objects of the Subscription (IEEE 2030.5-2018 §5.6), Response, DER
 * (DefaultDERControl, DERList/DER links), Metering Mirror and LogEvent function sets. Every list
 * carries {@code all}/{@code results} and every item its {@code href}.
 */
public final class FunctionResources {
    private final long pollRate;
    private final java.util.List<Integer> derNumbers;
    private final SepMrids mrids;
    private final org.openvtn.schemas.CsipAusBinding csipAus;

    /** @param pollRate pollRate of the lists that carry one */
    public FunctionResources(long pollRate) {
        this(pollRate, SepMrids.placeholder());
    }

    /** As {@link #FunctionResources(long)} with the operator's mRIDs (PEN). */
    public FunctionResources(long pollRate, SepMrids mrids) {
        this(pollRate, mrids, null);
    }

    /**
     * As {@link #FunctionResources(long, SepMrids)}; with CSIP-AUS 1.3 bound ({@code csipAus} not null) the
     * DefaultDERControl carries the CSIP-AUS limits the operator set (opModImpLimW ... opModStorageTargetW).
     */
    public FunctionResources(long pollRate, SepMrids mrids, org.openvtn.schemas.CsipAusBinding csipAus) {
        this(pollRate, mrids, csipAus, 1);
    }

    /**
     * As {@link #FunctionResources(long, SepMrids, org.openvtn.schemas.CsipAusBinding)} with {@code ders} DERs in
     * every EndDevice's DERList (§10.10.4.1; CSIP-AUS MUL-01..03: several DERs behind one EndDevice).
     */
    public FunctionResources(long pollRate, SepMrids mrids, org.openvtn.schemas.CsipAusBinding csipAus, int ders) {
        this.csipAus = csipAus;
        this.mrids = mrids;
        this.pollRate = pollRate;
        this.derNumbers = java.util.stream.IntStream.rangeClosed(1, ders).boxed().toList();
    }

    /** @return 1..the DERs each EndDevice's DERList holds */
    public java.util.List<Integer> derNumbers() {
        return derNumbers;
    }

    /** @return a Subscription as stored */
    public Subscription subscription(SepSubscription s) {
        Subscription r = new Subscription();
        r.setHref(SepPaths.sub(s.deviceId(), s.id()));
        r.setSubscribedResource(s.subscribedResource());
        r.setCondition(ReadingConditions.toXml(s.condition()));
        r.setEncoding(s.encoding());
        r.setLevel(s.level());
        r.setLimit(s.limit());
        r.setNotificationURI(s.notificationUri());
        return r;
    }

    /** @return the SubscriptionList page (ordered by id, i.e. creation) */
    public SubscriptionList subscriptionList(SepEndDevice d, ListQuery.Page<SepSubscription> page) {
        SubscriptionList l = new SubscriptionList();
        l.setHref(SepPaths.subList(d.id()));
        l.setPollRate(pollRate);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(s -> l.getSubscription().add(subscription(s)));
        return l;
    }

    /** @return one ResponseSet per program ({@code /rsps/{p}}) */
    public ResponseSet responseSet(Program p) {
        ResponseSet r = new ResponseSet();
        r.setHref(SepPaths.rsps(p.id()));
        r.setMRID(mrids.type("rsps:" + p.id()));
        r.setDescription(SepResources.description(p.name()));
        r.setResponseListLink(SepResources.link(ResponseListLink::new, SepPaths.rspList(p.id())));
        return r;
    }

    /** @return the ResponseSetList page */
    public ResponseSetList responseSetList(ListQuery.Page<Program> page) {
        ResponseSetList l = new ResponseSetList();
        l.setHref(SepPaths.RSPS);
        l.setPollRate(pollRate);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(p -> l.getResponseSet().add(responseSet(p)));
        return l;
    }

    /** @return a stored Response as the type it was posted as (Response or DERControlResponse...) */
    public Response response(SepEndDevice d, SepRecords.Response s) {
        Response r = switch (s.kind()) {
            case "DERControlResponse" -> new org.openvtn.schemas.sep.DERControlResponse();
            default -> new Response();
        };
        r.setHref(SepPaths.rspList(s.responseSet()) + "/" + s.id());
        if (s.createdTime() != null) {
            r.setCreatedDateTime(SepResources.timeType(s.createdTime()));
        }
        r.setEndDeviceLFDI(HexFormat.of().parseHex(d.lfdi()));
        r.setStatus(s.status());
        MRIDType m = new MRIDType();
        m.setValue(HexFormat.of().parseHex(s.subject()));
        r.setSubject(m);
        return r;
    }

    /** @return the caller's ResponseList page of a ResponseSet (ordered by receipt) */
    public ResponseList responseList(SepEndDevice d, String programId, ListQuery.Page<SepRecords.Response> page) {
        return responseList(d == null ? List.of() : List.of(d), programId, page);
    }

    /**
     * A ResponseList over several EndDevices (an aggregator's, CSIP AGG-*): each Response names its own device.
     *
     * @param devices the EndDevices the responses may belong to
     */
    public ResponseList responseList(List<SepEndDevice> devices, String programId,
                                     ListQuery.Page<SepRecords.Response> page) {
        ResponseList l = new ResponseList();
        l.setHref(SepPaths.rspList(programId));
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(r -> l.getResponse().add(response(devices.stream().filter(d ->
                d.id() == r.deviceId()).findFirst().orElse(devices.get(0)), r)));
        return l;
    }

    /** @return the DefaultDERControl of a program (subscribable, version from the store) */
    public DefaultDERControl defaultDerControl(SepEndDevice d, Program p, SepRecords.DefaultControl stored) {
        DefaultControlSettings s = DefaultControlSettings.fromText(stored.settings());
        DefaultDERControl r = new DefaultDERControl();
        r.setHref(SepPaths.defaultDerc(d.id(), p.id()));
        r.setSubscribable((short) 1);
        r.setMRID(mrids.type("dderc:" + p.id()));
        r.setDescription(SepResources.description(p.name()));
        VersionType v = new VersionType();
        v.setValue((int) Math.min(stored.version(), 65535));
        r.setVersion(v);
        DERControlBase b = new DERControlBase();
        b.setOpModConnect(s.opModConnect());
        b.setOpModEnergize(s.opModEnergize());
        if (s.opModFixedW() != null) {
            b.setOpModFixedW(ControlResources.signedPerCent(s.opModFixedW()));
        }
        if (s.opModFixedPFInjectW() != null) {
            b.setOpModFixedPFInjectW(ControlResources.powerFactor(s.opModFixedPFInjectW()));
        }
        if (s.opModFixedPFAbsorbW() != null) {
            b.setOpModFixedPFAbsorbW(ControlResources.powerFactor(s.opModFixedPFAbsorbW()));
        }
        if (s.opModMaxLimW() != null) {
            b.setOpModMaxLimW(ControlResources.perCent(s.opModMaxLimW()));
        }
        if (s.opModTargetW() != null) {
            b.setOpModTargetW(ControlResources.activePower(s.opModTargetW()));
        }
        b.setRampTms(s.rampTms());
        s.curves().forEach((mode, n) -> CurveResources.link(b, DerCurveDefinition.CURVE_TYPES.indexOf(mode),
                CurveResources.href(d.id(), p.id(), n)));
        if (csipAus != null) {
            csipAus.attach(b, s.csipAusElements());
        }
        r.setDERControlBase(b);
        r.setSetESDelay(s.setESDelay());
        r.setSetESRandomDelay(s.setESRandomDelay());
        r.setSetGradW(s.setGradW());
        r.setSetSoftGradW(s.setSoftGradW());
        return r;
    }

    /** @return a page of an EndDevice's DERList (DER numbers 1..n) */
    public DERList derList(SepEndDevice d, ListQuery.Page<Integer> page) {
        DERList l = new DERList();
        l.setHref(SepPaths.derList(d.id()));
        l.setPollRate(pollRate);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(n -> l.getDER().add(der(d, n)));
        return l;
    }

    /** @return the first DER of an EndDevice, linking the four client-PUT resources */
    public DER der(SepEndDevice d) {
        return der(d, 1);
    }

    /** @return DER {@code n} (1-based) of an EndDevice, linking its own four client-PUT resources */
    public DER der(SepEndDevice d, int n) {
        DER r = new DER();
        String h = SepPaths.der(d.id(), n);
        r.setHref(h);
        r.setDERAvailabilityLink(SepResources.link(DERAvailabilityLink::new, h + "/dera"));
        r.setDERCapabilityLink(SepResources.link(DERCapabilityLink::new, h + "/dercap"));
        r.setDERSettingsLink(SepResources.link(DERSettingsLink::new, h + "/derg"));
        r.setDERStatusLink(SepResources.link(DERStatusLink::new, h + "/ders"));
        return r;
    }

    /** @return the LogEventList page (createdDateTime descending) */
    public LogEventList logEventList(SepEndDevice d, ListQuery.Page<DeviceDataService.StoredLogEvent> page) {
        LogEventList l = new LogEventList();
        l.setHref(SepPaths.lelList(d.id()));
        l.setPollRate(pollRate);
        l.setAll(page.all());
        l.setResults(page.results());
        for (DeviceDataService.StoredLogEvent e : page.items()) {
            LogEvent x = e.event();
            x.setHref(SepPaths.lelList(d.id()) + "/" + e.id());
            l.getLogEvent().add(x);
        }
        return l;
    }

    /** @return the caller's MirrorUsagePointList page */
    public MirrorUsagePointList mirrorUsagePointList(ListQuery.Page<MirrorUsagePoint> page) {
        MirrorUsagePointList l = new MirrorUsagePointList();
        l.setHref(SepPaths.MUP);
        l.setPollRate(pollRate);
        l.setAll(page.all());
        l.setResults(page.results());
        l.getMirrorUsagePoint().addAll(page.items());
        return l;
    }

    /** @return a MirrorMeterReading's metadata (mRID, description, ReadingType scale and unit) */
    public MirrorMeterReading mirrorMeterReading(SepRecords.MirrorReading m) {
        MirrorMeterReading r = new MirrorMeterReading();
        r.setHref(SepPaths.mup(m.mupId()) + "/mr/" + m.id());
        MRIDType id = new MRIDType();
        id.setValue(HexFormat.of().parseHex(m.mrid()));
        r.setMRID(id);
        r.setDescription(m.description());
        ReadingType t = new ReadingType();
        PowerOfTenMultiplierType p = new PowerOfTenMultiplierType();
        p.setValue((byte) m.powerOfTen());
        t.setPowerOfTenMultiplier(p);
        if (m.uom() != null) {
            UomType u = new UomType();
            u.setValue(m.uom());
            t.setUom(u);
        }
        r.setReadingType(t);
        return r;
    }

    /**
     * @param mup     the stored MirrorUsagePoint
     * @param id      its index (the same under {@code /mup} and {@code /upt})
     * @param readings how many MeterReadings it has
     * @return the UsagePoint read-back of a mirror (Metering function set, IEEE 2030.5-2018 §10.4)
     */
    public UsagePoint usagePoint(MirrorUsagePoint mup, long id, long readings) {
        UsagePoint u = new UsagePoint();
        u.setHref(SepPaths.upt(id));
        u.setMRID(mup.getMRID());
        u.setDescription(mup.getDescription());
        u.setVersion(mup.getVersion());
        u.setRoleFlags(mup.getRoleFlags());
        u.setServiceCategoryKind(mup.getServiceCategoryKind());
        u.setStatus(mup.getStatus());
        u.setDeviceLFDI(mup.getDeviceLFDI());
        MeterReadingListLink l = new MeterReadingListLink();
        l.setHref(SepPaths.upt(id) + "/mr");
        l.setAll(readings);
        u.setMeterReadingListLink(l);
        return u;
    }

    /** @return the caller's UsagePointList page */
    public UsagePointList usagePointList(ListQuery.Page<UsagePoint> page) {
        UsagePointList l = new UsagePointList();
        l.setHref(SepPaths.UPT);
        l.setSubscribable((short) 0);
        l.setPollRate(pollRate);
        l.setAll(page.all());
        l.setResults(page.results());
        l.getUsagePoint().addAll(page.items());
        return l;
    }

    /** @return the MeterReading read-back of a MirrorMeterReading (mRID, description, ReadingTypeLink) */
    public MeterReading meterReading(SepRecords.MirrorReading m) {
        MeterReading r = new MeterReading();
        String href = SepPaths.upt(m.mupId()) + "/mr/" + m.id();
        r.setHref(href);
        MRIDType id = new MRIDType();
        id.setValue(HexFormat.of().parseHex(m.mrid()));
        r.setMRID(id);
        r.setDescription(m.description());
        ReadingTypeLink t = new ReadingTypeLink();
        t.setHref(href + "/rt");
        r.setReadingTypeLink(t);
        return r;
    }

    /** @return a MeterReadingList page */
    public MeterReadingList meterReadingList(long mupId, ListQuery.Page<SepRecords.MirrorReading> page) {
        MeterReadingList l = new MeterReadingList();
        l.setHref(SepPaths.upt(mupId) + "/mr");
        l.setSubscribable((short) 0);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(m -> l.getMeterReading().add(meterReading(m)));
        return l;
    }

    /** @return the ReadingType of a mirrored reading (powerOfTenMultiplier, uom as posted) */
    public ReadingType readingType(SepRecords.MirrorReading m) {
        ReadingType t = mirrorMeterReading(m).getReadingType();
        t.setHref(SepPaths.upt(m.mupId()) + "/mr/" + m.id() + "/rt");
        return t;
    }
}

package org.openvtn.ven.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.openvtn.schemas.oadr20b.OadrCancelPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCancelReportType;
import org.openvtn.schemas.oadr20b.OadrCreateReportType;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrProfiles;
import org.openvtn.schemas.oadr20b.OadrRegisteredReportType;
import org.openvtn.schemas.oadr20b.OadrReportRequestType;
import org.openvtn.schemas.oadr20b.OadrRequestReregistrationType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.OadrTransportType;
import org.openvtn.schemas.oadr20b.OadrTransports;
import org.openvtn.schemas.oadr20b.ResponseRequiredType;
import org.openvtn.schemas.oadr20b.ei.EiActivePeriodType;
import org.openvtn.schemas.oadr20b.ei.EiEventSignalType;
import org.openvtn.schemas.oadr20b.ei.EiEventSignalsType;
import org.openvtn.schemas.oadr20b.ei.EiEventType;
import org.openvtn.schemas.oadr20b.ei.EiTargetType;
import org.openvtn.schemas.oadr20b.ei.EventDescriptorType;
import org.openvtn.schemas.oadr20b.ei.EventStatusEnumeratedType;
import org.openvtn.schemas.oadr20b.ei.IntervalType;
import org.openvtn.schemas.oadr20b.ei.ObjectFactory;
import org.openvtn.schemas.oadr20b.ei.PayloadFloatType;
import org.openvtn.schemas.oadr20b.ei.ReportSpecifierType;
import org.openvtn.schemas.oadr20b.ei.SignalPayloadType;
import org.openvtn.schemas.oadr20b.ei.SignalTypeEnumeratedType;
import org.openvtn.schemas.oadr20b.ei.SpecifierPayloadType;
import org.openvtn.schemas.oadr20b.strm.Intervals;
import org.openvtn.schemas.oadr20b.xcal.Properties;
import org.openvtn.schemas.oadr20b.xcal.Uid;
import org.openvtn.schemas.oadr20b.xcal.WsCalendarIntervalType;
import org.openvtn.ven.protocol.Xml;

/** Messages a VTN sends, built with the schema's JAXB classes, for the scripted fake VTN. */
public final class VtnMessages {

    public static final String VTN_ID = "FAKE-VTN";
    private static final ObjectFactory EI = new ObjectFactory();

    /** An event as the fake VTN keeps it. */
    public record EventSpec(String id, long modificationNumber, Instant start, Duration duration, Duration startAfter,
                            String signalName, double value, boolean responseAlways, boolean cancelled) {
        public EventSpec modified(double newValue) {
            return new EventSpec(id, modificationNumber + 1, start, duration, startAfter, signalName, newValue,
                    responseAlways, cancelled);
        }
    }

    private VtnMessages() {
    }

    public static OadrCreatedPartyRegistrationType createdRegistration(String requestId, String registrationId,
                                                                       String venId, Duration pollFreq) {
        OadrCreatedPartyRegistrationType m = new OadrCreatedPartyRegistrationType();
        m.setEiResponse(Xml.ok(requestId));
        m.setRegistrationID(registrationId);
        m.setVenID(venId);
        m.setVtnID(VTN_ID);
        OadrProfiles profiles = new OadrProfiles();
        OadrProfiles.OadrProfile p = new OadrProfiles.OadrProfile();
        p.setOadrProfileName("2.0b");
        OadrTransports ts = new OadrTransports();
        OadrTransports.OadrTransport t = new OadrTransports.OadrTransport();
        t.setOadrTransportName(OadrTransportType.SIMPLE_HTTP);
        ts.getOadrTransport().add(t);
        p.setOadrTransports(ts);
        profiles.getOadrProfile().add(p);
        m.setOadrProfiles(profiles);
        if (pollFreq != null) {
            m.setOadrRequestedOadrPollFreq(Xml.duration(pollFreq));
        }
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    public static OadrResponseType response(int code, String requestId, String venId) {
        OadrResponseType m = new OadrResponseType();
        m.setEiResponse(Xml.response(code, code == 200 ? "OK" : "ERROR", requestId));
        m.setVenID(venId);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    public static OadrDistributeEventType distribute(String venId, List<EventSpec> events) {
        OadrDistributeEventType d = new OadrDistributeEventType();
        d.setEiResponse(Xml.ok(""));
        d.setRequestID(Xml.newId());
        d.setVtnID(VTN_ID);
        for (EventSpec e : events) {
            d.getOadrEvent().add(event(venId, e));
        }
        d.setSchemaVersion(Xml.SCHEMA_VERSION);
        return d;
    }

    private static OadrDistributeEventType.OadrEvent event(String venId, EventSpec e) {
        EventDescriptorType desc = new EventDescriptorType();
        desc.setEventID(e.id());
        desc.setModificationNumber(e.modificationNumber());
        desc.setPriority(1L);
        EventDescriptorType.EiMarketContext mc = new EventDescriptorType.EiMarketContext();
        mc.setMarketContext("http://market.example/dr");
        desc.setEiMarketContext(mc);
        desc.setCreatedDateTime(Xml.dateTime(e.start().minusSeconds(60)));
        desc.setEventStatus(e.cancelled() ? EventStatusEnumeratedType.CANCELLED : EventStatusEnumeratedType.FAR);
        desc.setTestEvent("false");
        Properties p = new Properties();
        p.setDtstart(Xml.dtstart(e.start()));
        p.setDuration(Xml.duration(e.duration()));
        if (!e.startAfter().isZero()) {
            Properties.Tolerance tol = new Properties.Tolerance();
            Properties.Tolerance.Tolerate t = new Properties.Tolerance.Tolerate();
            t.setStartafter(e.startAfter().toString());
            tol.setTolerate(t);
            p.setTolerance(tol);
        }
        EiActivePeriodType ap = new EiActivePeriodType();
        ap.setProperties(p);
        ap.setComponents(null);
        IntervalType iv = new IntervalType();
        iv.setDuration(Xml.duration(e.duration()));
        Uid uid = new Uid();
        uid.setText("0");
        iv.setUid(uid);
        PayloadFloatType f = new PayloadFloatType();
        f.setValue((float) e.value());
        SignalPayloadType sp = new SignalPayloadType();
        sp.setPayloadBase(EI.createPayloadFloat(f));
        iv.getStreamPayloadBase().add(EI.createSignalPayload(sp));
        Intervals ivs = new Intervals();
        ivs.getInterval().add(iv);
        EiEventSignalType sig = new EiEventSignalType();
        sig.setIntervals(ivs);
        sig.setSignalName(e.signalName());
        sig.setSignalType(SignalTypeEnumeratedType.LEVEL);
        sig.setSignalID("sig-0");
        EiEventSignalsType sigs = new EiEventSignalsType();
        sigs.getEiEventSignal().add(sig);
        EiTargetType target = new EiTargetType();
        target.getVenID().add(venId);
        EiEventType ev = new EiEventType();
        ev.setEventDescriptor(desc);
        ev.setEiActivePeriod(ap);
        ev.setEiEventSignals(sigs);
        ev.setEiTarget(target);
        OadrDistributeEventType.OadrEvent oe = new OadrDistributeEventType.OadrEvent();
        oe.setEiEvent(ev);
        oe.setOadrResponseRequired(e.responseAlways() ? ResponseRequiredType.ALWAYS : ResponseRequiredType.NEVER);
        return oe;
    }

    public static OadrRegisteredReportType registeredReport(String requestId, String venId) {
        OadrRegisteredReportType m = new OadrRegisteredReportType();
        m.setEiResponse(Xml.ok(requestId));
        m.setVenID(venId);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    /** A report request for one rID of a VEN report. */
    public static OadrCreateReportType createReport(String venId, String reportRequestId, String specifierId,
                                                    String rId, Duration granularity, Duration reportBack) {
        ReportSpecifierType spec = new ReportSpecifierType();
        spec.setReportSpecifierID(specifierId);
        spec.setGranularity(Xml.duration(granularity));
        spec.setReportBackDuration(Xml.duration(reportBack));
        Properties p = new Properties();
        p.setDtstart(Xml.dtstart(Instant.now()));
        p.setDuration(Xml.duration(Duration.ZERO));
        WsCalendarIntervalType interval = new WsCalendarIntervalType();
        interval.setProperties(p);
        spec.setReportInterval(interval);
        SpecifierPayloadType sp = new SpecifierPayloadType();
        sp.setRID(rId);
        sp.setReadingType("Direct Read");
        spec.getSpecifierPayload().add(sp);
        OadrReportRequestType rr = new OadrReportRequestType();
        rr.setReportRequestID(reportRequestId);
        rr.setReportSpecifier(spec);
        OadrCreateReportType m = new OadrCreateReportType();
        m.setRequestID(Xml.newId());
        m.getOadrReportRequest().add(rr);
        m.setVenID(venId);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    public static OadrCancelReportType cancelReport(String venId, String reportRequestId, boolean reportToFollow) {
        OadrCancelReportType m = new OadrCancelReportType();
        m.setRequestID(Xml.newId());
        m.getReportRequestID().add(reportRequestId);
        m.setReportToFollow(reportToFollow);
        m.setVenID(venId);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    public static OadrCancelPartyRegistrationType cancelRegistration(String registrationId, String venId) {
        OadrCancelPartyRegistrationType m = new OadrCancelPartyRegistrationType();
        m.setRequestID(Xml.newId());
        m.setRegistrationID(registrationId);
        m.setVenID(venId);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    public static OadrRequestReregistrationType requestReregistration(String venId) {
        OadrRequestReregistrationType m = new OadrRequestReregistrationType();
        m.setVenID(venId);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }
}

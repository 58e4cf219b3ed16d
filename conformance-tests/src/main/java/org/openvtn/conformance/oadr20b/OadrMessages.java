package org.openvtn.conformance.oadr20b;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.openvtn.schemas.OadrValueTypes;
import org.openvtn.schemas.oadr20b.ObjectFactory;
import org.openvtn.schemas.oadr20b.OadrCancelOptType;
import org.openvtn.schemas.oadr20b.OadrCancelPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCancelReportType;
import org.openvtn.schemas.oadr20b.OadrCanceledPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreateOptType;
import org.openvtn.schemas.oadr20b.OadrCreatePartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreatedEventType;
import org.openvtn.schemas.oadr20b.OadrCreatedReportType;
import org.openvtn.schemas.oadr20b.OadrPendingReportsType;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.oadr20b.OadrQueryRegistrationType;
import org.openvtn.schemas.oadr20b.OadrRegisterReportType;
import org.openvtn.schemas.oadr20b.OadrReportDescriptionType;
import org.openvtn.schemas.oadr20b.OadrReportPayloadType;
import org.openvtn.schemas.oadr20b.OadrReportType;
import org.openvtn.schemas.oadr20b.OadrRequestEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.OadrSamplingRateType;
import org.openvtn.schemas.oadr20b.OadrTransportType;
import org.openvtn.schemas.oadr20b.OadrUpdateReportType;
import org.openvtn.schemas.oadr20b.ei.EiTargetType;
import org.openvtn.schemas.oadr20b.ei.EventResponses;
import org.openvtn.schemas.oadr20b.ei.IntervalType;
import org.openvtn.schemas.oadr20b.ei.OptTypeType;
import org.openvtn.schemas.oadr20b.ei.PayloadFloatType;
import org.openvtn.schemas.oadr20b.ei.QualifiedEventIDType;
import org.openvtn.schemas.oadr20b.power.EnergyRealType;
import org.openvtn.schemas.oadr20b.power.PowerAttributesType;
import org.openvtn.schemas.oadr20b.power.PowerRealType;
import org.openvtn.schemas.oadr20b.pyld.EiCreatedEvent;
import org.openvtn.schemas.oadr20b.pyld.EiRequestEvent;
import org.openvtn.schemas.oadr20b.strm.Intervals;
import org.openvtn.schemas.oadr20b.xcal.ArrayOfVavailabilityContainedComponents;
import org.openvtn.schemas.oadr20b.xcal.AvailableType;
import org.openvtn.schemas.oadr20b.xcal.Dtstart;
import org.openvtn.schemas.oadr20b.xcal.DurationPropType;
import org.openvtn.schemas.oadr20b.xcal.Properties;
import org.openvtn.schemas.oadr20b.xcal.Uid;
import org.openvtn.schemas.oadr20b.xcal.VavailabilityType;

/**
 * The messages the suite's VEN sends, built with the JAXB classes of the published schema (OpenADR 2.0b
 * profile §8). Every message carries {@code schemaVersion="2.0b"} (rule 509) and UTC date-times (rule 1).
 *
 * <p>The suite's METADATA offers three reports (rule 301): {@code TELEMETRY_USAGE} (rID {@link #RID_POWER},
 * real power), {@code TELEMETRY_STATUS} (rID {@link #RID_STATUS}) and {@code HISTORY_USAGE} (rID
 * {@link #RID_ENERGY}); each report's reportSpecifierID is its report name.
 */
public final class OadrMessages {

    public static final String RID_POWER = "suite-power";
    public static final String RID_STATUS = "suite-status";
    public static final String RID_ENERGY = "suite-energy";

    private static final ObjectFactory OADR = new ObjectFactory();
    private static final org.openvtn.schemas.oadr20b.ei.ObjectFactory EI = new org.openvtn.schemas.oadr20b.ei.ObjectFactory();
    private static final org.openvtn.schemas.oadr20b.power.ObjectFactory POWER =
            new org.openvtn.schemas.oadr20b.power.ObjectFactory();
    private static final String V = OadrValueTypes.SCHEMA_VERSION;

    private OadrMessages() {
    }

    /** A fresh requestID / optID. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static OadrQueryRegistrationType queryRegistration() {
        OadrQueryRegistrationType m = new OadrQueryRegistrationType();
        m.setRequestID(newId());
        m.setSchemaVersion(V);
        return m;
    }

    /** oadrCreatePartyRegistration: 2.0b, simpleHttp, pull, no XML signature. */
    public static OadrCreatePartyRegistrationType createPartyRegistration(String venName, String registrationId,
                                                                         String venId) {
        return createPartyRegistration(venName, registrationId, venId, null);
    }

    /**
     * oadrCreatePartyRegistration; with a {@code transportAddress} the VEN registers for push
     * (oadrHttpPullModel false, 2.0b profile 8.4 and 9.1.2), otherwise for pull.
     */
    public static OadrCreatePartyRegistrationType createPartyRegistration(String venName, String registrationId,
                                                                         String venId, String transportAddress) {
        OadrCreatePartyRegistrationType m = new OadrCreatePartyRegistrationType();
        m.setRequestID(newId());
        m.setRegistrationID(registrationId);
        m.setVenID(venId);
        m.setOadrProfileName("2.0b");
        m.setOadrTransportName(OadrTransportType.SIMPLE_HTTP);
        m.setOadrReportOnly(false);
        m.setOadrXmlSignature(false);
        m.setOadrVenName(venName);
        m.setOadrHttpPullModel(transportAddress == null);
        m.setOadrTransportAddress(transportAddress);
        m.setSchemaVersion(V);
        return m;
    }

    public static OadrCancelPartyRegistrationType cancelPartyRegistration(String registrationId, String venId) {
        OadrCancelPartyRegistrationType m = new OadrCancelPartyRegistrationType();
        m.setRequestID(newId());
        m.setRegistrationID(registrationId);
        m.setVenID(venId);
        m.setSchemaVersion(V);
        return m;
    }

    public static OadrCanceledPartyRegistrationType canceledPartyRegistration(String requestId, String registrationId,
                                                                             String venId) {
        OadrCanceledPartyRegistrationType m = new OadrCanceledPartyRegistrationType();
        m.setEiResponse(OadrValueTypes.ok(requestId));
        m.setRegistrationID(registrationId);
        m.setVenID(venId);
        m.setSchemaVersion(V);
        return m;
    }

    public static OadrResponseType response(int code, String requestId, String venId) {
        OadrResponseType m = new OadrResponseType();
        m.setEiResponse(OadrValueTypes.response(code, code == 200 ? "OK" : "ERROR", requestId));
        m.setVenID(venId);
        m.setSchemaVersion(V);
        return m;
    }

    public static OadrPollType poll(String venId) {
        OadrPollType m = new OadrPollType();
        m.setVenID(venId);
        m.setSchemaVersion(V);
        return m;
    }

    public static OadrRequestEventType requestEvent(String venId) {
        EiRequestEvent r = new EiRequestEvent();
        r.setRequestID(newId());
        r.setVenID(venId);
        OadrRequestEventType m = new OadrRequestEventType();
        m.setEiRequestEvent(r);
        m.setSchemaVersion(V);
        return m;
    }

    /** One eventResponse of an oadrCreatedEvent. */
    public record EventAnswer(String eventId, long modificationNumber, int code, boolean optIn, String requestId) {
    }

    public static OadrCreatedEventType createdEvent(String venId, List<EventAnswer> answers) {
        EventResponses responses = new EventResponses();
        for (EventAnswer a : answers) {
            EventResponses.EventResponse r = new EventResponses.EventResponse();
            r.setResponseCode(Integer.toString(a.code()));
            r.setResponseDescription(a.code() == 200 ? "OK" : "signal not supported");
            r.setRequestID(a.requestId() == null ? "" : a.requestId());
            QualifiedEventIDType q = new QualifiedEventIDType();
            q.setEventID(a.eventId());
            q.setModificationNumber(a.modificationNumber());
            r.setQualifiedEventID(q);
            r.setOptType(a.optIn() ? OptTypeType.OPT_IN : OptTypeType.OPT_OUT);
            responses.getEventResponse().add(r);
        }
        EiCreatedEvent c = new EiCreatedEvent();
        c.setEiResponse(OadrValueTypes.ok(""));
        c.setEventResponses(responses);
        c.setVenID(venId);
        OadrCreatedEventType m = new OadrCreatedEventType();
        m.setEiCreatedEvent(c);
        m.setSchemaVersion(V);
        return m;
    }

    /** oadrCreateOpt with an availability schedule (P1_2010) or, when {@code eventId} is set, event-scoped. */
    public static OadrCreateOptType createOpt(String venId, String optId, boolean optIn, String marketContext,
                                              List<Instant[]> windows, String eventId, long modificationNumber,
                                              String resourceId, Instant now) {
        OadrCreateOptType m = new OadrCreateOptType();
        m.setOptID(optId);
        m.setOptType(optIn ? OptTypeType.OPT_IN : OptTypeType.OPT_OUT);
        m.setOptReason("participating");
        m.setMarketContext(marketContext);
        m.setVenID(venId);
        if (eventId != null) {
            QualifiedEventIDType q = new QualifiedEventIDType();
            q.setEventID(eventId);
            q.setModificationNumber(modificationNumber);
            m.setQualifiedEventID(q);
        } else {
            VavailabilityType va = new VavailabilityType();
            ArrayOfVavailabilityContainedComponents comps = new ArrayOfVavailabilityContainedComponents();
            for (Instant[] w : windows) {
                Properties p = new Properties();
                p.setDtstart(dtstart(w[0]));
                p.setDuration(duration(Duration.between(w[0], w[1])));
                AvailableType a = new AvailableType();
                a.setProperties(p);
                comps.getAvailable().add(a);
            }
            va.setComponents(comps);
            m.setVavailability(va);
        }
        m.setCreatedDateTime(OadrValueTypes.dateTime(now.truncatedTo(ChronoUnit.SECONDS)));
        m.setSchemaVersion(V);
        m.setRequestID(newId());
        EiTargetType target = new EiTargetType();
        if (resourceId != null) {
            target.getResourceID().add(resourceId);
        } else {
            target.getVenID().add(venId);
        }
        m.setEiTarget(target);
        return m;
    }

    public static OadrCancelOptType cancelOpt(String venId, String optId) {
        OadrCancelOptType m = new OadrCancelOptType();
        m.setRequestID(newId());
        m.setOptID(optId);
        m.setVenID(venId);
        m.setSchemaVersion(V);
        return m;
    }

    /** The suite's METADATA registerReport (rule 301; reportRequestID 0, rule 311); empty when {@code none}. */
    public static OadrRegisterReportType registerReport(String venId, boolean none, Instant now) {
        OadrRegisterReportType m = new OadrRegisterReportType();
        m.setRequestID(newId());
        if (!none) {
            m.getOadrReport().add(metadata("TELEMETRY_USAGE", RID_POWER, "usage", power(), now));
            m.getOadrReport().add(metadata("TELEMETRY_STATUS", RID_STATUS, "x-resourceStatus", null, now));
            m.getOadrReport().add(metadata("HISTORY_USAGE", RID_ENERGY, "usage", energy(), now));
        }
        m.setVenID(venId);
        m.setSchemaVersion(V);
        return m;
    }

    private static OadrReportType metadata(String name, String rId, String reportType,
                                           jakarta.xml.bind.JAXBElement<? extends org.openvtn.schemas.oadr20b.emix.ItemBaseType> item,
                                           Instant now) {
        OadrReportType r = new OadrReportType();
        r.setDuration(duration(Duration.ofDays(1)));
        r.setEiReportID(newId());
        r.setReportRequestID("0");
        r.setReportSpecifierID(name);
        r.setReportName("METADATA_" + name);
        r.setCreatedDateTime(OadrValueTypes.dateTime(now.truncatedTo(ChronoUnit.SECONDS)));
        OadrReportDescriptionType d = new OadrReportDescriptionType();
        d.setRID(rId);
        d.setReportType(reportType);
        d.setItemBase(item);
        d.setReadingType(name.startsWith("HISTORY") ? "Direct Read" : "x-notApplicable");
        OadrSamplingRateType rate = new OadrSamplingRateType();
        rate.setOadrMinPeriod("PT1M");
        rate.setOadrMaxPeriod("PT1H");
        rate.setOadrOnChange(false);
        d.setOadrSamplingRate(rate);
        r.getOadrReportDescription().add(d);
        return r;
    }

    private static jakarta.xml.bind.JAXBElement<PowerRealType> power() {
        PowerRealType p = new PowerRealType();
        p.setItemDescription("RealPower");
        p.setItemUnits("W");
        p.setSiScaleCode("k");
        PowerAttributesType a = new PowerAttributesType();
        a.setHertz(BigDecimal.valueOf(60));
        a.setVoltage(BigDecimal.valueOf(230));
        a.setAc(true);
        p.setPowerAttributes(a);
        return POWER.createPowerReal(p);
    }

    private static jakarta.xml.bind.JAXBElement<EnergyRealType> energy() {
        EnergyRealType e = new EnergyRealType();
        e.setItemDescription("RealEnergy");
        e.setItemUnits("Wh");
        e.setSiScaleCode("k");
        return POWER.createEnergyReal(e);
    }

    /** oadrRegisteredReport 200: a push VEN's synchronous answer to the VTN's oadrRegisterReport (2.0b 8.3). */
    public static org.openvtn.schemas.oadr20b.OadrRegisteredReportType registeredReport(String venId,
                                                                                        String requestId) {
        org.openvtn.schemas.oadr20b.OadrRegisteredReportType m = new org.openvtn.schemas.oadr20b.OadrRegisteredReportType();
        m.setEiResponse(OadrValueTypes.ok(requestId));
        m.setVenID(venId);
        m.setSchemaVersion(V);
        return m;
    }

    public static OadrCreatedReportType createdReport(String venId, String requestId, List<String> pending) {
        OadrCreatedReportType m = new OadrCreatedReportType();
        m.setEiResponse(OadrValueTypes.ok(requestId));
        OadrPendingReportsType p = new OadrPendingReportsType();
        p.getReportRequestID().addAll(pending);
        m.setOadrPendingReports(p);
        m.setVenID(venId);
        m.setSchemaVersion(V);
        return m;
    }

    /** oadrUpdateReport with one float reading per rID at {@code at}. */
    public static OadrUpdateReportType updateReport(String venId, String reportRequestId, String specifierId,
                                                    String reportName, List<String> rIds, Instant at) {
        Instant t = at.truncatedTo(ChronoUnit.SECONDS);
        OadrReportType r = new OadrReportType();
        r.setDtstart(dtstart(t));
        r.setDuration(duration(Duration.ofMinutes(1)));
        Intervals intervals = new Intervals();
        int uid = 0;
        for (String rId : rIds) {
            IntervalType iv = new IntervalType();
            iv.setDtstart(dtstart(t));
            iv.setDuration(duration(Duration.ofMinutes(1)));
            Uid u = new Uid();
            u.setText(Integer.toString(uid++));
            iv.setUid(u);
            OadrReportPayloadType payload = new OadrReportPayloadType();
            payload.setRID(rId);
            PayloadFloatType f = new PayloadFloatType();
            f.setValue(1.5f);
            payload.setPayloadBase(EI.createPayloadFloat(f));
            payload.setOadrDataQuality("Quality Good - Non Specific");
            iv.getStreamPayloadBase().add(OADR.createOadrReportPayload(payload));
            intervals.getInterval().add(iv);
        }
        r.setIntervals(intervals);
        r.setEiReportID(newId());
        r.setReportRequestID(reportRequestId);
        r.setReportSpecifierID(specifierId);
        r.setReportName(reportName);
        r.setCreatedDateTime(OadrValueTypes.dateTime(t));
        OadrUpdateReportType m = new OadrUpdateReportType();
        m.setRequestID(newId());
        m.getOadrReport().add(r);
        m.setVenID(venId);
        m.setSchemaVersion(V);
        return m;
    }

    /** oadrCancelReport from the VEN: the VEN cancels one of the VTN's requests to it. */
    public static OadrCancelReportType cancelReport(String venId, String reportRequestId, boolean reportToFollow) {
        OadrCancelReportType m = new OadrCancelReportType();
        m.setRequestID(newId());
        m.getReportRequestID().add(reportRequestId);
        m.setReportToFollow(reportToFollow);
        m.setVenID(venId);
        m.setSchemaVersion(V);
        return m;
    }

    static Dtstart dtstart(Instant t) {
        Dtstart d = new Dtstart();
        d.setDateTime(OadrValueTypes.dateTime(t.truncatedTo(ChronoUnit.SECONDS)));
        return d;
    }

    static DurationPropType duration(Duration d) {
        DurationPropType p = new DurationPropType();
        p.setDuration(Duration.ofSeconds(d.getSeconds()).toString());
        return p;
    }
}

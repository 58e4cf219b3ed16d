package org.openvtn.ven.protocol;

import java.time.Instant;
import java.util.List;

import org.openvtn.schemas.oadr20b.OadrCancelOptType;
import org.openvtn.schemas.oadr20b.OadrCancelPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCanceledPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreateOptType;
import org.openvtn.schemas.oadr20b.OadrCreatePartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreatedEventType;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.oadr20b.OadrQueryRegistrationType;
import org.openvtn.schemas.oadr20b.OadrRequestEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.OadrTransportType;
import org.openvtn.schemas.oadr20b.ei.EiTargetType;
import org.openvtn.schemas.oadr20b.ei.EventResponses;
import org.openvtn.schemas.oadr20b.ei.OptTypeType;
import org.openvtn.schemas.oadr20b.ei.QualifiedEventIDType;
import org.openvtn.schemas.oadr20b.pyld.EiCreatedEvent;
import org.openvtn.schemas.oadr20b.pyld.EiRequestEvent;
import org.openvtn.schemas.oadr20b.xcal.ArrayOfVavailabilityContainedComponents;
import org.openvtn.schemas.oadr20b.xcal.AvailableType;
import org.openvtn.schemas.oadr20b.xcal.Properties;
import org.openvtn.schemas.oadr20b.xcal.VavailabilityType;
import org.openvtn.ven.AvailabilityWindow;
import org.openvtn.ven.OptType;

/** Builders of the messages a VEN sends (OpenADR 2.0b profile §8). Every payload carries schemaVersion 2.0b. Internal. */
public final class Messages {

    /** One eventResponse of an oadrCreatedEvent. */
    public record EventAnswer(String eventId, long modificationNumber, int code, String description, OptType opt,
                              String requestId) {
    }

    private Messages() {
    }

    public static OadrQueryRegistrationType queryRegistration() {
        OadrQueryRegistrationType m = new OadrQueryRegistrationType();
        m.setRequestID(Xml.newId());
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    /** oadrCreatePartyRegistration for the 2.0b profile, simpleHttp pull, no XML signatures. */
    public static OadrCreatePartyRegistrationType createPartyRegistration(String venName, String registrationId,
                                                                         String venId, boolean reportOnly) {
        return createPartyRegistration(venName, registrationId, venId, reportOnly, null);
    }

    /**
     * oadrCreatePartyRegistration for the 2.0b profile over simpleHttp: pull when {@code transportAddress} is null,
     * otherwise push ({@code oadrHttpPullModel=false}) with the VEN's root address as oadrTransportAddress.
     */
    public static OadrCreatePartyRegistrationType createPartyRegistration(String venName, String registrationId,
                                                                         String venId, boolean reportOnly,
                                                                         String transportAddress) {
        OadrCreatePartyRegistrationType m = new OadrCreatePartyRegistrationType();
        m.setRequestID(Xml.newId());
        m.setRegistrationID(registrationId);
        m.setVenID(venId);
        m.setOadrProfileName("2.0b");
        m.setOadrTransportName(OadrTransportType.SIMPLE_HTTP);
        m.setOadrReportOnly(reportOnly);
        m.setOadrXmlSignature(false);
        m.setOadrVenName(venName);
        m.setOadrHttpPullModel(transportAddress == null);
        m.setOadrTransportAddress(transportAddress);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    public static OadrCancelPartyRegistrationType cancelPartyRegistration(String registrationId, String venId) {
        OadrCancelPartyRegistrationType m = new OadrCancelPartyRegistrationType();
        m.setRequestID(Xml.newId());
        m.setRegistrationID(registrationId);
        m.setVenID(venId);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    public static OadrCanceledPartyRegistrationType canceledPartyRegistration(int code, String requestId,
                                                                             String registrationId, String venId) {
        OadrCanceledPartyRegistrationType m = new OadrCanceledPartyRegistrationType();
        m.setEiResponse(Xml.response(code, code == 200 ? "OK" : "ERROR", requestId));
        m.setRegistrationID(registrationId);
        m.setVenID(venId);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    public static OadrRequestEventType requestEvent(String venId) {
        EiRequestEvent r = new EiRequestEvent();
        r.setRequestID(Xml.newId());
        r.setVenID(venId);
        OadrRequestEventType m = new OadrRequestEventType();
        m.setEiRequestEvent(r);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    public static OadrPollType poll(String venId) {
        OadrPollType m = new OadrPollType();
        m.setVenID(venId);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    public static OadrResponseType response(int code, String description, String requestId, String venId) {
        OadrResponseType m = new OadrResponseType();
        m.setEiResponse(Xml.response(code, description, requestId));
        m.setVenID(venId);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    /** oadrCreatedEvent answering one distribution (rules 12/62; 460 for unsupported signals, rule 109). */
    public static OadrCreatedEventType createdEvent(String venId, String requestId, List<EventAnswer> answers) {
        EventResponses responses = new EventResponses();
        for (EventAnswer a : answers) {
            EventResponses.EventResponse r = new EventResponses.EventResponse();
            r.setResponseCode(Integer.toString(a.code()));
            r.setResponseDescription(a.description());
            r.setRequestID(a.requestId() == null ? "" : a.requestId());
            QualifiedEventIDType q = new QualifiedEventIDType();
            q.setEventID(a.eventId());
            q.setModificationNumber(a.modificationNumber());
            r.setQualifiedEventID(q);
            r.setOptType(a.opt() == OptType.OPT_OUT ? OptTypeType.OPT_OUT : OptTypeType.OPT_IN);
            responses.getEventResponse().add(r);
        }
        EiCreatedEvent c = new EiCreatedEvent();
        c.setEiResponse(Xml.ok(requestId));
        c.setEventResponses(responses);
        c.setVenID(venId);
        OadrCreatedEventType m = new OadrCreatedEventType();
        m.setEiCreatedEvent(c);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    /** oadrCreateOpt carrying an availability schedule (EiOpt, P1_2010, rule 510). */
    public static OadrCreateOptType createOpt(String venId, String optId, OptType opt, String reason,
                                              String marketContext, List<AvailabilityWindow> windows, Instant now) {
        OadrCreateOptType m = new OadrCreateOptType();
        m.setOptID(optId);
        m.setOptType(opt == OptType.OPT_OUT ? OptTypeType.OPT_OUT : OptTypeType.OPT_IN);
        m.setOptReason(reason);
        m.setMarketContext(marketContext);
        m.setVenID(venId);
        VavailabilityType va = new VavailabilityType();
        ArrayOfVavailabilityContainedComponents comps = new ArrayOfVavailabilityContainedComponents();
        for (AvailabilityWindow w : windows) {
            Properties p = new Properties();
            p.setDtstart(Xml.dtstart(w.start()));
            p.setDuration(Xml.duration(w.duration()));
            AvailableType a = new AvailableType();
            a.setProperties(p);
            comps.getAvailable().add(a);
        }
        va.setComponents(comps);
        m.setVavailability(va);
        m.setCreatedDateTime(Xml.dateTime(now));
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        m.setRequestID(Xml.newId());
        EiTargetType target = new EiTargetType();
        target.getVenID().add(venId);
        m.setEiTarget(target);
        return m;
    }

    /**
     * An event-scoped oadrCreateOpt (OpenADR 2.0b §8.4 EiOpt, P1_2020): {@code qualifiedEventID} names the event and
     * its modificationNumber; no availability schedule.
     */
    public static OadrCreateOptType createEventOpt(String venId, String optId, OptType opt, String reason,
                                                   String marketContext, String eventId, long modificationNumber,
                                                   Instant now) {
        OadrCreateOptType m = createOpt(venId, optId, opt, reason, marketContext, List.of(), now);
        m.setVavailability(null);
        QualifiedEventIDType q = new QualifiedEventIDType();
        q.setEventID(eventId);
        q.setModificationNumber(modificationNumber);
        m.setQualifiedEventID(q);
        return m;
    }

    public static OadrCancelOptType cancelOpt(String venId, String optId) {
        OadrCancelOptType m = new OadrCancelOptType();
        m.setRequestID(Xml.newId());
        m.setOptID(optId);
        m.setVenID(venId);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }
}

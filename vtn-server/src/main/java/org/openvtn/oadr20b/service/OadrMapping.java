package org.openvtn.oadr20b.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.openvtn.core.Event;
import org.openvtn.core.EventStatus;
import org.openvtn.core.Interval;
import org.openvtn.core.Registration;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Signal;
import org.openvtn.core.Targets;
import org.openvtn.schemas.oadr20b.OadrCancelOptType;
import org.openvtn.schemas.oadr20b.OadrCancelPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCancelReportType;
import org.openvtn.schemas.oadr20b.OadrCanceledOptType;
import org.openvtn.schemas.oadr20b.OadrCanceledPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCanceledReportType;
import org.openvtn.schemas.oadr20b.OadrCreateOptType;
import org.openvtn.schemas.oadr20b.OadrCreatePartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreateReportType;
import org.openvtn.schemas.oadr20b.OadrCreatedOptType;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreatedReportType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrPendingReportsType;
import org.openvtn.schemas.oadr20b.OadrProfiles;
import org.openvtn.schemas.oadr20b.OadrQueryRegistrationType;
import org.openvtn.schemas.oadr20b.OadrRegisterReportType;
import org.openvtn.schemas.oadr20b.OadrRegisteredReportType;
import org.openvtn.schemas.oadr20b.OadrRequestEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.OadrTransportType;
import org.openvtn.schemas.oadr20b.OadrTransports;
import org.openvtn.schemas.oadr20b.OadrUpdateReportType;
import org.openvtn.schemas.oadr20b.OadrUpdatedReportType;
import org.openvtn.schemas.oadr20b.ResponseRequiredType;
import org.openvtn.schemas.oadr20b.ei.CurrentValueType;
import org.openvtn.schemas.oadr20b.ei.EiActivePeriodType;
import org.openvtn.schemas.oadr20b.ei.EiEventSignalType;
import org.openvtn.schemas.oadr20b.ei.EiEventSignalsType;
import org.openvtn.schemas.oadr20b.ei.EiEventType;
import org.openvtn.schemas.oadr20b.ei.EiResponseType;
import org.openvtn.schemas.oadr20b.ei.EiTargetType;
import org.openvtn.schemas.oadr20b.ei.EventDescriptorType;
import org.openvtn.schemas.oadr20b.ei.EventStatusEnumeratedType;
import org.openvtn.schemas.oadr20b.ei.IntervalType;
import org.openvtn.schemas.oadr20b.ei.PayloadFloatType;
import org.openvtn.schemas.oadr20b.ei.SignalPayloadType;
import org.openvtn.schemas.oadr20b.ei.SignalTypeEnumeratedType;
import org.openvtn.schemas.oadr20b.strm.Intervals;
import org.openvtn.schemas.oadr20b.xcal.Properties;
import org.openvtn.schemas.oadr20b.xcal.Uid;

/**
 * The one place where core objects become OpenADR 2.0b messages and back for registrations,
 * events and error responses (reports: {@link OadrReportMapping}; lexical values:
 * {@link OadrValues}). Interpretations are listed in docs/openadr-20b.md.
 */
public final class OadrMapping {
    /** The only profile and transport this VTN offers (OpenADR 2.0b simple HTTP, pull). */
    public static final String PROFILE = "2.0b";

    private static final org.openvtn.schemas.oadr20b.ei.ObjectFactory EI = new org.openvtn.schemas.oadr20b.ei.ObjectFactory();

    private OadrMapping() {
    }

    // ---------------------------------------------------------------- registration

    /**
     * oadrCreatedPartyRegistration; without IDs when {@code reg} is null (N1_0010), with
     * registrationID, venID and poll frequency otherwise (N1_0015).
     */
    public static OadrCreatedPartyRegistrationType createdPartyRegistration(EiResponseType response, String vtnId,
                                                                            Registration reg) {
        OadrCreatedPartyRegistrationType r = new OadrCreatedPartyRegistrationType();
        r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        r.setEiResponse(response);
        r.setVtnID(vtnId);
        if (reg != null) {
            r.setRegistrationID(reg.registrationId());
            r.setVenID(reg.participantId());
            r.setOadrRequestedOadrPollFreq(OadrValues.durationProp(reg.pollFreq()));
        }
        r.setOadrProfiles(profiles());
        return r;
    }

    /** @return the offered profiles: 2.0b over simpleHttp */
    public static OadrProfiles profiles() {
        OadrTransports.OadrTransport t = new OadrTransports.OadrTransport();
        t.setOadrTransportName(OadrTransportType.SIMPLE_HTTP);
        OadrTransports ts = new OadrTransports();
        ts.getOadrTransport().add(t);
        OadrProfiles.OadrProfile p = new OadrProfiles.OadrProfile();
        p.setOadrProfileName(PROFILE);
        p.setOadrTransports(ts);
        OadrProfiles ps = new OadrProfiles();
        ps.getOadrProfile().add(p);
        return ps;
    }

    /** @return an oadrResponse */
    public static OadrResponseType response(EiResponseType eiResponse, String venId) {
        OadrResponseType r = new OadrResponseType();
        r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        r.setEiResponse(eiResponse);
        r.setVenID(venId);
        return r;
    }

    // ---------------------------------------------------------------- events

    /**
     * oadrDistributeEvent carrying every event of {@code events} (the complete current list for one
     * VEN: an absent event is implicitly cancelled).
     */
    public static OadrDistributeEventType distributeEvent(String vtnId, String requestId, EiResponseType response,
                                                          List<Event> events, Registration recipient,
                                                          Instant now, Duration nearWindow) {
        OadrDistributeEventType d = new OadrDistributeEventType();
        d.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        d.setEiResponse(response);
        d.setRequestID(requestId);
        d.setVtnID(vtnId);
        for (Event e : events) {
            OadrDistributeEventType.OadrEvent oe = new OadrDistributeEventType.OadrEvent();
            oe.setEiEvent(event(e, recipient, now, nearWindow));
            oe.setOadrResponseRequired(e.spec().responseRequired() == ResponseRequired.NEVER
                    ? ResponseRequiredType.NEVER : ResponseRequiredType.ALWAYS);
            d.getOadrEvent().add(oe);
        }
        return d;
    }

    /** One ei:eiEvent: descriptor, active period, signals (uids 0,1,2…, currentValue), targets. */
    public static EiEventType event(Event e, Registration recipient, Instant now, Duration nearWindow) {
        EventDescriptorType desc = new EventDescriptorType();
        desc.setEventID(e.id());
        desc.setModificationNumber(e.modificationNumber());
        desc.setModificationDateTime(OadrValues.dateTime(e.modifiedAt()));
        desc.setPriority(e.spec().priority());
        EventDescriptorType.EiMarketContext mc = new EventDescriptorType.EiMarketContext();
        mc.setMarketContext(e.marketContext());
        desc.setEiMarketContext(mc);
        desc.setCreatedDateTime(OadrValues.dateTime(e.createdAt()));
        desc.setEventStatus(status(e.status(now, nearWindow)));
        desc.setTestEvent(Boolean.toString(e.spec().testEvent()));
        desc.setVtnComment(e.spec().vtnComment());

        Properties props = new Properties();
        props.setDtstart(OadrValues.dtstart(e.start()));
        props.setDuration(OadrValues.durationProp(e.duration()));
        if (!e.spec().randomizeStart().isZero()) {
            Properties.Tolerance.Tolerate tolerate = new Properties.Tolerance.Tolerate();
            tolerate.setStartafter(OadrValues.durationValue(e.spec().randomizeStart()));
            Properties.Tolerance tolerance = new Properties.Tolerance();
            tolerance.setTolerate(tolerate);
            props.setTolerance(tolerance);
        }
        if (!nearWindow.isZero()) {
            props.setXEiNotification(OadrValues.durationProp(nearWindow));
        }
        if (!e.spec().rampUp().isZero()) {
            props.setXEiRampUp(OadrValues.durationProp(e.spec().rampUp()));
        }
        if (!e.spec().recovery().isZero()) {
            props.setXEiRecovery(OadrValues.durationProp(e.spec().recovery()));
        }
        EiActivePeriodType period = new EiActivePeriodType();
        period.setProperties(props);
        period.setComponents(null);

        EiEventSignalsType signals = new EiEventSignalsType();
        for (Signal s : e.spec().openAdrSignals()) { // curve signals have no OpenADR meaning (core-model.md)
            signals.getEiEventSignal().add(signal(e, s, now));
        }
        EiEventType ev = new EiEventType();
        ev.setEventDescriptor(desc);
        ev.setEiActivePeriod(period);
        ev.setEiEventSignals(signals);
        ev.setEiTarget(target(e.spec().targets(), recipient));
        return ev;
    }

    private static EiEventSignalType signal(Event e, Signal s, Instant now) {
        Intervals intervals = new Intervals();
        for (Interval i : s.intervals()) {
            IntervalType it = new IntervalType();
            it.setDuration(OadrValues.durationProp(i.duration()));
            Uid uid = new Uid();
            uid.setText(Integer.toString(i.uid()));
            it.setUid(uid);
            SignalPayloadType sp = new SignalPayloadType();
            sp.setPayloadBase(EI.createPayloadFloat(floatPayload(i.value())));
            it.getStreamPayloadBase().add(EI.createSignalPayload(sp));
            intervals.getInterval().add(it);
        }
        EiEventSignalType sig = new EiEventSignalType();
        sig.setIntervals(intervals);
        sig.setSignalName(s.name());
        sig.setSignalType(SignalTypeEnumeratedType.fromValue(s.type()));
        sig.setSignalID(s.signalId());
        sig.setItemBase(OadrUnits.itemBase(s.units()));
        CurrentValueType cv = new CurrentValueType();
        cv.setPayloadFloat(floatPayload(e.currentValue(s, now)));
        sig.setCurrentValue(cv);
        return sig;
    }

    private static PayloadFloatType floatPayload(double v) {
        PayloadFloatType p = new PayloadFloatType();
        p.setValue((float) v);
        return p;
    }

    /** eiTarget: the event's own lists; "all" is written as the recipient's venID. */
    static EiTargetType target(Targets t, Registration recipient) {
        EiTargetType target = new EiTargetType();
        target.getVenID().addAll(t.participantIds());
        target.getGroupID().addAll(t.groupIds());
        target.getResourceID().addAll(t.resourceIds());
        target.getPartyID().addAll(t.partyIds());
        if (t.all() && recipient != null && !target.getVenID().contains(recipient.participantId())) {
            target.getVenID().add(recipient.participantId());
        }
        return target;
    }

    /** @return the 2.0b event status */
    public static EventStatusEnumeratedType status(EventStatus s) {
        return EventStatusEnumeratedType.fromValue(s.wireName());
    }

    // ---------------------------------------------------------------- errors

    /**
     * The schema-valid answer of the right type carrying an error code, for a request that could be
     * decoded but not served; {@code request} null (undecodable) gives an oadrResponse.
     *
     * @param request   decoded request or null
     * @param response  eiResponse with the error code
     * @param vtnId     the VTN ID
     * @param venId     caller's venID if known, else null
     * @return a message for {@code OadrCodec.encodePayload}
     */
    public static Object errorFor(Object request, EiResponseType response, String vtnId, String venId) {
        if (request instanceof OadrQueryRegistrationType || request instanceof OadrCreatePartyRegistrationType) {
            return createdPartyRegistration(response, vtnId, null);
        }
        if (request instanceof OadrCancelPartyRegistrationType c) {
            OadrCanceledPartyRegistrationType r = new OadrCanceledPartyRegistrationType();
            r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
            r.setEiResponse(response);
            r.setRegistrationID(c.getRegistrationID());
            r.setVenID(c.getVenID());
            return r;
        }
        if (request instanceof OadrRequestEventType) {
            return distributeEvent(vtnId, OadrValues.newRequestId(), response, List.of(), null, Instant.EPOCH,
                    Duration.ZERO);
        }
        if (request instanceof OadrCreateOptType c) {
            OadrCreatedOptType r = new OadrCreatedOptType();
            r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
            r.setEiResponse(response);
            r.setOptID(c.getOptID() == null ? "" : c.getOptID());
            return r;
        }
        if (request instanceof OadrCancelOptType c) {
            OadrCanceledOptType r = new OadrCanceledOptType();
            r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
            r.setEiResponse(response);
            r.setOptID(c.getOptID());
            return r;
        }
        if (request instanceof OadrRegisterReportType) {
            OadrRegisteredReportType r = new OadrRegisteredReportType();
            r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
            r.setEiResponse(response);
            r.setVenID(venId);
            return r;
        }
        if (request instanceof OadrUpdateReportType) {
            OadrUpdatedReportType r = new OadrUpdatedReportType();
            r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
            r.setEiResponse(response);
            r.setVenID(venId);
            return r;
        }
        if (request instanceof OadrCancelReportType) {
            OadrCanceledReportType r = new OadrCanceledReportType();
            r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
            r.setEiResponse(response);
            r.setOadrPendingReports(new OadrPendingReportsType());
            r.setVenID(venId);
            return r;
        }
        if (request instanceof OadrCreateReportType) {
            OadrCreatedReportType r = new OadrCreatedReportType();
            r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
            r.setEiResponse(response);
            r.setOadrPendingReports(new OadrPendingReportsType());
            r.setVenID(venId);
            return r;
        }
        return response(response, venId);
    }
}

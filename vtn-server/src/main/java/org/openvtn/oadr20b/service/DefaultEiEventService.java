package org.openvtn.oadr20b.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openvtn.certs.identity.LogSafe;
import org.openvtn.core.EventService;
import org.openvtn.core.OptType;
import org.openvtn.core.Registration;
import org.openvtn.core.RegistrationService;
import org.openvtn.core.VtnException;
import org.openvtn.schemas.oadr20b.OadrCreatedEventType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrRequestEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.ei.EventResponses;
import org.openvtn.schemas.oadr20b.pyld.EiCreatedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Default {@link EiEventService} over the core {@link EventService}. */
public final class DefaultEiEventService implements EiEventService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultEiEventService.class);

    private final RegistrationService registrations;
    private final EventService events;
    private final java.time.Clock clock;
    private final Duration nearWindow;

    public DefaultEiEventService(RegistrationService registrations, EventService events, java.time.Clock clock,
                                 Duration nearWindow) {
        this.registrations = registrations;
        this.events = events;
        this.clock = clock;
        this.nearWindow = nearWindow;
    }

    @Override
    public OadrDistributeEventType requestEvent(OadrCaller caller, OadrRequestEventType request) {
        Registration reg = registrations.authorize(caller.fingerprint(), request.getEiRequestEvent().getVenID());
        OadrDistributeEventType d = build(reg, OadrValues.ok(request.getEiRequestEvent().getRequestID()));
        Long limit = request.getEiRequestEvent().getReplyLimit();
        if (limit != null && limit >= 0 && d.getOadrEvent().size() > limit) {
            d.getOadrEvent().subList(limit.intValue(), d.getOadrEvent().size()).clear();
        }
        return d;
    }

    @Override
    public OadrDistributeEventType distribution(String venId) {
        Registration reg = registrations.byVenId(venId).filter(Registration::active)
                .orElseThrow(() -> VtnException.invalidId("venID", "unknown VEN " + venId));
        return build(reg, null);
    }

    @Override
    public boolean distributionAcknowledged(String venId) {
        boolean awaited = false;
        for (org.openvtn.core.Event e : events.eventsFor(venId)) {
            if (e.spec().responseRequired() == org.openvtn.core.ResponseRequired.ALWAYS) {
                awaited = true;
                if (!events.answered(venId, e.id(), e.modificationNumber())) {
                    return false;
                }
            }
        }
        return awaited;
    }

    private OadrDistributeEventType build(Registration reg, org.openvtn.schemas.oadr20b.ei.EiResponseType response) {
        return OadrMapping.distributeEvent(registrations.vtnId(), OadrValues.newRequestId(), response,
                events.distribute(reg.participantId()), reg, clock.instant(), nearWindow);
    }

    @Override
    public OadrResponseType createdEvent(OadrCaller caller, OadrCreatedEventType request) {
        EiCreatedEvent body = request.getEiCreatedEvent();
        Registration reg = registrations.authorize(caller.fingerprint(), body.getVenID());
        String requestId = body.getEiResponse().getRequestID();
        List<String> failures = new ArrayList<>();
        int failureCode = 200;
        List<EventResponses.EventResponse> list = body.getEventResponses() == null ? List.of()
                : body.getEventResponses().getEventResponse();
        for (EventResponses.EventResponse er : list) {
            String eventId = er.getQualifiedEventID().getEventID();
            try {
                int code = parseCode(er.getResponseCode());
                OptType opt = OptType.parse(er.getOptType() == null ? null : er.getOptType().value());
                events.recordResponse(reg.participantId(), eventId, er.getQualifiedEventID().getModificationNumber(),
                        opt, OadrResponseCodes.outcome(code), String.valueOf(code), er.getResponseDescription());
                if (code != 200) {
                    LOG.info("VEN {} answered event {} with {} ({})", reg.participantId(), LogSafe.text(eventId), code,
                            LogSafe.text(er.getResponseDescription()));
                }
            } catch (VtnException e) {
                LOG.info("VEN {}: eventResponse for {} refused: {} {}", reg.participantId(), LogSafe.text(eventId),
                        OadrResponseCodes.of(e), LogSafe.text(e.getMessage()));
                failures.add(eventId + ": " + e.getMessage());
                failureCode = failureCode == 200 ? OadrValues.code(e.errorCode()) : failureCode;
            }
        }
        if (failures.isEmpty()) {
            return OadrMapping.response(OadrValues.ok(requestId), reg.participantId());
        }
        return OadrMapping.response(OadrValues.response(failureCode, String.join("; ", failures), requestId),
                reg.participantId());
    }

    private static int parseCode(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (RuntimeException e) {
            throw VtnException.invalidData("responseCode", "responseCode '" + s + "' is not a number");
        }
    }
}

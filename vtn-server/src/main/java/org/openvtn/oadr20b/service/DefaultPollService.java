package org.openvtn.oadr20b.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.openvtn.core.ErrorCode;
import org.openvtn.core.PollItem;
import org.openvtn.core.PollQueue;
import org.openvtn.core.Registration;
import org.openvtn.core.RegistrationService;
import org.openvtn.core.ReportRequest;
import org.openvtn.core.ReportRequestStatus;
import org.openvtn.core.ReportService;
import org.openvtn.core.VtnException;
import org.openvtn.core.service.CoreMetrics;
import org.openvtn.schemas.oadr20b.OadrCancelPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.oadr20b.OadrRequestReregistrationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Default {@link PollService}: pops the core {@link PollQueue} and renders the item. */
public final class DefaultPollService implements PollService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultPollService.class);

    private final RegistrationService registrations;
    private final PollQueue queue;
    private final ReportService reports;
    private final EiEventService events;
    private final Clock clock;
    private final CoreMetrics metrics;
    private final PollItemRenderer renderer;

    public DefaultPollService(RegistrationService registrations, PollQueue queue, ReportService reports,
                              EiEventService events, Clock clock) {
        this(registrations, queue, reports, events, clock, new CoreMetrics());
    }

    public DefaultPollService(RegistrationService registrations, PollQueue queue, ReportService reports,
                              EiEventService events, Clock clock, CoreMetrics metrics) {
        this.metrics = metrics;
        this.registrations = registrations;
        this.queue = queue;
        this.reports = reports;
        this.events = events;
        this.clock = clock;
        this.renderer = new PollItemRenderer(reports, events, clock);
    }

    @Override
    public Object poll(OadrCaller caller, OadrPollType request) {
        metrics.oadrPoll();
        Optional<Registration> active = registrations.query(caller.fingerprint());
        if (active.isEmpty()) {
            // A VTN-cancelled VEN is inactive but must still collect its oadrCancelPartyRegistration.
            Optional<Registration> cancelled = registrations.byVenId(request.getVenID())
                    .filter(r -> r.fingerprint().equals(caller.fingerprint()));
            Optional<PollItem> head = cancelled.flatMap(r -> queue.peek(r.participantId()));
            if (head.isPresent() && head.get().kind() == PollItem.Kind.REGISTRATION_CANCELLED
                    && queue.due(head.get())) {
                // at-least-once (issue #12 item 6): the head is due, so deliver() carries it and keeps it queued
                Optional<PollItem> sent = queue.deliver(cancelled.get().participantId(), p -> false);
                if (sent.isPresent() && sent.get().seq() == head.get().seq()) {
                    return cancelRegistration(cancelled.get().participantId(), head.get().reference());
                }
            }
            throw new VtnException(ErrorCode.NOT_REGISTERED_OR_AUTHORIZED, "venID", "the caller is not registered");
        }
        Registration reg = registrations.authorize(caller.fingerprint(), request.getVenID());
        while (true) {
            Optional<PollItem> next = queue.deliver(reg.participantId(), item -> acknowledged(reg, item));
            if (next.isEmpty()) {
                return OadrMapping.response(OadrValues.ok(null), reg.participantId());
            }
            Object message = render(reg, next.get());
            if (message != null) {
                return message;
            }
            queue.acknowledge(next.get().seq()); // moot: nothing left to send for it
        }
    }

    /**
     * Whether the VEN has shown it has a sent item (issue #12 item 6; docs/openadr-20b.md "Poll delivery"). Only
     * items with a 2.0b acknowledgement can be confirmed; the others are carried again until the queue's delivery
     * limit.
     */
    private boolean acknowledged(Registration reg, PollItem item) {
        switch (item.kind()) {
            case EVENTS_CHANGED:
                return events.distributionAcknowledged(reg.participantId());
            case REPORT_REQUESTED:
                // oadrCreatedReport (or an oadrRegisteredReport carrying the request) moved it out of PENDING
                return reports.request(item.reference()).map(r -> r.status() != ReportRequestStatus.PENDING)
                        .orElse(true);
            case REPORT_CANCELLED:
                // oadrCanceledReport removes it (DefaultEiReportService); a request gone with a re-registration too
                return reports.request(item.reference()).isEmpty();
            case REREGISTRATION_REQUESTED:
                // the VEN registered again after the request left
                return reg.registeredAt() != null && reg.registeredAt().isAfter(item.sentAt());
            default:
                return false;
        }
    }

    private Object render(Registration reg, PollItem item) {
        return renderer.render(reg, item);
    }

    private static OadrCancelPartyRegistrationType cancelRegistration(String venId, String registrationId) {
        return PollItemRenderer.cancelRegistration(venId, registrationId);
    }
}

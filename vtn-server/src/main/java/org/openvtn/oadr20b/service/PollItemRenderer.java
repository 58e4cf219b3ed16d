package org.openvtn.oadr20b.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.openvtn.core.PollItem;
import org.openvtn.core.Registration;
import org.openvtn.core.ReportRequest;
import org.openvtn.core.ReportRequestStatus;
import org.openvtn.core.ReportService;
import org.openvtn.schemas.oadr20b.OadrCancelPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrRequestReregistrationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a core {@link PollItem} as the 2.0b message a VEN receives for it: the answer to an oadrPoll (pull,
 * OpenADR 2.0b 8.7) or the body of a push (issue #14). One rendering for both exchange models.
 */
public final class PollItemRenderer {
    private static final Logger LOG = LoggerFactory.getLogger(PollItemRenderer.class);

    private final ReportService reports;
    private final EiEventService events;
    private final Clock clock;

    public PollItemRenderer(ReportService reports, EiEventService events, Clock clock) {
        this.reports = reports;
        this.events = events;
        this.clock = clock;
    }

    /** @return the message, or null when the item has nothing to deliver any more (skip it) */
    public Object render(Registration reg, PollItem item) {
        switch (item.kind()) {
            case EVENTS_CHANGED:
                return events.distribution(reg.participantId());
            case REGISTRATION_CANCELLED:
                return cancelRegistration(reg.participantId(), item.reference());
            case REREGISTRATION_REQUESTED: {
                OadrRequestReregistrationType r = new OadrRequestReregistrationType();
                r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
                r.setVenID(reg.participantId());
                return r;
            }
            case REPORT_REQUESTED: {
                Optional<ReportRequest> rr = reports.request(item.reference());
                if (rr.isEmpty()) {
                    LOG.warn("Poll item {} for {} names unknown report request {}; skipped", item.seq(),
                            reg.participantId(), item.reference());
                    return null;
                }
                if (rr.get().status() == ReportRequestStatus.ACTIVE || rr.get().status() == ReportRequestStatus.COMPLETED) {
                    return null; // acknowledged already: it rode on an oadrRegisteredReport
                }
                return OadrReportMapping.createReport(reg.participantId(), List.of(rr.get()), clock.instant());
            }
            case REPORT_CANCELLED: {
                Optional<ReportRequest> rr = reports.request(item.reference());
                return rr.map(OadrReportMapping::cancelReport).orElse(null);
            }
            default:
                LOG.warn("Poll item kind {} has no 2.0b rendering; skipped", item.kind());
                return null;
        }
    }

    /**
     * The VTN's own oadrRegisterReport (METADATA; OpenADR 2.0b 8.3, registration sequence): this VTN offers no
     * reports, so the register carries none.
     */
    public static org.openvtn.schemas.oadr20b.OadrRegisterReportType vtnMetadata(String venId) {
        org.openvtn.schemas.oadr20b.OadrRegisterReportType r = new org.openvtn.schemas.oadr20b.OadrRegisterReportType();
        r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        r.setRequestID(OadrValues.newRequestId());
        r.setVenID(venId);
        return r;
    }

    /** oadrCancelPartyRegistration of a VTN-initiated deregistration. */
    public static OadrCancelPartyRegistrationType cancelRegistration(String venId, String registrationId) {
        OadrCancelPartyRegistrationType c = new OadrCancelPartyRegistrationType();
        c.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        c.setRequestID(OadrValues.newRequestId());
        c.setRegistrationID(registrationId);
        c.setVenID(venId);
        return c;
    }
}

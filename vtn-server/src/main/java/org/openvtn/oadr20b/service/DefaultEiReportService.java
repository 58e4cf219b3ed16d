package org.openvtn.oadr20b.service;

import java.util.ArrayList;
import java.util.List;
import org.openvtn.certs.identity.LogSafe;
import org.openvtn.core.ErrorCode;
import org.openvtn.core.Registration;
import org.openvtn.core.RegistrationService;
import org.openvtn.core.ReportRequest;
import org.openvtn.core.ReportRequestStatus;
import org.openvtn.core.ReportService;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.core.VtnException;
import org.openvtn.schemas.oadr20b.OadrCancelReportType;
import org.openvtn.schemas.oadr20b.OadrCanceledReportType;
import org.openvtn.schemas.oadr20b.OadrCreateReportType;
import org.openvtn.schemas.oadr20b.OadrCreatedReportType;
import org.openvtn.schemas.oadr20b.OadrPendingReportsType;
import org.openvtn.schemas.oadr20b.OadrRegisterReportType;
import org.openvtn.schemas.oadr20b.OadrRegisteredReportType;
import org.openvtn.schemas.oadr20b.OadrReportType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.OadrUpdateReportType;
import org.openvtn.schemas.oadr20b.OadrUpdatedReportType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Default {@link EiReportService} over the core {@link ReportService}. */
public final class DefaultEiReportService implements EiReportService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultEiReportService.class);

    private final RegistrationService registrations;
    private final ReportService reports;
    private final java.time.Clock clock;
    private final org.openvtn.core.PollQueue polls;

    public DefaultEiReportService(RegistrationService registrations, ReportService reports) {
        this(registrations, reports, java.time.Clock.systemUTC());
    }

    /** @param clock time source of the report intervals of piggy-backed report requests */
    public DefaultEiReportService(RegistrationService registrations, ReportService reports, java.time.Clock clock) {
        this(registrations, reports, clock, null);
    }

    /**
     * @param polls the poll queue, whose sent oadrCancelReport items an oadrCanceledReport acknowledges (issue #12
     *              item 6); null = none
     */
    public DefaultEiReportService(RegistrationService registrations, ReportService reports, java.time.Clock clock,
                                  org.openvtn.core.PollQueue polls) {
        this.polls = polls;
        this.registrations = registrations;
        this.reports = reports;
        this.clock = clock;
    }

    @Override
    public OadrRegisteredReportType registerReport(OadrCaller caller, OadrRegisterReportType request) {
        Registration reg = registrations.authorize(caller.fingerprint(), request.getVenID());
        List<ReportRequest> carried = reports.registerCapabilities(reg.participantId(),
                OadrReportMapping.capabilities(reg.participantId(), request.getOadrReport()));
        OadrRegisteredReportType r = new OadrRegisteredReportType();
        r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        r.setEiResponse(OadrValues.ok(request.getRequestID()));
        r.setVenID(reg.participantId());
        // R1_3060: the pending report requests this METADATA offers (including those queued before any METADATA,
        // which the core has just resolved) ride on the answer; the core recorded their poll items as sent, so the
        // push channel does not send them again at once (R0_8060). A request whose rIDs the new METADATA no longer
        // offers stays for the poll, where the VEN answers it itself.
        for (ReportRequest rr : carried) {
            r.getOadrReportRequest().add(OadrReportMapping.reportRequest(rr, clock.instant()));
        }
        return r;
    }

    @Override
    public OadrResponseType createdReport(OadrCaller caller, org.openvtn.schemas.oadr20b.OadrCreatedReportType request) {
        Registration reg = registrations.authorize(caller.fingerprint(), request.getVenID());
        String code = request.getEiResponse().getResponseCode();
        List<String> ids = request.getOadrPendingReports() == null ? List.of()
                : request.getOadrPendingReports().getReportRequestID();
        if ("200".equals(code)) {
            reports.acknowledge(reg.participantId(), ids);
        } else {
            LOG.info("VEN {} refused report requests {} with {} ({})", reg.participantId(), LogSafe.text(ids), code,
                    LogSafe.text(request.getEiResponse().getResponseDescription()));
        }
        return OadrMapping.response(OadrValues.ok(request.getEiResponse().getRequestID()), reg.participantId());
    }

    @Override
    public OadrUpdatedReportType updateReport(OadrCaller caller, OadrUpdateReportType request) {
        Registration reg = registrations.authorize(caller.fingerprint(), request.getVenID());
        List<TelemetryPoint> points = new ArrayList<>();
        for (int i = 0; i < request.getOadrReport().size(); i++) {
            OadrReportType report = request.getOadrReport().get(i);
            String field = "oadrReport[" + i + "]";
            ReportRequest rr = reports.request(report.getReportRequestID())
                    .filter(x -> x.participantId().equals(reg.participantId()))
                    .orElseThrow(() -> VtnException.invalidId(field + ".reportRequestID",
                            "unknown reportRequestID " + report.getReportRequestID()));
            if (rr.status() == ReportRequestStatus.CANCELLED && !rr.reportToFollow()) {
                throw VtnException.invalidId(field + ".reportRequestID",
                        "report request " + rr.reportRequestId() + " is cancelled");
            }
            for (TelemetryPoint p : OadrReportMapping.telemetry(reg.participantId(), report, field)) {
                if (!rr.rIds().contains(p.rId())) {
                    throw VtnException.invalidId(field + ".rID", "rID " + p.rId() + " was not requested by "
                            + rr.reportRequestId());
                }
                points.add(p);
            }
        }
        if (!points.isEmpty()) {
            reports.recordTelemetry(reg.participantId(), points);
        }
        OadrUpdatedReportType r = new OadrUpdatedReportType();
        r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        r.setEiResponse(OadrValues.ok(request.getRequestID()));
        r.setVenID(reg.participantId());
        return r;
    }

    @Override
    public OadrCanceledReportType cancelReport(OadrCaller caller, OadrCancelReportType request) {
        Registration reg = registrations.authorize(caller.fingerprint(), request.getVenID());
        for (String id : request.getReportRequestID()) {
            reports.request(id).filter(x -> x.participantId().equals(reg.participantId()))
                    .orElseThrow(() -> VtnException.invalidId("reportRequestID", "unknown reportRequestID " + id));
        }
        for (String id : request.getReportRequestID()) {
            reports.cancelReport(reg.participantId(), id, request.isReportToFollow(), false);
        }
        OadrCanceledReportType r = new OadrCanceledReportType();
        r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        r.setEiResponse(OadrValues.ok(request.getRequestID()));
        r.setOadrPendingReports(new OadrPendingReportsType());
        r.setVenID(reg.participantId());
        return r;
    }

    @Override
    public OadrResponseType canceledReport(OadrCaller caller, org.openvtn.schemas.oadr20b.OadrCanceledReportType request) {
        Registration reg = registrations.authorize(caller.fingerprint(), request.getVenID());
        if (polls != null) {
            // the VEN has the oadrCancelReport(s) a poll carried: they need not go again (at-least-once, item 6)
            for (org.openvtn.core.PollItem p : polls.pending(reg.participantId())) {
                if (p.kind() == org.openvtn.core.PollItem.Kind.REPORT_CANCELLED && p.sent()) {
                    polls.acknowledge(p.seq());
                }
            }
        }
        return OadrMapping.response(OadrValues.ok(request.getEiResponse().getRequestID()), reg.participantId());
    }

    @Override
    public OadrCreatedReportType createReport(OadrCaller caller, OadrCreateReportType request) {
        registrations.authorize(caller.fingerprint(), request.getVenID());
        throw new VtnException(ErrorCode.REPORT_NOT_SUPPORTED, "reportSpecifierID",
                "this VTN registers no reports of its own");
    }
}

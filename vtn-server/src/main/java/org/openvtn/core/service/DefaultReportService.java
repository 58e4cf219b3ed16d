package org.openvtn.core.service;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openvtn.core.ErrorCode;
import org.openvtn.core.NewReportRequest;
import org.openvtn.core.PollItem;
import org.openvtn.core.PollQueue;
import org.openvtn.core.Registration;
import org.openvtn.core.ReportCapability;
import org.openvtn.core.ReportRequest;
import org.openvtn.core.ReportRequestStatus;
import org.openvtn.core.ReportService;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.core.TelemetryQuery;
import org.openvtn.core.VtnException;
import org.openvtn.store.VtnStore;

/** Default {@link ReportService}. */
public final class DefaultReportService implements ReportService {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DefaultReportService.class);
    /** Report names a VTN may request (OpenADR 2.0b 8.3 report table). */
    public static final Set<String> REQUESTABLE = Set.of("TELEMETRY_USAGE", "TELEMETRY_STATUS", "HISTORY_USAGE");

    private final VtnStore store;
    private final Clock clock;
    private final PollQueue polls;

    private final long maxTelemetryPerVen;

    public DefaultReportService(VtnStore store, Clock clock, PollQueue polls) {
        this(store, clock, polls, StoreLimits.DEFAULT.maxTelemetryPerVen());
    }

    /** @param maxTelemetryPerVen telemetry values kept per VEN; beyond it an oadrUpdateReport is refused (451) */
    public DefaultReportService(VtnStore store, Clock clock, PollQueue polls, long maxTelemetryPerVen) {
        this.store = store;
        this.clock = clock;
        this.polls = polls;
        this.maxTelemetryPerVen = maxTelemetryPerVen;
    }

    @Override
    public List<ReportRequest> registerCapabilities(String venId, List<ReportCapability> caps) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < caps.size(); i++) {
            ReportCapability c = caps.get(i);
            if (!c.participantId().equals(venId)) {
                throw VtnException.invalidId("capabilities[" + i + "].venId", "capability of another VEN");
            }
            if (!seen.add(c.reportSpecifierId() + "\u0000" + c.rId())) {
                throw VtnException.invalidData("capabilities[" + i + "].rId",
                        "duplicate rID " + c.rId() + " in report " + c.reportSpecifierId());
            }
        }
        return store.inTransaction(() -> {
            store.reports().replaceCapabilities(venId, caps);
            List<ReportRequest> carried = new ArrayList<>();
            // R1_3060: requests queued before any METADATA are resolved against this one; they and the pending
            // requests this METADATA still offers ride on the answer (the 2.0b oadrRegisteredReport). Their poll
            // items are recorded as sent in this transaction, so neither a poll nor a push sends them again before
            // the redelivery interval, nor at all once acknowledged (R0_8060: the race of the piggy-backed copy
            // with an immediate push is gone).
            for (ReportRequest r : store.reports().requestsByVen(venId)) {
                if (r.status() != ReportRequestStatus.PENDING) {
                    continue;
                }
                if (!r.awaitingMetadata()) {
                    if (r.rIds().stream().allMatch(id -> seen.contains(r.reportSpecifierId() + "\u0000" + id))) {
                        polls.markCarried(venId, PollItem.Kind.REPORT_REQUESTED, r.reportRequestId());
                        carried.add(r);
                    }
                    continue;
                }
                try {
                    Resolved x = resolve(venId, r.reportName(), r.rIds(), caps);
                    ReportRequest resolved = r.resolvedTo(x.specifier(), x.rIds());
                    store.reports().saveRequest(resolved);
                    polls.enqueueCarried(venId, PollItem.Kind.REPORT_REQUESTED, r.reportRequestId());
                    carried.add(resolved);
                } catch (VtnException notOffered) {
                    LOG.info("report request {} of VEN {} still awaits METADATA: {}", r.reportRequestId(), venId,
                            notOffered.getMessage());
                }
            }
            return carried;
        });
    }

    @Override
    public List<ReportCapability> capabilities(String venId) {
        return store.reports().capabilities(venId);
    }

    @Override
    public ReportRequest requestReport(String venId, NewReportRequest req) {
        if (req.reportName() == null || !REQUESTABLE.contains(req.reportName())) {
            throw VtnException.invalidData("reportName", "reportName must be one of " + REQUESTABLE);
        }
        Duration gran = orZero(req.granularity(), "granularity");
        Duration back = orZero(req.reportBackDuration(), "reportBackDuration");
        Duration dur = orZero(req.duration(), "duration");
        if (gran.isZero() != back.isZero()) {
            throw VtnException.invalidData("reportBackDuration",
                    "granularity and reportBackDuration are both zero (one-shot) or both positive (periodic)");
        }
        ReportRequest created = store.inTransaction(() -> {
            store.registrations().findByVenId(venId).filter(Registration::active)
                    .orElseThrow(() -> VtnException.invalidId("venId", "unknown or inactive VEN " + venId));
            List<ReportCapability> caps = store.reports().capabilities(venId);
            if (caps.isEmpty()) {
                // No METADATA yet: the request waits for it (no poll item until then) - R1_3060.
                List<String> named = req.rIds() == null ? List.of() : req.rIds();
                ReportRequest waiting = new ReportRequest(UUID.randomUUID().toString(), venId, req.reportName(), "",
                        named, gran, back, req.start(), dur, ReportRequestStatus.PENDING, false, clock.instant());
                store.reports().saveRequest(waiting);
                return waiting;
            }
            Resolved x = resolve(venId, req.reportName(), req.rIds(), caps);
            String specifier = x.specifier();
            List<String> rIds = x.rIds();
            ReportRequest rr = new ReportRequest(UUID.randomUUID().toString(), venId, req.reportName(), specifier,
                    rIds, gran, back, req.start(), dur, ReportRequestStatus.PENDING, false, clock.instant());
            store.reports().saveRequest(rr);
            polls.enqueue(venId, PollItem.Kind.REPORT_REQUESTED, rr.reportRequestId());
            return rr;
        });
        return created;
    }

    private record Resolved(String specifier, List<String> rIds) {
    }

    /** The VEN's METADATA report for {@code reportName} and the rIDs of it the request names (all when none). */
    private static Resolved resolve(String venId, String reportName, List<String> named, List<ReportCapability> caps) {
        String metadataName = "METADATA_" + reportName;
        List<ReportCapability> matching = new ArrayList<>();
        for (ReportCapability c : caps) {
            if (c.reportName().equals(metadataName) || c.reportName().equals(reportName)) {
                matching.add(c);
            }
        }
        if (matching.isEmpty()) {
            throw new VtnException(ErrorCode.REPORT_NOT_SUPPORTED, "reportName",
                    "VEN " + venId + " registered no " + metadataName + " report");
        }
        String specifier = matching.get(0).reportSpecifierId();
        List<String> rIds = new ArrayList<>();
        if (named == null || named.isEmpty()) {
            matching.stream().filter(c -> c.reportSpecifierId().equals(specifier)).forEach(c -> rIds.add(c.rId()));
        } else {
            for (String r : named) {
                if (matching.stream().noneMatch(c -> c.reportSpecifierId().equals(specifier) && c.rId().equals(r))) {
                    throw VtnException.invalidId("rIds", "rID " + r + " is not in report " + specifier);
                }
                rIds.add(r);
            }
        }
        return new Resolved(specifier, rIds);
    }

    private static Duration orZero(Duration d, String field) {
        if (d == null) {
            return Duration.ZERO;
        }
        if (d.isNegative()) {
            throw VtnException.invalidData(field, field + " must not be negative");
        }
        return d;
    }

    @Override
    public void acknowledge(String venId, Collection<String> reportRequestIds) {
        store.inTransaction(() -> {
            for (String id : reportRequestIds) {
                ReportRequest r = own(venId, id);
                if (r.status() == ReportRequestStatus.PENDING) {
                    store.reports().saveRequest(r.withStatus(ReportRequestStatus.ACTIVE, false));
                }
            }
        });
    }

    @Override
    public ReportRequest cancelReport(String venId, String reportRequestId, boolean reportToFollow, boolean byVtn) {
        return store.inTransaction(() -> {
            ReportRequest r = own(venId, reportRequestId);
            if (byVtn && (r.status() == ReportRequestStatus.CANCELLED || r.status() == ReportRequestStatus.COMPLETED)) {
                // The operator cancels at most once, and never a finished one-shot: nothing would reach the VEN.
                throw new VtnException(ErrorCode.NOT_ALLOWED, "reportRequestId", "report request " + reportRequestId
                        + " is already " + r.status().name().toLowerCase(java.util.Locale.ROOT));
            }
            if (r.status() == ReportRequestStatus.CANCELLED) {
                return r;
            }
            ReportRequest c = r.withStatus(ReportRequestStatus.CANCELLED, reportToFollow);
            store.reports().saveRequest(c);
            if (byVtn && !r.awaitingMetadata()) { // the VEN never saw a request still awaiting METADATA
                polls.enqueue(venId, PollItem.Kind.REPORT_CANCELLED, reportRequestId);
            }
            return c;
        });
    }

    private ReportRequest own(String venId, String id) {
        return store.reports().findRequest(id).filter(r -> r.participantId().equals(venId))
                .orElseThrow(() -> VtnException.invalidId("reportRequestId", "unknown reportRequestID " + id));
    }

    @Override
    public Optional<ReportRequest> request(String reportRequestId) {
        return store.reports().findRequest(reportRequestId);
    }

    @Override
    public List<ReportRequest> requests(String venId) {
        return store.reports().requestsByVen(venId);
    }

    @Override
    public int recordReadings(List<TelemetryPoint> points) {
        return store.reports().insertTelemetry(points);
    }

    @Override
    public long telemetryCount(String participantId) {
        return store.reports().telemetryCount(participantId);
    }

    @Override
    public void recordTelemetry(String venId, List<TelemetryPoint> points) {
        store.inTransaction(() -> {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < points.size(); i++) {
                TelemetryPoint p = points.get(i);
                if (!p.participantId().equals(venId)) {
                    throw VtnException.invalidId("points[" + i + "].venId", "telemetry of another VEN");
                }
                if (Double.isNaN(p.value()) || Double.isInfinite(p.value())) {
                    throw VtnException.invalidData("points[" + i + "].value", "value must be finite");
                }
                ids.add(p.reportRequestId());
            }
            for (String id : ids) {
                ReportRequest r = own(venId, id);
                if (r.oneShot() && r.status() != ReportRequestStatus.CANCELLED) {
                    store.reports().saveRequest(r.withStatus(ReportRequestStatus.COMPLETED, false));
                }
            }
            if (store.reports().insertTelemetry(points) > 0) {
                long stored = store.reports().telemetryCount(venId);
                if (stored > maxTelemetryPerVen) {
                    // settlement data is never deleted behind the VEN's back: the whole report is refused (rollback)
                    LOG.warn("VEN {}: oadrUpdateReport refused, telemetry quota of {} values reached (operator: "
                            + "export and prune, or raise limits.maxTelemetryPerVen)", venId, maxTelemetryPerVen);
                    throw new VtnException(ErrorCode.NOT_ALLOWED, "points", "telemetry quota of "
                            + maxTelemetryPerVen + " values for this VEN reached");
                }
            }
        });
    }

    @Override
    public List<TelemetryPoint> telemetry(TelemetryQuery query) {
        return store.reports().telemetry(query);
    }
}

package org.openvtn.oadr20b.service;

import jakarta.xml.bind.JAXBElement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openvtn.core.ReportCapability;
import org.openvtn.core.ReportRequest;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.core.VtnException;
import org.openvtn.schemas.oadr20b.OadrCancelReportType;
import org.openvtn.schemas.oadr20b.OadrCreateReportType;
import org.openvtn.schemas.oadr20b.OadrPayloadResourceStatusType;
import org.openvtn.schemas.oadr20b.OadrReportDescriptionType;
import org.openvtn.schemas.oadr20b.OadrReportPayloadType;
import org.openvtn.schemas.oadr20b.OadrReportRequestType;
import org.openvtn.schemas.oadr20b.OadrReportType;
import org.openvtn.schemas.oadr20b.ei.PayloadBaseType;
import org.openvtn.schemas.oadr20b.ei.PayloadFloatType;
import org.openvtn.schemas.oadr20b.ei.ReportPayloadType;
import org.openvtn.schemas.oadr20b.ei.ReportSpecifierType;
import org.openvtn.schemas.oadr20b.ei.SpecifierPayloadType;
import org.openvtn.schemas.oadr20b.ei.IntervalType;
import org.openvtn.schemas.oadr20b.strm.StreamPayloadBaseType;
import org.openvtn.schemas.oadr20b.xcal.Properties;
import org.openvtn.schemas.oadr20b.xcal.WsCalendarIntervalType;

/**
 * The 2.0b mapping for EiReport (OpenADR 2.0b 8.3): METADATA descriptions to
 * {@link ReportCapability}, {@link ReportRequest} to {@code oadrReportRequest}, and
 * {@code oadrUpdateReport} intervals to {@link TelemetryPoint}s.
 */
public final class OadrReportMapping {
    /** readingType written into specifierPayload when the VTN has no preference. */
    static final String READING_TYPE_NOT_APPLICABLE = "x-notApplicable";

    private OadrReportMapping() {
    }

    /** Every rID of every METADATA report of an oadrRegisterReport (conformance rule 301). */
    public static List<ReportCapability> capabilities(String venId, List<OadrReportType> reports) {
        List<ReportCapability> out = new ArrayList<>();
        for (int r = 0; r < reports.size(); r++) {
            OadrReportType report = reports.get(r);
            String field = "oadrReport[" + r + "]";
            if (report.getReportSpecifierID() == null || report.getReportName() == null) {
                throw VtnException.invalidData(field, field + ": reportSpecifierID and reportName are required");
            }
            for (OadrReportDescriptionType d : report.getOadrReportDescription()) {
                String resource = d.getReportSubject() != null && !d.getReportSubject().getResourceID().isEmpty()
                        ? d.getReportSubject().getResourceID().get(0)
                        : d.getReportDataSource() != null && !d.getReportDataSource().getResourceID().isEmpty()
                        ? d.getReportDataSource().getResourceID().get(0) : null;
                Duration min = null;
                Duration max = null;
                if (d.getOadrSamplingRate() != null) {
                    min = OadrValues.duration(d.getOadrSamplingRate().getOadrMinPeriod(), field + ".oadrMinPeriod");
                    max = OadrValues.duration(d.getOadrSamplingRate().getOadrMaxPeriod(), field + ".oadrMaxPeriod");
                }
                out.add(new ReportCapability(venId, report.getReportSpecifierID(), report.getReportName(), d.getRID(),
                        resource, d.getReportType(), d.getReadingType(), OadrUnits.units(d.getItemBase()), min, max));
            }
        }
        return out;
    }

    /** oadrReportRequest for a VTN report request (granularity/reportBackDuration 0 = one-shot). */
    public static OadrReportRequestType reportRequest(ReportRequest rr, Instant now) {
        ReportSpecifierType spec = new ReportSpecifierType();
        spec.setReportSpecifierID(rr.reportSpecifierId());
        spec.setGranularity(OadrValues.durationProp(rr.granularity()));
        spec.setReportBackDuration(OadrValues.durationProp(rr.reportBackDuration()));
        Properties props = new Properties();
        props.setDtstart(OadrValues.dtstart(rr.start() != null ? rr.start() : now));
        props.setDuration(OadrValues.durationProp(rr.duration()));
        WsCalendarIntervalType interval = new WsCalendarIntervalType();
        interval.setProperties(props);
        spec.setReportInterval(interval);
        for (String rid : rr.rIds()) {
            SpecifierPayloadType p = new SpecifierPayloadType();
            p.setRID(rid);
            p.setReadingType(READING_TYPE_NOT_APPLICABLE);
            spec.getSpecifierPayload().add(p);
        }
        OadrReportRequestType req = new OadrReportRequestType();
        req.setReportRequestID(rr.reportRequestId());
        req.setReportSpecifier(spec);
        return req;
    }

    /** oadrCreateReport carrying requests for one VEN. */
    public static OadrCreateReportType createReport(String venId, List<ReportRequest> requests, Instant now) {
        OadrCreateReportType c = new OadrCreateReportType();
        c.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        c.setRequestID(OadrValues.newRequestId());
        c.setVenID(venId);
        for (ReportRequest rr : requests) {
            c.getOadrReportRequest().add(reportRequest(rr, now));
        }
        return c;
    }

    /** VTN-initiated oadrCancelReport (reportToFollow as requested by the operator). */
    public static OadrCancelReportType cancelReport(ReportRequest rr) {
        OadrCancelReportType c = new OadrCancelReportType();
        c.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        c.setRequestID(OadrValues.newRequestId());
        c.getReportRequestID().add(rr.reportRequestId());
        c.setReportToFollow(rr.reportToFollow());
        c.setVenID(rr.participantId());
        return c;
    }

    /**
     * The readings of one oadrReport of an oadrUpdateReport. An interval without dtstart takes the
     * report's dtstart plus the preceding intervals' durations. A float payload is stored as is; an
     * oadrPayloadResourceStatus is stored as 1 (online) / 0 (offline) with quality
     * {@code x-resourceStatus}.
     *
     * @throws VtnException 454 naming the interval without a time or value
     */
    public static List<TelemetryPoint> telemetry(String venId, OadrReportType report, String field) {
        List<TelemetryPoint> out = new ArrayList<>();
        if (report.getIntervals() == null) {
            return out;
        }
        Instant cursor = report.getDtstart() == null ? null : OadrValues.instant(report.getDtstart().getDateTime());
        List<IntervalType> intervals = report.getIntervals().getInterval();
        for (int i = 0; i < intervals.size(); i++) {
            IntervalType it = intervals.get(i);
            String f = field + ".interval[" + i + "]";
            Instant ts = it.getDtstart() != null ? OadrValues.instant(it.getDtstart().getDateTime()) : cursor;
            if (ts == null) {
                throw VtnException.invalidData(f + ".dtstart", f + ": no dtstart on the interval or the report");
            }
            Duration d = OadrValues.duration(it.getDuration(), f + ".duration");
            cursor = d == null ? ts : ts.plus(d);
            for (JAXBElement<? extends StreamPayloadBaseType> el : it.getStreamPayloadBase()) {
                if (!(el.getValue() instanceof ReportPayloadType p)) {
                    continue;
                }
                String quality = p instanceof OadrReportPayloadType op ? op.getOadrDataQuality() : null;
                JAXBElement<? extends PayloadBaseType> base = p.getPayloadBase();
                double value;
                if (base != null && base.getValue() instanceof PayloadFloatType pf) {
                    value = pf.getValue();
                } else if (base != null && base.getValue() instanceof OadrPayloadResourceStatusType st) {
                    value = st.isOadrOnline() ? 1 : 0;
                    quality = quality == null ? "x-resourceStatus" : quality;
                } else {
                    throw VtnException.invalidData(f + ".payloadBase", f + ": unsupported payload for rID " + p.getRID());
                }
                out.add(new TelemetryPoint(venId, p.getRID(), report.getReportRequestID(), ts, value, quality));
            }
        }
        return out;
    }
}

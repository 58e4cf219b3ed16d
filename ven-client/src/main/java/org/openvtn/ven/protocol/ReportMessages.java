package org.openvtn.ven.protocol;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.xml.bind.JAXBElement;
import org.openvtn.schemas.oadr20b.ObjectFactory;
import org.openvtn.schemas.oadr20b.OadrCanceledReportType;
import org.openvtn.schemas.oadr20b.OadrCreatedReportType;
import org.openvtn.schemas.oadr20b.OadrPayloadResourceStatusType;
import org.openvtn.schemas.oadr20b.OadrPendingReportsType;
import org.openvtn.schemas.oadr20b.OadrRegisterReportType;
import org.openvtn.schemas.oadr20b.OadrRegisteredReportType;
import org.openvtn.schemas.oadr20b.OadrReportDescriptionType;
import org.openvtn.schemas.oadr20b.OadrReportPayloadType;
import org.openvtn.schemas.oadr20b.OadrReportRequestType;
import org.openvtn.schemas.oadr20b.OadrReportType;
import org.openvtn.schemas.oadr20b.OadrSamplingRateType;
import org.openvtn.schemas.oadr20b.OadrUpdateReportType;
import org.openvtn.schemas.oadr20b.ei.IntervalType;
import org.openvtn.schemas.oadr20b.ei.PayloadFloatType;
import org.openvtn.schemas.oadr20b.ei.ReportSpecifierType;
import org.openvtn.schemas.oadr20b.ei.SpecifierPayloadType;
import org.openvtn.schemas.oadr20b.emix.ItemBaseType;
import org.openvtn.schemas.oadr20b.power.EnergyRealType;
import org.openvtn.schemas.oadr20b.power.PowerAttributesType;
import org.openvtn.schemas.oadr20b.power.PowerRealType;
import org.openvtn.schemas.oadr20b.power.VoltageType;
import org.openvtn.schemas.oadr20b.strm.Intervals;
import org.openvtn.schemas.oadr20b.xcal.Properties;
import org.openvtn.schemas.oadr20b.xcal.Uid;
import org.openvtn.ven.Measurement;
import org.openvtn.ven.Reading;
import org.openvtn.ven.ReportCapability;
import org.openvtn.ven.ReportName;
import org.openvtn.ven.ReportRequest;
import org.openvtn.ven.VenException;

/** Builders and readers of the EiReport messages (OpenADR 2.0b §8.3). Internal. */
public final class ReportMessages {

    private static final ObjectFactory OADR = new ObjectFactory();
    private static final org.openvtn.schemas.oadr20b.ei.ObjectFactory EI = new org.openvtn.schemas.oadr20b.ei.ObjectFactory();
    private static final org.openvtn.schemas.oadr20b.power.ObjectFactory POWER =
            new org.openvtn.schemas.oadr20b.power.ObjectFactory();

    /** The data of one data point in one report. */
    public record PointData(ReportCapability point, List<Reading> readings) {
    }

    private ReportMessages() {
    }

    /** The reportSpecifierID the VEN gives its report of this name. */
    public static String specifierId(ReportName name) {
        return name.name();
    }

    /**
     * The METADATA oadrRegisterReport: one oadrReport per report name the VEN offers, none when it
     * offers nothing (rule 301), reportRequestID 0 (rule 311).
     */
    public static OadrRegisterReportType registerReport(String venId, Collection<ReportCapability> caps, Instant now) {
        Map<ReportName, List<ReportCapability>> byName = new EnumMap<>(ReportName.class);
        for (ReportCapability c : caps) {
            byName.computeIfAbsent(c.reportName(), k -> new ArrayList<>()).add(c);
        }
        OadrRegisterReportType m = new OadrRegisterReportType();
        m.setRequestID(Xml.newId());
        for (Map.Entry<ReportName, List<ReportCapability>> e : byName.entrySet()) {
            OadrReportType r = new OadrReportType();
            r.setDuration(Xml.duration(Duration.ZERO));
            r.setEiReportID(Xml.newId());
            r.setReportRequestID("0");
            r.setReportSpecifierID(specifierId(e.getKey()));
            r.setReportName(e.getKey().metadataName());
            r.setCreatedDateTime(Xml.dateTime(now));
            for (ReportCapability c : e.getValue()) {
                OadrReportDescriptionType d = new OadrReportDescriptionType();
                d.setRID(c.rId());
                d.setReportType(c.reportType());
                d.setItemBase(itemBase(c.measurement()));
                d.setReadingType(c.readingType());
                OadrSamplingRateType rate = new OadrSamplingRateType();
                rate.setOadrMinPeriod(Xml.text(c.minPeriod()));
                rate.setOadrMaxPeriod(Xml.text(c.maxPeriod()));
                rate.setOadrOnChange(false);
                d.setOadrSamplingRate(rate);
                r.getOadrReportDescription().add(d);
            }
            m.getOadrReport().add(r);
        }
        m.setVenID(venId);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    private static JAXBElement<? extends ItemBaseType> itemBase(Measurement m) {
        switch (m) {
            case POWER_REAL: {
                PowerRealType p = new PowerRealType();
                p.setItemDescription(m.description());
                p.setItemUnits(m.unit());
                p.setSiScaleCode("none");
                PowerAttributesType a = new PowerAttributesType();
                a.setHertz(BigDecimal.valueOf(60));
                a.setVoltage(BigDecimal.valueOf(230));
                a.setAc(true);
                p.setPowerAttributes(a);
                return POWER.createPowerReal(p);
            }
            case ENERGY_REAL: {
                EnergyRealType e = new EnergyRealType();
                e.setItemDescription(m.description());
                e.setItemUnits(m.unit());
                e.setSiScaleCode("none");
                return POWER.createEnergyReal(e);
            }
            case VOLTAGE: {
                VoltageType v = new VoltageType();
                v.setItemDescription(m.description());
                v.setItemUnits(m.unit());
                v.setSiScaleCode("none");
                return POWER.createVoltage(v);
            }
            default:
                return null;
        }
    }

    /** Reads a report request; 452 when it names a specifier or rID the VEN never offered. */
    public static ReportRequest request(OadrReportRequestType r, Collection<ReportCapability> caps) {
        ReportSpecifierType spec = r.getReportSpecifier();
        ReportName name = null;
        for (ReportName n : ReportName.values()) {
            if (specifierId(n).equals(spec.getReportSpecifierID())) {
                name = n;
            }
        }
        if (name == null) {
            throw VenException.protocol(VenException.INVALID_ID,
                    "unknown reportSpecifierID " + spec.getReportSpecifierID());
        }
        List<String> rIds = new ArrayList<>();
        for (SpecifierPayloadType p : spec.getSpecifierPayload()) {
            final ReportName n = name;
            if (caps.stream().noneMatch(c -> c.reportName() == n && c.rId().equals(p.getRID()))) {
                throw VenException.protocol(VenException.INVALID_ID, "unknown rID " + p.getRID() + " in " + n);
            }
            rIds.add(p.getRID());
        }
        Instant start = null;
        Duration duration = Duration.ZERO;
        if (spec.getReportInterval() != null && spec.getReportInterval().getProperties() != null) {
            Properties p = spec.getReportInterval().getProperties();
            start = p.getDtstart() == null ? null : Xml.instant(p.getDtstart().getDateTime());
            duration = Xml.duration(p.getDuration());
        }
        return new ReportRequest(r.getReportRequestID(), spec.getReportSpecifierID(), name, rIds,
                Xml.duration(spec.getGranularity()), Xml.duration(spec.getReportBackDuration()), start, duration);
    }

    /** oadrUpdateReport with one oadrReport for the request, one interval per reading time. */
    public static OadrUpdateReportType updateReport(String venId, ReportRequest req, List<PointData> data,
                                                    Instant from, Duration span, Instant now) {
        OadrReportType r = new OadrReportType();
        r.setDtstart(Xml.dtstart(from));
        r.setDuration(Xml.duration(span));
        Intervals intervals = new Intervals();
        int uid = 0;
        for (PointData pd : data) {
            for (Reading reading : pd.readings()) {
                IntervalType iv = new IntervalType();
                iv.setDtstart(Xml.dtstart(reading.start()));
                iv.setDuration(Xml.duration(reading.duration()));
                Uid u = new Uid();
                u.setText(Integer.toString(uid++));
                iv.setUid(u);
                OadrReportPayloadType payload = new OadrReportPayloadType();
                payload.setRID(pd.point().rId());
                if (pd.point().reportName() == ReportName.TELEMETRY_STATUS) {
                    OadrPayloadResourceStatusType s = new OadrPayloadResourceStatusType();
                    s.setOadrOnline(reading.online());
                    s.setOadrManualOverride(reading.manualOverride());
                    payload.setPayloadBase(OADR.createOadrPayloadResourceStatus(s));
                } else {
                    PayloadFloatType f = new PayloadFloatType();
                    f.setValue((float) reading.value());
                    payload.setPayloadBase(EI.createPayloadFloat(f));
                }
                payload.setOadrDataQuality("Quality Good - Non Specific");
                iv.getStreamPayloadBase().add(OADR.createOadrReportPayload(payload));
                intervals.getInterval().add(iv);
            }
        }
        r.setIntervals(intervals);
        r.setEiReportID(Xml.newId());
        r.setReportRequestID(req.reportRequestId());
        r.setReportSpecifierID(req.reportSpecifierId());
        r.setReportName(req.reportName().name());
        r.setCreatedDateTime(Xml.dateTime(now));
        OadrUpdateReportType m = new OadrUpdateReportType();
        m.setRequestID(Xml.newId());
        m.getOadrReport().add(r);
        m.setVenID(venId);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    public static OadrCreatedReportType createdReport(String venId, int code, String requestId, Collection<String> pending) {
        OadrCreatedReportType m = new OadrCreatedReportType();
        m.setEiResponse(Xml.response(code, code == 200 ? "OK" : "ERROR", requestId));
        m.setOadrPendingReports(pending(pending));
        m.setVenID(venId);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    public static OadrCanceledReportType canceledReport(String venId, int code, String requestId, Collection<String> pending) {
        OadrCanceledReportType m = new OadrCanceledReportType();
        m.setEiResponse(Xml.response(code, code == 200 ? "OK" : "ERROR", requestId));
        m.setOadrPendingReports(pending(pending));
        m.setVenID(venId);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    /** The VEN's answer to a VTN's own oadrRegisterReport: acknowledged, nothing requested. */
    public static OadrRegisteredReportType registeredReport(String venId, String requestId) {
        OadrRegisteredReportType m = new OadrRegisteredReportType();
        m.setEiResponse(Xml.ok(requestId));
        m.setVenID(venId);
        m.setSchemaVersion(Xml.SCHEMA_VERSION);
        return m;
    }

    private static OadrPendingReportsType pending(Collection<String> ids) {
        OadrPendingReportsType p = new OadrPendingReportsType();
        p.getReportRequestID().addAll(ids);
        return p;
    }
}

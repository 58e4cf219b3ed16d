package org.openvtn.conformance.oadr20b;

import java.time.Duration;
import org.openvtn.schemas.OadrValueTypes;
import org.openvtn.schemas.oadr20b.OadrCreateReportType;
import org.openvtn.schemas.oadr20b.OadrReportRequestType;
import org.openvtn.schemas.oadr20b.ei.ReportSpecifierType;
import org.openvtn.schemas.oadr20b.ei.SpecifierPayloadType;

/** An oadrCreateReport from the VEN to the VTN (the VEN asking for one of the VTN's reports). */
final class ReportXml {

    private ReportXml() {
    }

    static OadrCreateReportType createReport(OadrVenHarness ven, String specifierId) {
        ReportSpecifierType spec = new ReportSpecifierType();
        spec.setReportSpecifierID(specifierId);
        spec.setGranularity(OadrMessages.duration(Duration.ZERO));
        spec.setReportBackDuration(OadrMessages.duration(Duration.ZERO));
        SpecifierPayloadType p = new SpecifierPayloadType();
        p.setRID("rid-1");
        p.setReadingType("x-notApplicable");
        spec.getSpecifierPayload().add(p);
        OadrReportRequestType rr = new OadrReportRequestType();
        rr.setReportRequestID(OadrMessages.newId());
        rr.setReportSpecifier(spec);
        OadrCreateReportType m = new OadrCreateReportType();
        m.setRequestID(OadrMessages.newId());
        m.getOadrReportRequest().add(rr);
        m.setVenID(ven.venId());
        m.setSchemaVersion(OadrValueTypes.SCHEMA_VERSION);
        return m;
    }
}

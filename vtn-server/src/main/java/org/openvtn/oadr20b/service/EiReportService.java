package org.openvtn.oadr20b.service;

import org.openvtn.schemas.oadr20b.OadrCancelReportType;
import org.openvtn.schemas.oadr20b.OadrCanceledReportType;
import org.openvtn.schemas.oadr20b.OadrCreateReportType;
import org.openvtn.schemas.oadr20b.OadrCreatedReportType;
import org.openvtn.schemas.oadr20b.OadrRegisterReportType;
import org.openvtn.schemas.oadr20b.OadrRegisteredReportType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.OadrUpdateReportType;
import org.openvtn.schemas.oadr20b.OadrUpdatedReportType;

/** EiReport (OpenADR 2.0b 8.3). */
public interface EiReportService {
    /** oadrRegisterReport (METADATA): answered with oadrRegisteredReport even when nothing is requested (R1_3010). */
    OadrRegisteredReportType registerReport(OadrCaller caller, OadrRegisterReportType request);

    /** oadrCreatedReport: the VEN accepted VTN report requests. */
    OadrResponseType createdReport(OadrCaller caller, OadrCreatedReportType request);

    /** oadrUpdateReport: telemetry checked against the request's rIDs and stored (R1_3020…). */
    OadrUpdatedReportType updateReport(OadrCaller caller, OadrUpdateReportType request);

    /** VEN-sent oadrCancelReport of one of its report requests; 452 for unknown IDs. */
    OadrCanceledReportType cancelReport(OadrCaller caller, OadrCancelReportType request);

    /** The VEN's oadrCanceledReport after a VTN oadrCancelReport. */
    OadrResponseType canceledReport(OadrCaller caller, OadrCanceledReportType request);

    /** A VEN asking the VTN for reports: this VTN offers none (461). */
    OadrCreatedReportType createReport(OadrCaller caller, OadrCreateReportType request);
}

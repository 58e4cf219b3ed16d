package org.openvtn.oadr20b;

import java.nio.charset.StandardCharsets;

/** Hand-written 2.0b request documents, as a VEN would put them on the wire. */
final class OadrXml {
    private static final String HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07"
                xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110"
                xmlns:pyld="http://docs.oasis-open.org/ns/energyinterop/201110/payloads"
                xmlns:xcal="urn:ietf:params:xml:ns:icalendar-2.0"
                xmlns:strm="urn:ietf:params:xml:ns:icalendar-2.0:stream"
                xmlns:power="http://docs.oasis-open.org/ns/emix/2011/06/power"
                xmlns:scale="http://docs.oasis-open.org/ns/emix/2011/06/siscale">
            <oadr:oadrSignedObject>
            """;
    private static final String TAIL = "</oadr:oadrSignedObject></oadr:oadrPayload>";

    private OadrXml() {
    }

    static byte[] payload(String body) {
        return (HEAD + body + TAIL).getBytes(StandardCharsets.UTF_8);
    }

    private static String description(String rid, String reportType) {
        return """
                <oadr:oadrReportDescription>
                  <ei:rID>%s</ei:rID>
                  <ei:reportDataSource><ei:resourceID>res-1</ei:resourceID></ei:reportDataSource>
                  <ei:reportType>%s</ei:reportType>
                  <power:powerReal>
                    <power:itemDescription>RealPower</power:itemDescription>
                    <power:itemUnits>W</power:itemUnits>
                    <scale:siScaleCode>k</scale:siScaleCode>
                    <power:powerAttributes><power:hertz>60</power:hertz><power:voltage>120</power:voltage><power:ac>true</power:ac></power:powerAttributes>
                  </power:powerReal>
                  <ei:readingType>Direct Read</ei:readingType>
                  <oadr:oadrSamplingRate><oadr:oadrMinPeriod>PT1M</oadr:oadrMinPeriod><oadr:oadrMaxPeriod>PT1H</oadr:oadrMaxPeriod><oadr:oadrOnChange>false</oadr:oadrOnChange></oadr:oadrSamplingRate>
                </oadr:oadrReportDescription>
                """.formatted(rid, reportType);
    }

    private static String metadata(String specifier, String name, String descriptions) {
        return """
                <oadr:oadrReport>
                  <xcal:duration><xcal:duration>PT2H</xcal:duration></xcal:duration>
                  <ei:eiReportID>%s-report</ei:eiReportID>
                  %s
                  <ei:reportRequestID>0</ei:reportRequestID>
                  <ei:reportSpecifierID>%s</ei:reportSpecifierID>
                  <ei:reportName>%s</ei:reportName>
                  <ei:createdDateTime>2030-01-01T00:00:00Z</ei:createdDateTime>
                </oadr:oadrReport>
                """.formatted(specifier, descriptions, specifier, name);
    }

    /** oadrRegisterReport with METADATA for TELEMETRY_USAGE (2 rIDs), TELEMETRY_STATUS and HISTORY_USAGE. */
    static byte[] registerReport(String venId, boolean withReports) {
        String reports = !withReports ? "" : metadata("spec-usage", "METADATA_TELEMETRY_USAGE",
                description("power-1", "usage") + description("power-2", "usage"))
                + metadata("spec-status", "METADATA_TELEMETRY_STATUS", description("status-1", "x-resourceStatus"))
                + metadata("spec-history", "METADATA_HISTORY_USAGE", description("hist-1", "usage"));
        return payload("""
                <oadr:oadrRegisterReport ei:schemaVersion="2.0b">
                  <pyld:requestID>rr-1</pyld:requestID>
                  %s
                  <ei:venID>%s</ei:venID>
                </oadr:oadrRegisterReport>
                """.formatted(reports, venId));
    }

    /** One float reading per (rID, minute) starting at 2030-01-01T00:00Z. */
    static byte[] updateReport(String venId, String reportRequestId, String specifier, String name, String... rids) {
        StringBuilder intervals = new StringBuilder();
        for (int minute = 0; minute < 2; minute++) {
            intervals.append("<ei:interval><xcal:dtstart><xcal:date-time>2030-01-01T00:0").append(minute)
                    .append(":00Z</xcal:date-time></xcal:dtstart>")
                    .append("<xcal:duration><xcal:duration>PT1M</xcal:duration></xcal:duration>");
            for (String rid : rids) {
                intervals.append("<oadr:oadrReportPayload><ei:rID>").append(rid)
                        .append("</ei:rID><ei:payloadFloat><ei:value>").append(minute + 1.5)
                        .append("</ei:value></ei:payloadFloat><oadr:oadrDataQuality>Quality Good - Non Specific"
                                + "</oadr:oadrDataQuality></oadr:oadrReportPayload>");
            }
            intervals.append("</ei:interval>");
        }
        return payload("""
                <oadr:oadrUpdateReport ei:schemaVersion="2.0b">
                  <pyld:requestID>ur-1</pyld:requestID>
                  <oadr:oadrReport>
                    <xcal:dtstart><xcal:date-time>2030-01-01T00:00:00Z</xcal:date-time></xcal:dtstart>
                    <xcal:duration><xcal:duration>PT2M</xcal:duration></xcal:duration>
                    <strm:intervals>%s</strm:intervals>
                    <ei:eiReportID>upd</ei:eiReportID>
                    <ei:reportRequestID>%s</ei:reportRequestID>
                    <ei:reportSpecifierID>%s</ei:reportSpecifierID>
                    <ei:reportName>%s</ei:reportName>
                    <ei:createdDateTime>2030-01-01T00:02:00Z</ei:createdDateTime>
                  </oadr:oadrReport>
                  <ei:venID>%s</ei:venID>
                </oadr:oadrUpdateReport>
                """.formatted(intervals, reportRequestId, specifier, name, venId));
    }

    /** oadrCreatedReport acknowledging request IDs. */
    static byte[] createdReport(String venId, String... ids) {
        StringBuilder pending = new StringBuilder();
        for (String id : ids) {
            pending.append("<ei:reportRequestID>").append(id).append("</ei:reportRequestID>");
        }
        return payload("""
                <oadr:oadrCreatedReport ei:schemaVersion="2.0b">
                  <ei:eiResponse><ei:responseCode>200</ei:responseCode><ei:responseDescription>OK</ei:responseDescription><pyld:requestID>cr</pyld:requestID></ei:eiResponse>
                  <oadr:oadrPendingReports>%s</oadr:oadrPendingReports>
                  <ei:venID>%s</ei:venID>
                </oadr:oadrCreatedReport>
                """.formatted(pending, venId));
    }

    /** oadrCanceledReport answering a VTN cancel. */
    static byte[] canceledReport(String venId) {
        return payload("""
                <oadr:oadrCanceledReport ei:schemaVersion="2.0b">
                  <ei:eiResponse><ei:responseCode>200</ei:responseCode><ei:responseDescription>OK</ei:responseDescription><pyld:requestID>cx</pyld:requestID></ei:eiResponse>
                  <oadr:oadrPendingReports/>
                  <ei:venID>%s</ei:venID>
                </oadr:oadrCanceledReport>
                """.formatted(venId));
    }

    /** oadrCreateOpt: event-scoped when eventId is set, else an availability schedule of two windows. */
    static byte[] createOpt(String venId, String optId, String eventId) {
        String scope = eventId != null
                ? "<ei:qualifiedEventID><ei:eventID>" + eventId + "</ei:eventID><ei:modificationNumber>0"
                        + "</ei:modificationNumber></ei:qualifiedEventID>"
                : "";
        String schedule = eventId != null ? "" : """
                <xcal:vavailability><xcal:components>
                  <xcal:available><xcal:properties><xcal:dtstart><xcal:date-time>2030-01-02T08:00:00Z</xcal:date-time></xcal:dtstart><xcal:duration><xcal:duration>PT4H</xcal:duration></xcal:duration></xcal:properties></xcal:available>
                  <xcal:available><xcal:properties><xcal:dtstart><xcal:date-time>2030-01-03T08:00:00Z</xcal:date-time></xcal:dtstart><xcal:duration><xcal:duration>PT2H</xcal:duration></xcal:duration></xcal:properties></xcal:available>
                </xcal:components></xcal:vavailability>
                """;
        return payload("""
                <oadr:oadrCreateOpt ei:schemaVersion="2.0b">
                  <ei:optID>%s</ei:optID>
                  <ei:optType>optOut</ei:optType>
                  <ei:optReason>participating</ei:optReason>
                  <ei:venID>%s</ei:venID>
                  %s
                  <ei:createdDateTime>2030-01-01T00:00:00Z</ei:createdDateTime>
                  <pyld:requestID>co-1</pyld:requestID>
                  %s
                  <ei:eiTarget><ei:resourceID>res-1</ei:resourceID></ei:eiTarget>
                </oadr:oadrCreateOpt>
                """.formatted(optId, venId, schedule, scope));
    }

    static byte[] cancelOpt(String venId, String optId) {
        return payload("""
                <oadr:oadrCancelOpt ei:schemaVersion="2.0b">
                  <pyld:requestID>cxo-1</pyld:requestID>
                  <ei:optID>%s</ei:optID>
                  <ei:venID>%s</ei:venID>
                </oadr:oadrCancelOpt>
                """.formatted(optId, venId));
    }
}

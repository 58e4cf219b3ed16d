package org.openvtn.conformance.oadr20b.ven;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The payloads the harness VTN sends (OpenADR 2.0b profile §8, VTN side), as text in the published schemas'
 * namespaces, each wrapped in {@code oadrPayload/oadrSignedObject} with {@code schemaVersion="2.0b"}. The harness
 * validates every one before sending it ({@code VtnHarness}); {@code VtnMessagesTest} validates each builder.
 */
final class VtnMessages {

    static final String OADR = "http://openadr.org/oadr-2.0b/2012/07";
    private static final String NS = " xmlns:oadr=\"" + OADR + "\""
            + " xmlns:ei=\"http://docs.oasis-open.org/ns/energyinterop/201110\""
            + " xmlns:pyld=\"http://docs.oasis-open.org/ns/energyinterop/201110/payloads\""
            + " xmlns:emix=\"http://docs.oasis-open.org/ns/emix/2011/06\""
            + " xmlns:xcal=\"urn:ietf:params:xml:ns:icalendar-2.0\""
            + " xmlns:strm=\"urn:ietf:params:xml:ns:icalendar-2.0:stream\"";

    /** The market context of every event the harness issues. */
    static final String MARKET_CONTEXT = "http://openvtn.org/conformance/ven";

    /**
     * One event as the harness issues it.
     *
     * @param id               eventID
     * @param modification     modificationNumber
     * @param start            dtstart
     * @param duration         active period
     * @param startAfter       tolerance/tolerate/startafter (randomization window), or null
     * @param signalName       e.g. {@code SIMPLE}, or an {@code x-} name the VEN may not support
     * @param value            the one interval's payload
     * @param status           eventStatus: far, near, active, completed, cancelled
     * @param testEvent        the testEvent text, or null for none
     * @param responseRequired always or never
     */
    record Event(String id, long modification, Instant start, Duration duration, Duration startAfter,
                 String signalName, double value, String status, String testEvent, String responseRequired) {

        /** A pending SIMPLE event starting in an hour, answer required. */
        static Event pending(String id) {
            return new Event(id, 0, Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS),
                    Duration.ofMinutes(30), null, "SIMPLE", 1, "far", "false", "always");
        }

        Event modified(double newValue) {
            return new Event(id, modification + 1, start, duration, startAfter, signalName, newValue, status,
                    testEvent, responseRequired);
        }

        Event cancelled() {
            return new Event(id, modification + 1, start, duration, startAfter, signalName, value, "cancelled",
                    testEvent, responseRequired);
        }

        Event withResponse(String rr) {
            return new Event(id, modification, start, duration, startAfter, signalName, value, status, testEvent, rr);
        }

        Event withSignal(String name) {
            return new Event(id, modification, start, duration, startAfter, name, value, status, testEvent,
                    responseRequired);
        }

        Event withStartAfter(Duration window) {
            return new Event(id, modification, start, duration, window, signalName, value, status, testEvent,
                    responseRequired);
        }

        Event withTestEvent(String text) {
            return new Event(id, modification, start, duration, startAfter, signalName, value, status, text,
                    responseRequired);
        }
    }

    /**
     * One report request.
     *
     * @param requestId   reportRequestID
     * @param specifierId reportSpecifierID (from the VEN's METADATA)
     * @param rId         the data point
     * @param granularity sampling granularity (zero: one-shot)
     * @param reportBack  reportBackDuration (zero: one-shot)
     */
    record ReportRequest(String requestId, String specifierId, String rId, Duration granularity, Duration reportBack) {
    }

    private VtnMessages() {
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static String payload(String inner) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<oadr:oadrPayload" + NS + "><oadr:oadrSignedObject>"
                + inner + "</oadr:oadrSignedObject></oadr:oadrPayload>";
    }

    private static String open(String name) {
        return "<oadr:" + name + " ei:schemaVersion=\"2.0b\">";
    }

    static String eiResponse(int code, String requestId) {
        return "<ei:eiResponse><ei:responseCode>" + code + "</ei:responseCode><ei:responseDescription>"
                + (code == 200 ? "OK" : "ERROR") + "</ei:responseDescription><pyld:requestID>" + esc(requestId)
                + "</pyld:requestID></ei:eiResponse>";
    }

    static String createdPartyRegistration(String requestId, String registrationId, String venId, String vtnId,
                                           Duration pollFreq) {
        return payload(open("oadrCreatedPartyRegistration") + eiResponse(200, requestId)
                + (registrationId == null ? "" : "<ei:registrationID>" + esc(registrationId) + "</ei:registrationID>")
                + (venId == null ? "" : "<ei:venID>" + esc(venId) + "</ei:venID>")
                + "<ei:vtnID>" + esc(vtnId) + "</ei:vtnID><oadr:oadrProfiles><oadr:oadrProfile>"
                + "<oadr:oadrProfileName>2.0b</oadr:oadrProfileName><oadr:oadrTransports><oadr:oadrTransport>"
                + "<oadr:oadrTransportName>simpleHttp</oadr:oadrTransportName></oadr:oadrTransport>"
                + "</oadr:oadrTransports></oadr:oadrProfile></oadr:oadrProfiles>"
                + "<oadr:oadrRequestedOadrPollFreq><xcal:duration>" + pollFreq + "</xcal:duration>"
                + "</oadr:oadrRequestedOadrPollFreq></oadr:oadrCreatedPartyRegistration>");
    }

    static String response(int code, String requestId, String venId) {
        return payload(open("oadrResponse") + eiResponse(code, requestId)
                + (venId == null ? "" : "<ei:venID>" + esc(venId) + "</ei:venID>") + "</oadr:oadrResponse>");
    }

    static String distributeEvent(String vtnId, String venId, List<Event> events) {
        StringBuilder sb = new StringBuilder(open("oadrDistributeEvent"));
        sb.append("<pyld:requestID>").append(newId()).append("</pyld:requestID><ei:vtnID>").append(esc(vtnId))
                .append("</ei:vtnID>");
        for (Event e : events) {
            sb.append("<oadr:oadrEvent><ei:eiEvent><ei:eventDescriptor><ei:eventID>").append(esc(e.id()))
                    .append("</ei:eventID><ei:modificationNumber>").append(e.modification())
                    .append("</ei:modificationNumber><ei:priority>1</ei:priority><ei:eiMarketContext>")
                    .append("<emix:marketContext>").append(MARKET_CONTEXT).append("</emix:marketContext>")
                    .append("</ei:eiMarketContext><ei:createdDateTime>").append(e.start().minus(Duration.ofHours(2)))
                    .append("</ei:createdDateTime><ei:eventStatus>").append(e.status()).append("</ei:eventStatus>");
            if (e.testEvent() != null) {
                sb.append("<ei:testEvent>").append(esc(e.testEvent())).append("</ei:testEvent>");
            }
            sb.append("</ei:eventDescriptor><ei:eiActivePeriod><xcal:properties><xcal:dtstart><xcal:date-time>")
                    .append(e.start()).append("</xcal:date-time></xcal:dtstart><xcal:duration><xcal:duration>")
                    .append(e.duration()).append("</xcal:duration></xcal:duration>");
            if (e.startAfter() != null) {
                sb.append("<xcal:tolerance><xcal:tolerate><xcal:startafter>").append(e.startAfter())
                        .append("</xcal:startafter></xcal:tolerate></xcal:tolerance>");
            }
            sb.append("</xcal:properties><xcal:components/></ei:eiActivePeriod><ei:eiEventSignals><ei:eiEventSignal>")
                    .append("<strm:intervals><ei:interval><xcal:duration><xcal:duration>").append(e.duration())
                    .append("</xcal:duration></xcal:duration><xcal:uid><xcal:text>0</xcal:text></xcal:uid>")
                    .append("<ei:signalPayload><ei:payloadFloat><ei:value>").append(e.value())
                    .append("</ei:value></ei:payloadFloat></ei:signalPayload></ei:interval></strm:intervals>")
                    .append("<ei:signalName>").append(esc(e.signalName())).append("</ei:signalName>")
                    .append("<ei:signalType>level</ei:signalType><ei:signalID>sig-0</ei:signalID>")
                    .append("</ei:eiEventSignal></ei:eiEventSignals><ei:eiTarget><ei:venID>").append(esc(venId))
                    .append("</ei:venID></ei:eiTarget></ei:eiEvent><oadr:oadrResponseRequired>")
                    .append(e.responseRequired()).append("</oadr:oadrResponseRequired></oadr:oadrEvent>");
        }
        return payload(sb.append("</oadr:oadrDistributeEvent>").toString());
    }

    static String registeredReport(String requestId, String venId, List<ReportRequest> piggyBacked) {
        StringBuilder sb = new StringBuilder(open("oadrRegisteredReport")).append(eiResponse(200, requestId));
        piggyBacked.forEach(r -> reportRequest(r, sb));
        return payload(sb.append("<ei:venID>").append(esc(venId)).append("</ei:venID></oadr:oadrRegisteredReport>")
                .toString());
    }

    static String createReport(String venId, List<ReportRequest> requests) {
        StringBuilder sb = new StringBuilder(open("oadrCreateReport")).append("<pyld:requestID>").append(newId())
                .append("</pyld:requestID>");
        requests.forEach(r -> reportRequest(r, sb));
        return payload(sb.append("<ei:venID>").append(esc(venId)).append("</ei:venID></oadr:oadrCreateReport>")
                .toString());
    }

    private static void reportRequest(ReportRequest r, StringBuilder sb) {
        sb.append("<oadr:oadrReportRequest><ei:reportRequestID>").append(esc(r.requestId()))
                .append("</ei:reportRequestID><ei:reportSpecifier><ei:reportSpecifierID>").append(esc(r.specifierId()))
                .append("</ei:reportSpecifierID><xcal:granularity><xcal:duration>").append(r.granularity())
                .append("</xcal:duration></xcal:granularity><ei:reportBackDuration><xcal:duration>")
                .append(r.reportBack()).append("</xcal:duration></ei:reportBackDuration><ei:reportInterval>")
                .append("<xcal:properties><xcal:dtstart><xcal:date-time>")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("</xcal:date-time></xcal:dtstart>")
                .append("<xcal:duration><xcal:duration>PT1H</xcal:duration></xcal:duration></xcal:properties>")
                .append("</ei:reportInterval><ei:specifierPayload><ei:rID>").append(esc(r.rId()))
                .append("</ei:rID><ei:readingType>Direct Read</ei:readingType></ei:specifierPayload>")
                .append("</ei:reportSpecifier></oadr:oadrReportRequest>");
    }

    static String cancelReport(String venId, String reportRequestId, boolean reportToFollow) {
        return payload(open("oadrCancelReport") + "<pyld:requestID>" + newId() + "</pyld:requestID><ei:reportRequestID>"
                + esc(reportRequestId) + "</ei:reportRequestID><pyld:reportToFollow>" + reportToFollow
                + "</pyld:reportToFollow><ei:venID>" + esc(venId) + "</ei:venID></oadr:oadrCancelReport>");
    }

    static String updatedReport(String requestId, String venId) {
        return payload(open("oadrUpdatedReport") + eiResponse(200, requestId) + "<ei:venID>" + esc(venId)
                + "</ei:venID></oadr:oadrUpdatedReport>");
    }

    static String createdOpt(String requestId, String optId) {
        return payload(open("oadrCreatedOpt") + eiResponse(200, requestId) + "<ei:optID>" + esc(optId)
                + "</ei:optID></oadr:oadrCreatedOpt>");
    }

    static String canceledOpt(String requestId, String optId) {
        return payload(open("oadrCanceledOpt") + eiResponse(200, requestId) + "<ei:optID>" + esc(optId)
                + "</ei:optID></oadr:oadrCanceledOpt>");
    }

    static String cancelPartyRegistration(String registrationId, String venId) {
        return payload(open("oadrCancelPartyRegistration") + "<pyld:requestID>" + newId() + "</pyld:requestID>"
                + "<ei:registrationID>" + esc(registrationId) + "</ei:registrationID><ei:venID>" + esc(venId)
                + "</ei:venID></oadr:oadrCancelPartyRegistration>");
    }

    static String canceledPartyRegistration(String requestId, String registrationId, String venId) {
        return payload(open("oadrCanceledPartyRegistration") + eiResponse(200, requestId) + "<ei:registrationID>"
                + esc(registrationId) + "</ei:registrationID><ei:venID>" + esc(venId)
                + "</ei:venID></oadr:oadrCanceledPartyRegistration>");
    }

    static String requestReregistration(String venId) {
        return payload(open("oadrRequestReregistration") + "<ei:venID>" + esc(venId)
                + "</ei:venID></oadr:oadrRequestReregistration>");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package org.openvtn.conformance.sep;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Flow Reservation function set (IEEE 2030.5-2018 §10.9; EV charging sessions). No official server procedure covers
 * it, so the row is named after the function set: the device POSTs a FlowReservationRequest to its EndDevice's
 * FlowReservationRequestListLink (201 + Location, readable back), and a FlowReservationResponse whose subject is the
 * request's mRID appears in its FlowReservationResponseList (an event with EventStatus), within the patience. When
 * that response asks for Responses (replyTo and a non-zero responseRequired; IEEE 2030.5-2018 Response function set),
 * the device's FlowReservationResponseResponse (status 1, received) POSTed to replyTo is accepted: 201 with a
 * Location that reads back with the subject.
 */
final class FlowReservationCases {

    /** The request is stored (201 + Location, reads back). */
    static final String STORED = "sep.flow.request.stored";
    /** The server answers with a FlowReservationResponse about the request. */
    static final String ANSWERED = "sep.flow.response.answered";
    /** A Response the FlowReservationResponse asks for is accepted at its replyTo. */
    static final String REPLY = "sep.flow.response.reply-accepted";

    private FlowReservationCases() {
    }

    static List<SepCase> cases() {
        return List.of(SepCase.must(List.of("FLOW-RESERVATION"), "Flow reservation: a FlowReservationRequest POSTed"
                        + " to the EndDevice's list is stored (201 + Location) and answered by a FlowReservationResponse"
                        + " whose subject is the request's mRID, an event with EventStatus",
                "IEEE 2030.5-2018 §10.9 Flow Reservation (FlowReservationRequest, FlowReservationResponse)",
                Set.of(SepServerSuite.FLOW_RESERVATION), FlowReservationCases::reserve));
    }

    static String requestXml(String mrid, long now) {
        long start = now + 7200;
        return "<FlowReservationRequest xmlns=\"" + SepXml.NS + "\"><mRID>" + mrid + "</mRID>"
                + "<description>conformance EV session</description><creationTime>" + now + "</creationTime>"
                + "<durationRequested>3600</durationRequested><energyRequested><multiplier>0</multiplier>"
                + "<value>20000</value></energyRequested><intervalRequested><duration>7200</duration><start>" + start
                + "</start></intervalRequested><powerRequested><multiplier>0</multiplier><value>7000</value>"
                + "</powerRequested><RequestStatus><dateTime>" + now + "</dateTime><requestStatus>0</requestStatus>"
                + "</RequestStatus></FlowReservationRequest>";
    }

    private static void reserve(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Element edev = c.endDevice();
        String frq = c.link(edev, "FlowReservationRequestListLink");
        String frp = c.link(edev, "FlowReservationResponseListLink");
        String mrid = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
        SepReply posted = c.post("POST FlowReservationRequest", frq, requestXml(mrid,
                ctx.clock().instant().getEpochSecond()));
        Optional<String> location = posted.header("Location");
        SepCases.check(ctx, posted.status() == 201 && location.isPresent(), STORED, "POST " + frq,
                "expected 201 with a Location, got " + posted.describe());
        if (location.isPresent()) {
            Element back = c.resource("GET FlowReservationRequest", location.get(), "FlowReservationRequest");
            SepCases.check(ctx, SepXml.text(back, "mRID").map(mrid::equalsIgnoreCase).orElse(false), STORED,
                    SepXml.path(back) + "/mRID", "the stored request does not carry the posted mRID " + mrid);
        }
        long deadline = System.nanoTime() + ctx.patience().toNanos();
        Optional<Element> answer;
        while (true) {
            answer = c.items("GET FlowReservationResponseList", frp, "FlowReservationResponseList").stream()
                    .filter(x -> SepXml.text(x, "subject").map(mrid::equalsIgnoreCase).orElse(false)).findFirst();
            if (answer.isPresent() || System.nanoTime() > deadline) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(500); // the target answers on its own time; a device polls, so does the suite
        }
        Element r = answer.orElseThrow(() -> ctx.fail(ANSWERED, frp, "no FlowReservationResponse with subject "
                + mrid + " within " + ctx.patience()));
        SepCases.check(ctx, SepXml.text(r, "EventStatus", "currentStatus").isPresent(), ANSWERED, SepXml.path(r),
                "a FlowReservationResponse is an Event and needs its EventStatus");
        respond(ctx, c, r);
    }

    /** POSTs the Response a FlowReservationResponse asks for (bit 0: received) and reads it back. */
    private static void respond(CaseContext ctx, SepClientHarness c, Element r) {
        Optional<String> replyTo = SepXml.attr(r, "replyTo");
        String required = SepXml.attr(r, "responseRequired").orElse("00");
        if (replyTo.isEmpty() || required.matches("0*")) {
            ctx.note("the FlowReservationResponse asks for no Response (replyTo " + replyTo.orElse("absent")
                    + ", responseRequired " + required + ")");
            return;
        }
        String subject = SepXml.text(r, "mRID").orElse("");
        String body = "<FlowReservationResponseResponse xmlns=\"" + SepXml.NS + "\"><createdDateTime>"
                + ctx.clock().instant().getEpochSecond() + "</createdDateTime><endDeviceLFDI>" + c.identity().lfdi()
                + "</endDeviceLFDI><status>1</status><subject>" + subject + "</subject>"
                + "</FlowReservationResponseResponse>";
        SepReply posted = c.post("POST FlowReservationResponseResponse", replyTo.get(), body);
        Optional<String> location = posted.header("Location");
        SepCases.check(ctx, posted.status() == 201 && location.isPresent(), REPLY, "POST " + replyTo.get(),
                "the Response the FlowReservationResponse asks for (responseRequired " + required + ") was refused: "
                        + posted.describe());
        location.ifPresent(l -> {
            SepReply back = c.get("GET posted Response", l);
            SepCases.check(ctx, back.status() == 200 && back.root().flatMap(x -> SepXml.text(x, "subject"))
                    .map(subject::equalsIgnoreCase).orElse(false), REPLY, "GET " + l,
                    "the posted Response does not read back with subject " + subject + ": " + back.describe());
        });
    }

}

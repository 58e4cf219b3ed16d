package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.NewReportRequest;
import org.openvtn.core.ReportRequest;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.core.service.StoreLimits;
import org.openvtn.schemas.oadr20b.OadrCancelReportType;
import org.openvtn.schemas.oadr20b.OadrCreateReportType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.ei.OptTypeType;

/**
 * At-least-once oadrPoll delivery (issue #12 item 6; OpenADR 2.0b 8.7 OadrPoll, docs/openadr-20b.md "Poll
 * delivery"): a poll answer that carried an item does not remove it; the item goes again on a poll after
 * {@code pollRedeliveryAfter} unless the VEN acknowledged it (oadrCreatedEvent at the current modificationNumber),
 * and at most {@code pollMaxDeliveries} times.
 */
class PollDeliveryIT {
    private static final Duration AFTER = StoreLimits.DEFAULT.pollRedeliveryAfter().plusSeconds(1);
    private static OadrHarness vtn;
    private static String programId;
    private static int slot;

    @BeforeAll
    static void start() {
        vtn = OadrHarness.inMemory();
        programId = vtn.server.core().programs().create("poll-delivery-it", "http://market.example/pd").id();
    }

    @AfterAll
    static void stop() {
        vtn.close();
    }

    private static ScriptedVen registeredAndDrained() {
        ScriptedVen ven = vtn.newVen();
        ven.register();
        assertInstanceOf(OadrDistributeEventType.class, ven.poll()); // the registration's (empty) distribution
        return ven;
    }

    private static Event event(ScriptedVen ven, ResponseRequired rr) {
        slot++;
        return vtn.server.core().events().create(EventSpec.builder().programId(programId)
                .start(vtn.clock.instant().plus(Duration.ofHours(2L * slot))).targets(Targets.vens(ven.venId))
                .responseRequired(rr).signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofMinutes(30), 1.0)))
                .build());
    }

    private static void assertNothing(Object answer) {
        assertEquals("200", assertInstanceOf(OadrResponseType.class, answer).getEiResponse().getResponseCode());
    }

    private static void assertCarries(Object answer, Event e) {
        OadrDistributeEventType d = assertInstanceOf(OadrDistributeEventType.class, answer);
        assertTrue(d.getOadrEvent().stream().anyMatch(x -> x.getEiEvent().getEventDescriptor().getEventID()
                .equals(e.id())), "distribution carries event " + e.id());
    }

    /**
     * Issue #12 item 6: the VEN's client gives up after the first bytes of the poll answer (the connection closes
     * before the oadrDistributeEvent is read); the next poll after the redelivery interval carries it again, and
     * a poll before that interval does not repeat it (the VEN may still be answering).
     */
    @Test
    void lostPollAnswerIsDeliveredAgain() throws Exception {
        ScriptedVen ven = registeredAndDrained();
        Event e = event(ven, ResponseRequired.ALWAYS);
        pollAndDropConnection(ven);

        assertNothing(ven.poll());
        vtn.clock.advance(AFTER);
        assertCarries(ven.poll(), e);
    }

    /** Issue #12 item 6: an oadrCreatedEvent for the current modificationNumber acknowledges the distribution. */
    @Test
    void acknowledgedDistributionIsNotRepeated() {
        ScriptedVen ven = registeredAndDrained();
        Event e = event(ven, ResponseRequired.ALWAYS);
        assertCarries(ven.poll(), e);
        ven.send("EiEvent", EventIT.created(ven.venId, List.of(EventIT.answer(e.id(), 0, OptTypeType.OPT_IN,
                "200"))), OadrResponseType.class);

        vtn.clock.advance(AFTER);
        assertNothing(ven.poll());
        assertTrue(vtn.server.core().pollQueue().pending(ven.venId).isEmpty());
    }

    /**
     * Issue #12 item 6: with responseRequired never the VEN has no way to acknowledge; the distribution goes at most
     * pollMaxDeliveries times, then the queue is empty (no endless repeat).
     */
    @Test
    void unacknowledgeableDistributionIsBounded() {
        ScriptedVen ven = registeredAndDrained();
        Event e = event(ven, ResponseRequired.NEVER);
        assertCarries(ven.poll(), e);
        for (int i = 1; i < StoreLimits.DEFAULT.pollMaxDeliveries(); i++) {
            assertNothing(ven.poll());
            vtn.clock.advance(AFTER);
            assertCarries(ven.poll(), e);
        }
        vtn.clock.advance(AFTER);
        assertNothing(ven.poll());
        assertTrue(vtn.server.core().pollQueue().pending(ven.venId).isEmpty());
    }

    /** Issue #12 item 6: a later change is not held back by an unacknowledged earlier distribution. */
    @Test
    void newerChangeGoesOnTheNextPoll() {
        ScriptedVen ven = registeredAndDrained();
        Event first = event(ven, ResponseRequired.ALWAYS);
        assertCarries(ven.poll(), first);
        Event second = event(ven, ResponseRequired.ALWAYS);
        OadrDistributeEventType d = assertInstanceOf(OadrDistributeEventType.class, ven.poll());
        assertCarries(d, second);
        assertCarries(d, first);
        assertEquals(1, vtn.server.core().pollQueue().pending(ven.venId).size(), "older distribution superseded");
    }

    /**
     * Issue #12 item 6: the VEN's oadrCanceledReport acknowledges the oadrCancelReport a poll carried; without it
     * the cancel goes again after the redelivery interval.
     */
    @Test
    void canceledReportAcknowledgesTheCancel() {
        ScriptedVen ven = registeredAndDrained();
        assertEquals(200, ven.post("EiReport", OadrXml.registerReport(ven.venId, true)).status());
        var reports = vtn.server.core().reports();
        ReportRequest rr = reports.requestReport(ven.venId, new NewReportRequest("TELEMETRY_USAGE", List.of(),
                Duration.ofMinutes(1), Duration.ofMinutes(1), null, null));
        ven.pollFor(OadrCreateReportType.class);
        assertEquals(200, ven.post("EiReport", OadrXml.createdReport(ven.venId, rr.reportRequestId())).status());

        reports.cancelReport(ven.venId, rr.reportRequestId(), false, true);
        assertTrue(drain(ven).contains(OadrCancelReportType.class));
        vtn.clock.advance(AFTER);
        assertTrue(drain(ven).contains(OadrCancelReportType.class), "not acknowledged: sent again");
        assertEquals(200, ven.post("EiReport", OadrXml.canceledReport(ven.venId)).status());
        vtn.clock.advance(AFTER);
        assertFalse(drain(ven).contains(OadrCancelReportType.class), "acknowledged: not sent again");
        assertTrue(vtn.server.core().pollQueue().pending(ven.venId).stream()
                .noneMatch(p -> p.kind() == org.openvtn.core.PollItem.Kind.REPORT_CANCELLED));
    }

    /** Polls until oadrResponse (at most 10 polls); returns the types of the messages that came before it. */
    private static List<Class<?>> drain(ScriptedVen ven) {
        List<Class<?>> out = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Object o = ven.poll();
            if (o instanceof OadrResponseType) {
                return out;
            }
            out.add(o.getClass());
        }
        throw new AssertionError("the queue did not empty: " + out);
    }

    /** Sends an oadrPoll on a raw TLS socket, reads only the first byte of the answer and closes the connection. */
    private static void pollAndDropConnection(ScriptedVen ven) throws Exception {
        URI uri = vtn.server.oadrBaseUri();
        byte[] body = OadrHarness.codec().encodePayload(ven.pollMessage());
        try (SSLSocket s = (SSLSocket) TlsFactory.of(vtn.pki.oadrClientConfig(ven.credential).build())
                .clientSslContext().getSocketFactory().createSocket("127.0.0.1", uri.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + uri.getPath() + "OadrPoll HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/xml\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            assertTrue(in.read() >= 0, "the VTN started answering");
        }
    }
}

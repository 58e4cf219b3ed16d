package org.openvtn.ven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.oadr20b.OadrCanceledPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCanceledReportType;
import org.openvtn.schemas.oadr20b.OadrCreateOptType;
import org.openvtn.schemas.oadr20b.OadrCreatePartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreatedEventType;
import org.openvtn.schemas.oadr20b.OadrCreatedReportType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.oadr20b.OadrQueryRegistrationType;
import org.openvtn.schemas.oadr20b.OadrRegisterReportType;
import org.openvtn.schemas.oadr20b.OadrRequestEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.OadrUpdateReportType;
import org.openvtn.ven.testing.FakeVtn;
import org.openvtn.ven.testing.RecordingListener;
import org.openvtn.ven.testing.VtnMessages;
import org.openvtn.ven.testing.VtnMessages.EventSpec;

/**
 * The client against the scripted fake VTN over real mutual TLS on 127.0.0.1, port 0. Each test
 * names the official test case or conformance rule it exercises (VEN as device under test).
 */
class VenClientIT {

    static TestPki pki;
    static OadrCodec vtnCodec;
    static VenRuntime runtime;

    FakeVtn vtn;
    RecordingListener listener;
    RegistrationStore store;
    VenClient client;

    @BeforeAll
    static void setUpAll() {
        pki = TestPki.shared();
        vtnCodec = OadrCodec.create(new PublishedSchemas());
        runtime = VenRuntime.create(1, 2);
    }

    @AfterAll
    static void tearDownAll() {
        runtime.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        vtn = new FakeVtn(vtnCodec, pki.oadrServerConfig().build());
        listener = new RecordingListener();
        store = RegistrationStore.inMemory();
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        vtn.close();
    }

    VenClientBuilder builder(String name) {
        return VenClient.builder().vtnUrl(vtn.url()).venName(name)
                .tlsConfig(pki.oadrClientConfig(pki.venEcc()).build())
                .listener(listener).registrationStore(store).runtime(runtime)
                .pollInterval(Duration.ofHours(1))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(200), 2, 0.2))
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(10));
    }

    static EventSpec event(String id, boolean always, String signal) {
        return new EventSpec(id, 0, Instant.now().plusSeconds(3600), Duration.ofMinutes(30), Duration.ZERO, signal,
                1, always, false);
    }

    /** N1_0010/N1_0020, rules 301 and 405: query, create, oadrRequestEvent, METADATA register report (none offered), poll. */
    @Test
    void N1_0020_registrationBootstrap() throws Exception {
        client = builder("bootstrap").build();
        RegistrationInfo r = client.start();
        assertEquals(OadrQueryRegistrationType.class, vtn.await(x -> true).message().getClass());
        OadrCreatePartyRegistrationType create = vtn.await(OadrCreatePartyRegistrationType.class);
        assertEquals("bootstrap", create.getOadrVenName());
        assertEquals("2.0b", create.getSchemaVersion()); // rule 509
        assertEquals(OadrRequestEventType.class, vtn.await(x -> true).message().getClass());
        OadrRegisterReportType metadata = (OadrRegisterReportType) vtn.await(x -> true).message();
        assertTrue(metadata.getOadrReport().isEmpty(), "METADATA registerReport even with no reports (rule 301)");
        vtn.await(OadrPollType.class);
        assertEquals(vtn.vensByName.get("bootstrap").venId(), r.venId());
        assertEquals(r, store.load("bootstrap", vtn.url()).orElseThrow());
        assertEquals(r, listener.await("registration").value());
    }

    /** N1_0015: a restarted client whose registration the VTN still knows does not register again. */
    @Test
    void N1_0015_restartReusesStoredRegistration() throws Exception {
        client = builder("restart").build();
        RegistrationInfo first = client.start();
        client.close();
        vtn.rememberQueriesFor("restart");
        vtn.drainReceived();
        client = builder("restart").build();
        RegistrationInfo second = client.start();
        assertEquals(first.registrationId(), second.registrationId());
        vtn.await(OadrPollType.class);
        assertTrue(vtn.drainReceived().stream().noneMatch(x -> x.message() instanceof OadrCreatePartyRegistrationType));
    }

    /**
     * Rules 12/62 (A_E1_0430-family): createdEvent for always, none for never; modification and implied cancel. The
     * VTN's record of what the client sent is awaited in order: the client's exchanges are sequential, so the message
     * after a distribution is either its oadrCreatedEvent or the next oadrPoll of the drain (rule 500).
     */
    @Test
    void responseRequiredModificationAndImpliedCancel() throws Exception {
        vtn.putEvent(event("ev-always", true, "SIMPLE"));
        vtn.putEvent(event("ev-never", false, "SIMPLE"));
        client = builder("events").build();
        client.start();
        OadrCreatedEventType created = vtn.await(OadrCreatedEventType.class);
        var responses = created.getEiCreatedEvent().getEventResponses().getEventResponse();
        assertEquals(List.of("ev-always"), responses.stream().map(x -> x.getQualifiedEventID().getEventID()).toList());
        assertEquals("optIn", responses.get(0).getOptType().value());
        assertEquals("ev-always", ((DrEvent) listener.await("event").value()).eventId());
        assertEquals(2, client.events().size());
        // The poll loop's first poll (after METADATA) finds the queue empty; the loop then idles for the poll
        // interval, so every later distribution is fetched by the test's own polls.
        vtn.await(OadrRegisterReportType.class);
        assertEquals(OadrResponseType.class, polled().answer().getClass());

        vtn.putEvent(event("ev-always", true, "SIMPLE").modified(3));
        client.poll();
        DrEvent modified = (DrEvent) listener.await("modified").value();
        assertEquals(1, modified.modificationNumber());
        assertEquals(OadrDistributeEventType.class, polled().answer().getClass());
        var again = vtn.await(x -> true).message();
        assertTrue(again instanceof OadrCreatedEventType, "the modification is answered first: " + again);
        var answered = ((OadrCreatedEventType) again).getEiCreatedEvent().getEventResponses().getEventResponse();
        assertEquals(List.of("ev-always"), answered.stream().map(x -> x.getQualifiedEventID().getEventID()).toList());
        assertEquals(1, answered.get(0).getQualifiedEventID().getModificationNumber());
        assertEquals(OadrPollType.class, vtn.await(x -> true).message().getClass(), "one oadrCreatedEvent only");

        vtn.removeEvent("ev-never");
        client.poll();
        assertEquals("ev-never", ((DrEvent) listener.await("cancelled").value()).eventId());
        assertEquals(OadrDistributeEventType.class, polled().answer().getClass());
        var next = vtn.await(x -> true).message();
        assertEquals(OadrPollType.class, next.getClass(), "an implied cancel of a 'never' event is not answered");
    }

    /** The next oadrPoll the VTN received, with the answer it got. */
    FakeVtn.Received polled() throws InterruptedException {
        return vtn.await(r -> r.message() instanceof OadrPollType);
    }

    /** E1_1070 / rule 109: an event with a custom signal is answered 460 and not delivered. */
    @Test
    void E1_1070_unsupportedSignalAnswered460() throws Exception {
        vtn.putEvent(event("ev-custom", true, "x-custom"));
        client = builder("custom").build();
        client.start();
        var r = vtn.await(OadrCreatedEventType.class).getEiCreatedEvent().getEventResponses().getEventResponse().get(0);
        assertEquals("460", r.getResponseCode());
        assertTrue(client.events().isEmpty());
    }

    /**
     * Conformance rule 21 on the VEN side: a distribution from another vtnID is answered 452 and not applied; an
     * event whose eiTarget names only other venIDs is reported (462) and not applied.
     */
    @Test
    void rule21_foreignVtnIdAndForeignTargetNotApplied() throws Exception {
        client = builder("rule21").build();
        RegistrationInfo r = client.start();
        vtn.await(OadrPollType.class);
        OadrDistributeEventType foreignVtn = VtnMessages.distribute(r.venId(), List.of(event("ev-x", false, "SIMPLE")));
        foreignVtn.setVtnID("SOME-OTHER-VTN");
        vtn.queue(r.venId(), foreignVtn);
        client.poll();
        OadrResponseType answer = vtn.await(OadrResponseType.class);
        assertEquals("452", answer.getEiResponse().getResponseCode());
        assertEquals(452, ((VenException) listener.await("error").value()).responseCode());
        assertTrue(client.events().isEmpty());

        OadrDistributeEventType foreignTarget = VtnMessages.distribute("SOMEONE-ELSE",
                List.of(event("ev-y", false, "SIMPLE")));
        vtn.queue(r.venId(), foreignTarget);
        client.poll();
        VenException e = (VenException) listener.await("error").value();
        assertEquals(462, e.responseCode(), e.getMessage());
        assertTrue(client.events().isEmpty());
    }

    /** Rule 500: one poll drains the queue until the VTN answers oadrResponse. */
    @Test
    void rule500_pollUntilQueueEmpty() throws Exception {
        client = builder("drain").build();
        RegistrationInfo r = client.start();
        vtn.await(OadrPollType.class);
        vtn.drainReceived();
        for (int i = 0; i < 3; i++) {
            vtn.queue(r.venId(), VtnMessages.distribute(r.venId(), List.of()));
        }
        client.poll();
        assertEquals(4, vtn.drainReceived().stream().filter(x -> x.message() instanceof OadrPollType).count());
    }

    /** A schema-invalid VTN message is answered 454, reported to onError, and the client carries on. */
    @Test
    void invalidMessageIsAnswered454AndClientContinues() throws Exception {
        client = builder("invalid").build();
        client.start();
        vtn.await(OadrPollType.class);
        vtn.rawPollAnswers.add(("<oadr:oadrPayload xmlns:oadr=\"http://openadr.org/oadr-2.0b/2012/07\">"
                + "<oadr:bogus/></oadr:oadrPayload>").getBytes(StandardCharsets.UTF_8));
        VenException e = assertThrows(VenException.class, client::poll);
        assertEquals(454, e.responseCode());
        OadrResponseType answer = vtn.await(OadrResponseType.class);
        assertEquals("454", answer.getEiResponse().getResponseCode());
        client.poll();
        assertTrue(client.registration().isPresent());
    }

    /** HTTP 5xx is retried with backoff; every exchange reuses one kept-alive TLS connection. */
    @Test
    void retriesOn5xxAndReusesTheConnection() throws Exception {
        client = builder("retry").build();
        client.start();
        vtn.await(OadrPollType.class); // the poll loop's first poll is done; the rest are ours
        vtn.failNext(2, 503);
        client.poll();
        client.poll();
        assertEquals(1, vtn.connections(), "one TLS connection for every request");
        vtn.failNext(5, 500);
        VenException e = assertThrows(VenException.class, client::poll);
        assertEquals(VenException.Kind.TRANSPORT, e.kind());
    }

    /** The VTN goes down and comes back: the client backs off, then recovers with the same registration. */
    @Test
    void vtnDownAndBackUp() throws Exception {
        client = builder("outage").pollInterval(Duration.ofMillis(200)).build();
        RegistrationInfo r = client.start();
        vtn.await(OadrPollType.class);
        vtn.stop();
        VenException e = (VenException) listener.await("error").value();
        assertEquals(VenException.Kind.TRANSPORT, e.kind());
        vtn.drainReceived();
        vtn.restart();
        vtn.await(OadrPollType.class);
        assertEquals(r, client.registration().orElseThrow());
        assertTrue(vtn.drainReceived().stream().noneMatch(x -> x.message() instanceof OadrCreatePartyRegistrationType));
    }

    /** R1_3010/R1_3100, rules 301 and 345: METADATA offers the point; a request is accepted; cancel with reportToFollow sends a final report. */
    @Test
    void reportsRequestedAndCancelledWithReportToFollow() throws Exception {
        client = builder("reports").reportCapabilities(ReportCapability.telemetryPower("p1", Duration.ofSeconds(1),
                Duration.ofMinutes(1))).telemetrySource(new TelemetrySource() {
                    @Override
                    public Reading read(ReportCapability point, Instant start, Duration granularity) {
                        return Reading.value(start, granularity, 42);
                    }
                }).build();
        RegistrationInfo r = client.start();
        OadrRegisterReportType metadata = vtn.await(OadrRegisterReportType.class);
        assertEquals("METADATA_TELEMETRY_USAGE", metadata.getOadrReport().get(0).getReportName());
        assertEquals("0", metadata.getOadrReport().get(0).getReportRequestID()); // rule 311
        vtn.queue(r.venId(), VtnMessages.createReport(r.venId(), "rr-periodic", "TELEMETRY_USAGE", "p1",
                Duration.ofSeconds(10), Duration.ofHours(1)));
        vtn.queue(r.venId(), VtnMessages.createReport(r.venId(), "rr-once", "TELEMETRY_USAGE", "p1",
                Duration.ZERO, Duration.ZERO));
        client.poll();
        assertEquals(List.of("rr-periodic"), vtn.await(OadrCreatedReportType.class).getOadrPendingReports()
                .getReportRequestID());
        assertEquals("report", listener.await("report").kind());
        OadrUpdateReportType once = vtn.await(OadrUpdateReportType.class);
        assertEquals("rr-once", once.getOadrReport().get(0).getReportRequestID());
        vtn.queue(r.venId(), VtnMessages.cancelReport(r.venId(), "rr-periodic", true));
        client.poll();
        assertTrue(vtn.await(OadrCanceledReportType.class).getOadrPendingReports().getReportRequestID().isEmpty());
        OadrUpdateReportType fin = vtn.await(OadrUpdateReportType.class);
        assertEquals("rr-periodic", fin.getOadrReport().get(0).getReportRequestID());
        assertTrue(client.pendingReports().isEmpty());
    }

    /** N1_0050: the VTN asks for re-registration; the client registers again and requests events. */
    @Test
    void N1_0050_vtnRequestsReregistration() throws Exception {
        client = builder("rereg").build();
        RegistrationInfo r = client.start();
        vtn.await(OadrPollType.class);
        vtn.queue(r.venId(), VtnMessages.requestReregistration(r.venId()));
        client.poll();
        OadrCreatePartyRegistrationType again = vtn.await(OadrCreatePartyRegistrationType.class);
        assertEquals(r.registrationId(), again.getRegistrationID());
        vtn.await(OadrRequestEventType.class);
        vtn.await(OadrRegisterReportType.class);
    }

    /** N1_0040: the VTN cancels the registration; the client acknowledges, forgets it and stops polling. */
    @Test
    void N1_0040_vtnCancelsRegistration() throws Exception {
        client = builder("vtncancel").build();
        RegistrationInfo r = client.start();
        listener.await("registration");
        vtn.queue(r.venId(), VtnMessages.cancelRegistration(r.registrationId(), r.venId()));
        client.poll();
        OadrCanceledPartyRegistrationType ack = vtn.await(OadrCanceledPartyRegistrationType.class);
        assertEquals("200", ack.getEiResponse().getResponseCode());
        assertNull(listener.await("registration").value());
        assertFalse(client.registration().isPresent());
        assertTrue(store.load("vtncancel", vtn.url()).isEmpty());
    }

    /** P1_2010 / rule 510: an availability schedule goes out as oadrCreateOpt with vavailability. */
    @Test
    void P1_2010_availabilitySchedule() throws Exception {
        client = builder("opt").build();
        client.start();
        String optId = client.createOptSchedule(OptType.OPT_OUT, "x-schedule", "http://market.example/dr",
                List.of(new AvailabilityWindow(Instant.now().plusSeconds(3600), Duration.ofHours(2))));
        OadrCreateOptType opt = vtn.await(OadrCreateOptType.class);
        assertEquals(optId, opt.getOptID());
        assertEquals(1, opt.getVavailability().getComponents().getAvailable().size());
    }

    /** Callbacks never run on a Netty I/O thread. */
    @Test
    void callbacksRunOffTheIoThreads() throws Exception {
        client = builder("threads").build();
        client.start();
        String thread = listener.await("registration").thread();
        assertFalse(thread.contains("io"), thread);
    }
}

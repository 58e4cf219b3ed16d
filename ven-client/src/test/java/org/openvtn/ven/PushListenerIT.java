package org.openvtn.ven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.openvtn.schemas.oadr20b.OadrCreatePartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreatedEventType;
import org.openvtn.schemas.oadr20b.OadrCreatedReportType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.oadr20b.OadrRegisterReportType;
import org.openvtn.schemas.oadr20b.OadrRegisteredReportType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.ven.protocol.Xml;
import org.openvtn.ven.testing.FakeVtn;
import org.openvtn.ven.testing.PushingVtn;
import org.openvtn.ven.testing.RecordingListener;
import org.openvtn.ven.testing.VtnMessages;
import org.openvtn.ven.testing.VtnMessages.EventSpec;

/**
 * A push VEN (OpenADR 2.0b push exchange model, issue #14 VEN side) over real mutual TLS: the VEN registers with the
 * scripted fake VTN, then a test double of the VTN's push client (Jetty HttpClient with the VTN's certificate) posts to
 * the VEN's listener and checks the synchronous answers with the schema-validating codec. Each test names the push test
 * case (device under test = VEN, transport digit 0) or the issue item it protects.
 */
class PushListenerIT {

    static TestPki pki;
    static OadrCodec vtnCodec;
    static VenRuntime runtime;
    static PushingVtn pusher;
    static PushingVtn stranger;

    FakeVtn vtn;
    RecordingListener listener;
    VenClient client;
    String base;

    @BeforeAll
    static void setUpAll() throws Exception {
        pki = TestPki.shared();
        vtnCodec = OadrCodec.create(new PublishedSchemas());
        runtime = VenRuntime.create(1, 2);
        pusher = new PushingVtn(pki.oadrServerConfig().hostnameVerification(false).build(), vtnCodec);
        stranger = new PushingVtn(pki.oadrClientConfig(pki.venRsa()).hostnameVerification(false).build(), vtnCodec);
    }

    @AfterAll
    static void tearDownAll() throws Exception {
        pusher.close();
        stranger.close();
        runtime.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        vtn = new FakeVtn(vtnCodec, pki.oadrServerConfig().build());
        listener = new RecordingListener();
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        vtn.close();
    }

    private RegistrationInfo startPushVen(String name, ReportCapability... caps) {
        client = VenClient.builder().vtnUrl(vtn.url()).venName(name)
                .tlsConfig(pki.oadrClientConfig(pki.venEcc()).build())
                .listener(listener).registrationStore(RegistrationStore.inMemory()).runtime(runtime)
                .pollInterval(Duration.ofMillis(50)) // a pull VEN would poll at once and often
                .reportCapabilities(caps)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(200), 2, 0.2))
                .pushListener("127.0.0.1", 0).build();
        base = "https://127.0.0.1:" + client.pushPort();
        return client.start();
    }

    private static EventSpec event(String id, boolean always, String signal) {
        return new EventSpec(id, 0, Instant.now().plusSeconds(3600), Duration.ofMinutes(30), Duration.ZERO, signal,
                1, always, false);
    }

    /**
     * N0_5020 (push registration): oadrHttpPullModel=false with the listener's root address as oadrTransportAddress;
     * E0_6020 (pushed pending event): oadrCreatedEvent in the HTTP response on the §9.1.2 URL, an empty 200 on the
     * short {@code <address>/<Service>} URL when nothing needs an answer (responseRequired never), the callbacks fire
     * off the I/O threads, and the VEN never polls.
     */
    @Test
    void E0_6020_distributeEventAnsweredSynchronouslyOnBothUrlForms() throws Exception {
        RegistrationInfo r = startPushVen("push-events");
        OadrCreatePartyRegistrationType create = vtn.await(OadrCreatePartyRegistrationType.class);
        assertFalse(create.isOadrHttpPullModel());
        assertEquals(base, create.getOadrTransportAddress());
        assertEquals(base, client.pushAddress().orElseThrow());

        EventSpec first = event("ev-push-1", true, "SIMPLE");
        PushingVtn.Reply reply = pusher.push(base + "/OpenADR2/Simple/2.0b/EiEvent",
                VtnMessages.distribute(r.venId(), List.of(first)));
        OadrCreatedEventType created = pusher.answer(reply, OadrCreatedEventType.class);
        var response = created.getEiCreatedEvent().getEventResponses().getEventResponse().get(0);
        assertEquals("200", response.getResponseCode());
        assertEquals("ev-push-1", response.getQualifiedEventID().getEventID());
        assertEquals(r.venId(), created.getEiCreatedEvent().getVenID());
        RecordingListener.Call call = listener.await("event");
        assertEquals("ev-push-1", ((DrEvent) call.value()).eventId());
        assertFalse(call.thread().contains("-io-"), "callback on an I/O thread: " + call.thread());

        PushingVtn.Reply empty = pusher.push(base + "/EiEvent",
                VtnMessages.distribute(r.venId(), List.of(first, event("ev-push-2", false, "SIMPLE"))));
        assertEquals(200, empty.status());
        assertEquals(0, empty.body().length, "responseRequired never: empty 200, got " + empty.text());
        assertEquals("ev-push-2", ((DrEvent) listener.await("event").value()).eventId());
        assertEquals(2, client.events().size());
        assertTrue(vtn.drainReceived().stream().noneMatch(x -> x.message() instanceof OadrPollType),
                "a push VEN must not poll");
    }

    /**
     * Issue #14 (signal names): the deprecated lower-case {@code simple} of the schema's signalName enumeration, sent by
     * 2.0a-era VTNs, is SIMPLE: opted in with 200, not 460. Pushed here; pulled in the next test.
     */
    @Test
    void lowerCaseSimpleSignalIsAcceptedWhenPushed() throws Exception {
        RegistrationInfo r = startPushVen("push-simple");
        OadrCreatedEventType created = pusher.answer(pusher.push(base + "/OpenADR2/Simple/2.0b/EiEvent",
                VtnMessages.distribute(r.venId(), List.of(event("ev-lower", true, "simple")))),
                OadrCreatedEventType.class);
        var response = created.getEiCreatedEvent().getEventResponses().getEventResponse().get(0);
        assertEquals("200", response.getResponseCode());
        assertEquals("optIn", response.getOptType().value());
        DrEvent e = (DrEvent) listener.await("event").value();
        assertTrue(e.signal("SIMPLE").isPresent(), "signal mapped to SIMPLE: " + e.signals());
    }

    /** Issue #14 (signal names), pull: a polled event with signalName {@code simple} is answered 200 optIn. */
    @Test
    void lowerCaseSimpleSignalIsAcceptedWhenPolled() throws Exception {
        client = VenClient.builder().vtnUrl(vtn.url()).venName("pull-simple")
                .tlsConfig(pki.oadrClientConfig(pki.venEcc()).build()).listener(listener)
                .registrationStore(RegistrationStore.inMemory()).runtime(runtime).pollInterval(Duration.ofHours(1))
                .build();
        client.start();
        vtn.await(OadrPollType.class);
        vtn.putEvent(event("ev-lower-pull", true, "simple"));
        client.poll();
        OadrCreatedEventType created = vtn.await(OadrCreatedEventType.class);
        var response = created.getEiCreatedEvent().getEventResponses().getEventResponse().get(0);
        assertEquals("ev-lower-pull", response.getQualifiedEventID().getEventID());
        assertEquals("200", response.getResponseCode());
        assertEquals("optIn", response.getOptType().value());
    }

    /**
     * E0_6070 (push twin of E1_1070, rule 109): a pushed event with a custom signal is answered 460 optOut in the HTTP
     * response and not delivered; rule 21: a distribution from another vtnID is answered oadrResponse 452, not applied.
     */
    @Test
    void E0_6070_unsupportedSignal460AndForeignVtn452() throws Exception {
        RegistrationInfo r = startPushVen("push-460");
        String url = base + "/OpenADR2/Simple/2.0b/EiEvent";
        OadrCreatedEventType created = pusher.answer(pusher.push(url,
                VtnMessages.distribute(r.venId(), List.of(event("ev-custom", true, "x-custom")))),
                OadrCreatedEventType.class);
        var response = created.getEiCreatedEvent().getEventResponses().getEventResponse().get(0);
        assertEquals("460", response.getResponseCode());
        assertEquals("optOut", response.getOptType().value());
        assertTrue(client.events().isEmpty());

        OadrDistributeEventType foreign = VtnMessages.distribute(r.venId(), List.of(event("ev-foreign", true,
                "SIMPLE")));
        foreign.setVtnID("ANOTHER-VTN");
        OadrResponseType refused = pusher.answer(pusher.push(url, foreign), OadrResponseType.class);
        assertEquals(VenException.INVALID_ID, Xml.code(refused.getEiResponse()));
        assertTrue(client.events().isEmpty());
    }

    /**
     * R0_8010/R0_8020 family (pushed report requests): oadrCreateReport is answered with oadrCreatedReport listing the
     * pending request, oadrCancelReport with oadrCanceledReport, the VTN's oadrRegisterReport with
     * oadrRegisteredReport; the onReportRequest callback fires. A request for another venID is answered 452.
     */
    @Test
    void R0_8020_reportServicesAnsweredSynchronously() throws Exception {
        RegistrationInfo r = startPushVen("push-reports", ReportCapability.telemetryPower("p1", Duration.ofSeconds(1),
                Duration.ofMinutes(1)));
        String url = base + "/OpenADR2/Simple/2.0b/EiReport";
        OadrCreatedReportType created = pusher.answer(pusher.push(url, VtnMessages.createReport(r.venId(),
                "rr-push", "TELEMETRY_USAGE", "p1", Duration.ofSeconds(10), Duration.ofHours(1))),
                OadrCreatedReportType.class);
        assertEquals(200, Xml.code(created.getEiResponse()));
        assertEquals(List.of("rr-push"), created.getOadrPendingReports().getReportRequestID());
        assertEquals("report", listener.await("report").kind());

        OadrCanceledReportType canceled = pusher.answer(pusher.push(url,
                VtnMessages.cancelReport(r.venId(), "rr-push", false)), OadrCanceledReportType.class);
        assertEquals(200, Xml.code(canceled.getEiResponse()));
        assertTrue(canceled.getOadrPendingReports().getReportRequestID().isEmpty());

        OadrRegisterReportType metadata = new OadrRegisterReportType();
        metadata.setRequestID("vtn-metadata-1");
        metadata.setVenID(r.venId());
        metadata.setSchemaVersion(Xml.SCHEMA_VERSION);
        OadrRegisteredReportType registered = pusher.answer(pusher.push(base + "/EiReport", metadata),
                OadrRegisteredReportType.class);
        assertEquals(200, Xml.code(registered.getEiResponse()));
        assertEquals("vtn-metadata-1", registered.getEiResponse().getRequestID());

        OadrResponseType wrongVen = pusher.answer(pusher.push(url, VtnMessages.createReport("someone-else",
                "rr-other", "TELEMETRY_USAGE", "p1", Duration.ZERO, Duration.ZERO)), OadrResponseType.class);
        assertEquals(VenException.INVALID_ID, Xml.code(wrongVen.getEiResponse()));
    }

    /**
     * N0_5050 (VTN-requested re-registration, push): oadrResponse 200 in the HTTP response, then the VEN registers
     * again, still as a push VEN with its transport address.
     */
    @Test
    void N0_5050_requestReregistrationAnsweredThenRegistersAgain() throws Exception {
        RegistrationInfo r = startPushVen("push-rereg");
        vtn.await(OadrCreatePartyRegistrationType.class);
        OadrResponseType ok = pusher.answer(pusher.push(base + "/OpenADR2/Simple/2.0b/EiRegisterParty",
                VtnMessages.requestReregistration(r.venId())), OadrResponseType.class);
        assertEquals(200, Xml.code(ok.getEiResponse()));
        OadrCreatePartyRegistrationType again = vtn.await(OadrCreatePartyRegistrationType.class);
        assertFalse(again.isOadrHttpPullModel());
        assertEquals(base, again.getOadrTransportAddress());
    }

    /**
     * N0_5040 (VTN-initiated cancellation, push): oadrCanceledPartyRegistration 200 in the HTTP response, the
     * registration is dropped (callback with null), and a later push is answered 463 not registered.
     */
    @Test
    void N0_5040_cancelPartyRegistrationAnsweredSynchronously() throws Exception {
        RegistrationInfo r = startPushVen("push-cancel");
        listener.await("registration");
        OadrCanceledPartyRegistrationType canceled = pusher.answer(pusher.push(base + "/EiRegisterParty",
                VtnMessages.cancelRegistration(r.registrationId(), r.venId())), OadrCanceledPartyRegistrationType.class);
        assertEquals(200, Xml.code(canceled.getEiResponse()));
        assertEquals(r.registrationId(), canceled.getRegistrationID());
        assertNull(listener.await("registration").value());
        OadrResponseType after = pusher.answer(pusher.push(base + "/EiEvent",
                VtnMessages.distribute(r.venId(), List.of(event("ev-late", true, "SIMPLE")))), OadrResponseType.class);
        assertEquals(VenException.NOT_REGISTERED, Xml.code(after.getEiResponse()));
    }

    /**
     * G0_9010 family (security, push): a caller whose TLS certificate is valid under the trust anchors but is not the
     * VTN this VEN registered with (here a VEN certificate) is refused with HTTP 403 and nothing reaches the
     * application.
     */
    @Test
    void G0_9010_callerThatIsNotTheRegisteredVtnIsRefused() throws Exception {
        RegistrationInfo r = startPushVen("push-stranger");
        listener.await("registration");
        PushingVtn.Reply refused = stranger.push(base + "/OpenADR2/Simple/2.0b/EiEvent",
                VtnMessages.distribute(r.venId(), List.of(event("ev-forged", true, "SIMPLE"))));
        assertEquals(403, refused.status());
        assertEquals(0, refused.body().length);
        // The real VTN's push right after is served, and it is the only event the application sees.
        pusher.answer(pusher.push(base + "/EiEvent", VtnMessages.distribute(r.venId(),
                List.of(event("ev-real", true, "SIMPLE")))), OadrCreatedEventType.class);
        assertEquals("ev-real", ((DrEvent) listener.await("event").value()).eventId());
        assertEquals(List.of("ev-real"), client.events().stream().map(DrEvent::eventId).toList());
    }

    /**
     * Conformance rule 48 / G0_9020 family: a pushed document that fails schema validation is answered oadrResponse 454;
     * a path that is not a service endpoint is 404, a GET is 405.
     */
    @Test
    void schemaInvalidPushAnswered454() throws Exception {
        RegistrationInfo r = startPushVen("push-invalid");
        byte[] valid = vtnCodec.encodePayload(VtnMessages.distribute(r.venId(), List.of(event("ev-bad", true,
                "SIMPLE"))));
        byte[] invalid = new String(valid, StandardCharsets.UTF_8).replace("requestID", "requestIdentifier")
                .getBytes(StandardCharsets.UTF_8);
        OadrResponseType bad = pusher.answer(pusher.post(base + "/EiEvent", invalid), OadrResponseType.class);
        assertEquals(VenException.INVALID_DATA, Xml.code(bad.getEiResponse()));
        assertTrue(client.events().isEmpty());
        assertEquals(404, pusher.push(base + "/OpenADR2/Simple/2.0b/NotAService",
                VtnMessages.distribute(r.venId(), List.of())).status());
        assertEquals(405, pusher.get(base + "/EiEvent").status());
    }
}

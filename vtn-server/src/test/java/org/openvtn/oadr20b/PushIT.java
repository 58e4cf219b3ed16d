package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.NewReportRequest;
import org.openvtn.core.OptType;
import org.openvtn.core.ParticipantId;
import org.openvtn.core.PushOutbox;
import org.openvtn.core.ReportRequest;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.oadr20b.push.PushConfig;
import org.openvtn.oadr20b.push.PushUrls;
import org.openvtn.schemas.oadr20b.OadrCancelPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCancelReportType;
import org.openvtn.schemas.oadr20b.OadrCreatePartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreateReportType;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrRegisterReportType;
import org.openvtn.schemas.oadr20b.OadrRequestReregistrationType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.ei.EiEventType;
import org.openvtn.schemas.oadr20b.ei.OptTypeType;
import org.openvtn.server.VtnConfig;

/**
 * OpenADR 2.0b push exchange model, VTN side (issue #14): a real VTN over mutual TLS pushes to {@link PushVen}
 * listeners (real TLS both ways, certificates from the test PKI, Derby), through the durable outbox.
 */
class PushIT {

    static PushConfig.Builder fast() {
        return PushConfig.builder().allowAnyHost(true).initialBackoff(Duration.ofMillis(20))
                .maxBackoff(Duration.ofMillis(100)).requestTimeout(Duration.ofSeconds(20));
    }

    static UnaryOperator<VtnConfig.Builder> push(PushConfig.Builder p) {
        return b -> b.push(p.build());
    }

    /**
     * N0_5010 / E0_6010 / E0_6020 (push): registration is followed by the VTN's METADATA and the event list; a new
     * event is pushed as a schema-valid oadrDistributeEvent and the VEN's synchronous oadrCreatedEvent is recorded
     * as its response; modification and cancel are pushed too.
     */
    @Test
    void n0_5010_e0_6010_distributeEventPushedAndSynchronousAnswerRecorded() throws Exception {
        try (OadrHarness vtn = OadrHarness.with(null, push(fast()));
             PushVen listener = listenerFor(vtn, PushVen.Serves.SPEC)) {
            ScriptedVen ven = registerPush(vtn, listener);
            listener.await(OadrRegisterReportType.class);
            assertTrue(listener.await(OadrDistributeEventType.class).getOadrEvent().isEmpty());
            String program = vtn.server.core().programs().create("push-it", "http://market.example/push").id();
            Event e = event(vtn, program, Targets.vens(ven.venId), 0);
            EiEventType pushed = listener.await(OadrDistributeEventType.class).getOadrEvent().get(0).getEiEvent();
            assertEquals(e.id(), pushed.getEventDescriptor().getEventID());
            await(() -> !vtn.server.core().events().responses(e.id()).isEmpty(), "synchronous answer recorded");
            assertEquals(OptType.OPT_IN, vtn.server.core().events().responses(e.id()).get(0).optType());

            vtn.server.core().events().update(e.id(), e.spec().toBuilder().priority(3).build());
            EiEventType modified = listener.await(OadrDistributeEventType.class).getOadrEvent().get(0).getEiEvent();
            assertEquals(1, modified.getEventDescriptor().getModificationNumber());
            vtn.server.core().events().cancel(e.id());
            EiEventType cancelled = listener.await(OadrDistributeEventType.class).getOadrEvent().get(0).getEiEvent();
            assertEquals("cancelled", cancelled.getEventDescriptor().getEventStatus().value());
            assertTrue(listener.paths.stream().allMatch(p -> p.startsWith("/ven/OpenADR2/Simple/2.0b/")),
                    listener.paths::toString);
            assertEquals("SPEC", status(vtn, ven).urlForm());
        }
    }

    /** E0_6020 (push, the other answer style): an empty HTTP 200 now, the oadrCreatedEvent later to EiEvent. */
    @Test
    void e0_6020_emptyAnswerThenLaterCreatedEvent() throws Exception {
        try (OadrHarness vtn = OadrHarness.with(null, push(fast()));
             PushVen listener = listenerFor(vtn, PushVen.Serves.SPEC).otherwise(PushVen.Answer.EMPTY)) {
            ScriptedVen ven = registerPush(vtn, listener);
            listener.await(OadrDistributeEventType.class);
            String program = vtn.server.core().programs().create("push-it", "http://market.example/push").id();
            Event e = event(vtn, program, Targets.vens(ven.venId), 0);
            listener.await(OadrDistributeEventType.class);
            await(() -> status(vtn, ven).queued() == 0, "push delivered");
            assertTrue(vtn.server.core().events().responses(e.id()).isEmpty(), "an empty 200 records no answer");
            OadrResponseType ok = ven.send("EiEvent", EventIT.created(ven.venId, List.of(
                    EventIT.answer(e.id(), 0, OptTypeType.OPT_OUT, "200"))), OadrResponseType.class);
            assertEquals("200", ok.getEiResponse().getResponseCode());
            assertEquals(OptType.OPT_OUT, vtn.server.core().events().responses(e.id()).get(0).optType());
        }
    }

    /** 2.0b 9.1.2 and the other convention: a 404 on the spec URL makes the VTN try {@code <address>/<service>}. */
    @Test
    void serviceUrlConventionDetectedAndRemembered() throws Exception {
        try (OadrHarness vtn = OadrHarness.with(null, push(fast()));
             PushVen listener = listenerFor(vtn, PushVen.Serves.SHORT)) {
            ScriptedVen ven = registerPush(vtn, listener);
            listener.await(OadrRegisterReportType.class);
            listener.await(OadrDistributeEventType.class);
            assertEquals(List.of("/ven/OpenADR2/Simple/2.0b/EiReport", "/ven/EiReport", "/ven/EiEvent"),
                    listener.paths.subList(0, 3));
            assertEquals("SHORT", status(vtn, ven).urlForm());
        }
    }

    /** The short convention chosen by configuration: no spec-form attempt at all. */
    @Test
    void serviceUrlConventionConfigured() throws Exception {
        try (OadrHarness vtn = OadrHarness.with(null,
                push(fast().urlForm(PushUrls.Form.SHORT).detectUrlForm(false)));
             PushVen listener = listenerFor(vtn, PushVen.Serves.SHORT)) {
            registerPush(vtn, listener);
            listener.await(OadrDistributeEventType.class);
            assertEquals(List.of("/ven/EiReport", "/ven/EiEvent"), listener.paths.subList(0, 2));
        }
    }

    /** R0_8010 / R0_8050 (push): VTN report requests and their cancellation are pushed as oadrCreateReport / oadrCancelReport. */
    @Test
    void r0_8010_reportRequestsPushed() throws Exception {
        try (OadrHarness vtn = OadrHarness.with(null, push(fast()));
             PushVen listener = listenerFor(vtn, PushVen.Serves.SPEC)) {
            ScriptedVen ven = registerPush(vtn, listener);
            listener.await(OadrDistributeEventType.class);
            ven.post("EiReport", OadrXml.registerReport(ven.venId, true));
            ReportRequest rr = vtn.server.core().reports().requestReport(ven.venId,
                    new NewReportRequest("TELEMETRY_STATUS", List.of(), null, null, null, null));
            assertEquals(rr.reportRequestId(), listener.await(OadrCreateReportType.class).getOadrReportRequest().get(0)
                    .getReportRequestID());
            vtn.server.core().reports().cancelReport(ven.venId, rr.reportRequestId(), false, true);
            assertEquals(rr.reportRequestId(),
                    listener.await(OadrCancelReportType.class).getReportRequestID().get(0));
        }
    }

    /** N0_5030 / N0_5040 (push): VTN-initiated re-registration request and deregistration are pushed. */
    @Test
    void n0_5030_reregistrationAndCancelPushed() throws Exception {
        try (OadrHarness vtn = OadrHarness.with(null, push(fast()));
             PushVen listener = listenerFor(vtn, PushVen.Serves.SPEC)) {
            ScriptedVen ven = registerPush(vtn, listener);
            listener.await(OadrDistributeEventType.class);
            vtn.server.core().registrations().requestReregistration(ven.venId);
            assertEquals(ven.venId, listener.await(OadrRequestReregistrationType.class).getVenID());
            vtn.server.core().registrations().deregister(ven.venId);
            assertEquals(ven.registrationId, listener.await(OadrCancelPartyRegistrationType.class).getRegistrationID());
        }
    }

    /** Issue #14 outbox: failures are retried with backoff; after the limit the VEN is unreachable; retry re-pushes. */
    @Test
    void outboxRetriesMarksUnreachableAndRetriesOnDemand() throws Exception {
        try (OadrHarness vtn = OadrHarness.with(null, push(fast().maxAttempts(3)));
             PushVen listener = listenerFor(vtn, PushVen.Serves.SPEC).otherwise(PushVen.Answer.ERROR_500)) {
            ScriptedVen ven = registerPush(vtn, listener);
            await(() -> status(vtn, ven).unreachable(), "unreachable after 3 attempts");
            PushOutbox.Status s = status(vtn, ven);
            assertEquals(3, s.attempts());
            assertTrue(s.lastError().contains("HTTP 500"), s.lastError());
            assertEquals(3, listener.paths.size(), "no attempt after the limit");
            assertTrue(s.queued() >= 2, "METADATA and event list still queued");
            assertTrue(vtn.server.core().pushOutbox().totals().failures() >= 3);

            listener.otherwise(PushVen.Answer.CREATED_EVENT);
            assertTrue(vtn.server.core().pushOutbox().retry(ven.venId));
            listener.await(OadrRegisterReportType.class);
            listener.await(OadrDistributeEventType.class);
            await(() -> status(vtn, ven).queued() == 0, "outbox drained");
            assertFalse(status(vtn, ven).unreachable());
        }
    }

    /**
     * Issue #14 outbox: pushes pending when the VTN stops are delivered after it starts again (Derby on disk), in
     * order; an event list not yet attempted is superseded by a newer one (the outbox stays bounded).
     */
    @Test
    void outboxSurvivesRestart(@TempDir Path dir) throws Exception {
        try (OadrHarness vtn = OadrHarness.with(dir.resolve("data"), push(fast().maxAttempts(1000)));
             PushVen listener = listenerFor(vtn, PushVen.Serves.SPEC).otherwise(PushVen.Answer.ERROR_500)) {
            ScriptedVen ven = registerPush(vtn, listener);
            String program = vtn.server.core().programs().create("push-it", "http://market.example/push").id();
            Event e = event(vtn, program, Targets.vens(ven.venId), 0);
            await(() -> status(vtn, ven).queued() >= 2 && status(vtn, ven).attempts() >= 2, "pushes failing");
            vtn.stop();
            listener.received.clear();
            listener.otherwise(PushVen.Answer.CREATED_EVENT);
            vtn.start();
            listener.await(OadrRegisterReportType.class);
            // the empty list queued at registration was superseded by the newer one before it was attempted
            OadrDistributeEventType withEvent = listener.await(OadrDistributeEventType.class);
            assertEquals(e.id(), withEvent.getOadrEvent().get(0).getEiEvent().getEventDescriptor().getEventID());
            await(() -> !vtn.server.core().events().responses(e.id()).isEmpty(), "answer recorded after restart");
        }
    }

    /** Issue #14: a VEN that never answers holds one worker at most; another VEN gets its event meanwhile. */
    @Test
    void deadVenDoesNotDelayLiveVen() throws Exception {
        try (OadrHarness vtn = OadrHarness.with(null, push(fast().concurrency(2).requestTimeout(Duration.ofMinutes(5))));
             PushVen dead = listenerFor(vtn, PushVen.Serves.SPEC).otherwise(PushVen.Answer.HANG);
             PushVen live = listenerFor(vtn, PushVen.Serves.SPEC)) {
            ScriptedVen d = registerPush(vtn, dead);
            dead.await(OadrRegisterReportType.class); // held: this push is now in flight and unanswered
            ScriptedVen l = registerPush(vtn, live);
            live.await(OadrDistributeEventType.class);
            String program = vtn.server.core().programs().create("push-it", "http://market.example/push").id();
            Event e = event(vtn, program, Targets.everyone(), 0);
            assertEquals(e.id(), live.await(OadrDistributeEventType.class).getOadrEvent().get(0).getEiEvent()
                    .getEventDescriptor().getEventID());
            await(() -> !vtn.server.core().events().responses(e.id()).isEmpty(), "live VEN's answer recorded");
            assertEquals(l.venId, vtn.server.core().events().responses(e.id()).get(0).participantId());
            assertEquals(1, dead.paths.size(), "the dead VEN's first push is still in flight");
            assertTrue(status(vtn, d).queued() >= 2);
        }
    }

    /** Issue #12 item 5 with push: a pending VEN (approve policy) receives nothing until the operator approves. */
    @Test
    void pendingVenReceivesNothingUntilApproved() throws Exception {
        try (OadrHarness vtn = OadrHarness.with(null, b -> b.enrolment(EnrolmentPolicy.APPROVE).push(fast().build()));
             PushVen pendingListener = listenerFor(vtn, PushVen.Serves.SPEC);
             PushVen approvedListener = listenerFor(vtn, PushVen.Serves.SPEC)) {
            ScriptedVen approved = vtn.ven(approvedListener.credential);
            vtn.server.core().participants().provision(ParticipantId.oadr(approved.fingerprint()), "approved");
            ScriptedVen pending = registerPush(vtn, pendingListener);
            register(approved, approvedListener);
            String program = vtn.server.core().programs().create("push-it", "http://market.example/push").id();
            Event e = event(vtn, program, Targets.everyone(), 0);
            OadrDistributeEventType got;
            do {
                got = approvedListener.await(OadrDistributeEventType.class);
            } while (got.getOadrEvent().isEmpty());
            assertEquals(e.id(), got.getOadrEvent().get(0).getEiEvent().getEventDescriptor().getEventID());
            assertTrue(pendingListener.paths.isEmpty(), "pending VEN was pushed to: " + pendingListener.paths);

            vtn.server.core().participants().approve(ParticipantId.oadr(pending.fingerprint()));
            pendingListener.await(OadrRequestReregistrationType.class);
        }
    }

    /** 2.0b profile 10 with push: a listener presenting another certificate than the registered VEN's gets nothing. */
    @Test
    void listenerWithAnotherCertificateReceivesNothing() throws Exception {
        try (OadrHarness vtn = OadrHarness.with(null, push(fast().maxAttempts(2)))) {
            ScriptedVen ven = vtn.newVen();
            try (PushVen impostor = new PushVen(vtn.pki, freshCredential(vtn), OadrHarness.codec(),
                    PushVen.Serves.SPEC)) {
                register(ven, impostor);
                await(() -> status(vtn, ven).unreachable(), "refused and given up");
                assertTrue(impostor.paths.isEmpty(), "a request reached the impostor: " + impostor.paths);
                assertTrue(status(vtn, ven).lastError().contains("fingerprint"), status(vtn, ven).lastError());
            }
        }
    }

    /**
     * Issue #14 fan-out ("a VEN that is unreachable does not slow down any other VEN"): a VEN whose listener accepts
     * TCP and never answers the TLS handshake (a black hole) fails after {@code handshakeTimeout}, not after the
     * (here much longer) {@code requestTimeout}, so it gives its slot back early.
     */
    @Test
    void blackHoleFailsAfterTheHandshakeBound() throws Exception {
        try (OadrHarness vtn = OadrHarness.with(null, push(fast().maxAttempts(1)
                .handshakeTimeout(Duration.ofMillis(500)).requestTimeout(Duration.ofMinutes(10))));
             java.net.ServerSocket hole = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            ScriptedVen ven = vtn.newVen();
            OadrCreatePartyRegistrationType req = ven.registrationRequest(null, null);
            req.setOadrHttpPullModel(false);
            req.setOadrTransportAddress("https://127.0.0.1:" + hole.getLocalPort());
            OadrCreatedPartyRegistrationType r = ven.send("EiRegisterParty", req,
                    OadrCreatedPartyRegistrationType.class);
            ven.venId = r.getVenID(); // the backlog accepts the connection; nobody ever reads the ClientHello
            await(() -> status(vtn, ven).unreachable(), "black hole given up");
            assertTrue(status(vtn, ven).lastError().contains("no TLS handshake within PT0.5S"),
                    status(vtn, ven).lastError());
        }
    }

    /** XML signatures (2.0b profile 10.x, issue #14): with signResponses every push is signed and verifies. */
    @Test
    void pushesAreSignedWhenConfigured() throws Exception {
        List<org.openvtn.oadr20b.security.OadrSignatureConfig.SigningKey> keys = List.of(
                new org.openvtn.oadr20b.security.OadrSignatureConfig.SigningKey(
                        org.openvtn.certs.testing.TestPki.shared().vtnEcc().key(),
                        org.openvtn.certs.testing.TestPki.shared().vtnEcc().chain()),
                new org.openvtn.oadr20b.security.OadrSignatureConfig.SigningKey(
                        org.openvtn.certs.testing.TestPki.shared().vtnRsa().key(),
                        org.openvtn.certs.testing.TestPki.shared().vtnRsa().chain()));
        try (OadrHarness vtn = OadrHarness.with(null, b -> b.push(fast().build()).signResponses(true)
                .signingKeys(keys));
             PushVen listener = listenerFor(vtn, PushVen.Serves.SPEC)) {
            registerPush(vtn, listener);
            PushVen.Received r = listener.awaitReceived(OadrDistributeEventType.class);
            org.openvtn.schemas.oadr20b.OadrPayload payload = OadrHarness.codec().decodePayload(r.body());
            assertTrue(payload.getSignature() != null, "push not signed");
            // the signer is the TLS peer's certificate or one with its subject that chains to a trust anchor
            java.security.cert.X509Certificate signer = org.openvtn.schemas.dsig.OadrSignatureVerifier.builder()
                    .clock(vtn.clock).build().verify(r.body(), r.peer()).signer();
            assertEquals(r.peer().getSubjectX500Principal(), signer.getSubjectX500Principal());
        }
    }

    /**
     * Issue #14 admin API: GET /vens/{id} shows the exchange model and the outbox (unreachable, last error),
     * /metrics the push counters, POST /vens/{id}/push/retry re-pushes; a pull VEN has no outbox and gets 409.
     */
    @Test
    void adminShowsOutboxAndRetriesOnDemand() throws Exception {
        String token = "push-admin-token-0123456789";
        try (OadrHarness vtn = OadrHarness.with(null, b -> b.push(fast().maxAttempts(2).build())
                .admin(org.openvtn.admin.AdminConfig.builder().port(0).token(token).build()));
             PushVen listener = listenerFor(vtn, PushVen.Serves.SPEC).otherwise(PushVen.Answer.ERROR_500)) {
            ScriptedVen ven = registerPush(vtn, listener);
            String base = vtn.server.adminBaseUri().orElseThrow();
            await(() -> admin(base, token, "GET", "/vens/" + ven.venId).body().at("/outbox/unreachable").asBoolean(),
                    "admin shows unreachable");
            com.fasterxml.jackson.databind.JsonNode v = admin(base, token, "GET", "/vens/" + ven.venId).body();
            assertEquals("push", v.get("exchangeModel").asText());
            assertEquals(listener.transportAddress(), v.get("transportAddress").asText());
            assertEquals(2, v.at("/outbox/attempts").asInt());
            assertTrue(v.at("/outbox/lastError").asText().contains("HTTP 500"), v.toString());
            assertTrue(v.at("/outbox/queued").asInt() >= 2, v.toString());
            assertEquals("spec", v.at("/outbox/urlForm").asText());
            com.fasterxml.jackson.databind.JsonNode m = admin(base, token, "GET", "/metrics").body();
            assertTrue(m.get("pushFailures").asLong() >= 2, m.toString());
            assertEquals(1, m.get("pushUnreachableVens").asInt(), m.toString());

            listener.otherwise(PushVen.Answer.CREATED_EVENT);
            assertEquals(200, admin(base, token, "POST", "/vens/" + ven.venId + "/push/retry").status());
            listener.await(OadrDistributeEventType.class);
            await(() -> admin(base, token, "GET", "/vens").body().get(0).at("/outbox/queued").asInt() == 0,
                    "outbox drained after retry");
            assertFalse(admin(base, token, "GET", "/vens/" + ven.venId).body().at("/outbox/unreachable").asBoolean());

            ScriptedVen pull = vtn.newVen();
            pull.register();
            com.fasterxml.jackson.databind.JsonNode p = admin(base, token, "GET", "/vens/" + pull.venId).body();
            assertEquals("pull", p.get("exchangeModel").asText());
            assertFalse(p.has("outbox"));
            assertEquals(409, admin(base, token, "POST", "/vens/" + pull.venId + "/push/retry").status());
        }
    }

    private record AdminReply(int status, com.fasterxml.jackson.databind.JsonNode body) {
    }

    private static AdminReply admin(String base, String token, String method, String path) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                            .header("Authorization", "Bearer " + token)
                            .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new AdminReply(r.statusCode(), new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- helpers

    static PushVen listenerFor(OadrHarness vtn, PushVen.Serves serves) {
        return new PushVen(vtn.pki, freshCredential(vtn), OadrHarness.codec(), serves);
    }

    private static final java.util.concurrent.atomic.AtomicInteger N = new java.util.concurrent.atomic.AtomicInteger();

    private static Credential freshCredential(OadrHarness vtn) {
        String name = "push-ven-" + N.incrementAndGet();
        KeyPair k = new KeyPairs().ecP256();
        return vtn.pki.pki().authority("oadr-intermediate").issue(name,
                CertificateProfiles.oadrClient(name, k.getPublic(), Instant.now()).build(), k.getPrivate());
    }

    /** A ScriptedVen with the listener's certificate registers as a push VEN at the listener's address. */
    static ScriptedVen registerPush(OadrHarness vtn, PushVen listener) throws Exception {
        ScriptedVen ven = vtn.ven(listener.credential);
        register(ven, listener);
        return ven;
    }

    private static void register(ScriptedVen ven, PushVen listener) {
        OadrCreatePartyRegistrationType req = ven.registrationRequest(null, null);
        req.setOadrHttpPullModel(false);
        req.setOadrTransportAddress(listener.transportAddress());
        OadrCreatedPartyRegistrationType r = ven.send("EiRegisterParty", req, OadrCreatedPartyRegistrationType.class);
        assertEquals("200", r.getEiResponse().getResponseCode(), r.getEiResponse().getResponseDescription());
        ven.venId = r.getVenID();
        ven.registrationId = r.getRegistrationID();
        listener.venId = r.getVenID();
    }

    static Event event(OadrHarness vtn, String programId, Targets targets, int slot) {
        return vtn.server.core().events().create(EventSpec.builder().programId(programId)
                .start(vtn.clock.instant().plus(Duration.ofHours(2L + 2L * slot))).targets(targets)
                .responseRequired(ResponseRequired.ALWAYS)
                .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofMinutes(30), 1.0))).build());
    }

    static PushOutbox.Status status(OadrHarness vtn, ScriptedVen ven) {
        return vtn.server.core().pushOutbox().status(ven.venId).orElseThrow();
    }

    /** Polls a condition with a deadline (no fixed sleeps). */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}

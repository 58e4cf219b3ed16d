package org.openvtn.conformance.oadr20b;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.XmlCodecException;
import org.w3c.dom.Element;

/**
 * The suite's VEN for one case: sends 2.0b payloads over simple HTTP (pull) with mutual TLS, records every
 * exchange into the case's evidence and passes every payload through {@link OadrRules} (the suite's own
 * payloads too; a deliberately bad payload is sent with {@link #sendRaw} and marked as such). Registration
 * state lives in the run-wide {@link OadrSession}, so cases can build on a registered VEN.
 */
public final class OadrVenHarness {

    private final CaseContext ctx;
    private final OadrSession session;
    private final OadrSession.Identity id;

    private OadrVenHarness(CaseContext ctx, OadrSession session, OadrSession.Identity id) {
        this.ctx = ctx;
        this.session = session;
        this.id = id;
    }

    /** The run's session (created on first use). */
    public static OadrSession session(CaseContext ctx) {
        return ctx.shared(OadrSession.class, () -> OadrSession.create(ctx.target()));
    }

    /** The suite's main VEN (the target configuration's certificate). */
    public static OadrVenHarness main(CaseContext ctx) {
        OadrSession s = session(ctx);
        return new OadrVenHarness(ctx, s, s.main());
    }

    /** A VEN from the target's PKI directory; SKIPs the case when there is none. */
    public static OadrVenHarness fromPki(CaseContext ctx, String prefix, int index) {
        OadrSession s = session(ctx);
        Optional<OadrSession.Identity> i = s.fromPki(prefix, index);
        if (i.isEmpty()) {
            throw ctx.skip("needs a further VEN identity '" + prefix + "' (#" + (index + 1)
                    + ") in the target's PKI directory (pkiDir, layout of docs/pki.md)");
        }
        return new OadrVenHarness(ctx, s, i.get());
    }

    public OadrSession session() {
        return session;
    }

    public OadrSession.Identity identity() {
        return id;
    }

    /** The venID the VTN assigned, or the certificate fingerprint before registration. */
    public String venId() {
        return id.venId != null ? id.venId : id.fingerprint();
    }

    public String registrationId() {
        return id.registrationId;
    }

    /** Encodes (validated), sends to {@code service}, records and checks the answer. */
    public OadrReply send(String service, Object message) {
        return send(service, message, true);
    }

    /** As {@link #send(String, Object)}; {@code expectOwnVenId} false when the payload claims another venID on purpose. */
    public OadrReply send(String service, Object message, boolean expectOwnVenId) {
        byte[] doc;
        try {
            doc = session.codec().encodePayload(message);
        } catch (XmlCodecException e) {
            throw new IllegalStateException("the suite built a schema-invalid " + message.getClass().getSimpleName()
                    + ": " + e.getMessage(), e);
        }
        List<RuleViolation> own = session.rules().checkSent(doc);
        if (!own.isEmpty()) {
            ctx.note("suite defect: its own " + message.getClass().getSimpleName() + " breaks " + own);
        }
        String label = message.getClass().getSimpleName().replaceAll("Type$", "");
        label = Character.toLowerCase(label.charAt(0)) + label.substring(1);
        return exchange(label, service, doc, expectOwnVenId);
    }

    /** Sends a payload as given (possibly deliberately invalid); only the answer is checked. */
    public OadrReply sendRaw(String label, String service, String body) {
        ctx.note(label + ": the suite sends this payload as is (deliberately outside the rules)");
        return exchange(label, service, body.getBytes(StandardCharsets.UTF_8), false);
    }

    private OadrReply exchange(String label, String service, byte[] doc, boolean expectOwnVenId) {
        Exchange ex = id.probe.send(label + " [" + id.name + "]", "POST", session.service(service),
                OadrCodec.CONTENT_TYPE, new String(doc, StandardCharsets.UTF_8));
        ctx.record(ex);
        if (ex.error() != null || ex.responseBody() == null || ex.responseBody().isEmpty()) {
            return new OadrReply(ex, null, List.of());
        }
        byte[] body = ex.responseBody().getBytes(StandardCharsets.UTF_8);
        OadrRules.Expect expect = new OadrRules.Expect(requestId(doc), expectOwnVenId ? id.venId : null, ex.sent(),
                ex.received());
        List<RuleViolation> v = session.rules().checkReceived(body, expect, session.ledger());
        if (!v.isEmpty()) {
            ctx.violations(v);
        }
        Element msg = OadrDom.parse(body).flatMap(OadrDom::message).orElse(null);
        return new OadrReply(ex, msg, v);
    }

    private static String requestId(byte[] doc) {
        return OadrDom.parse(doc).flatMap(OadrDom::message).map(m -> {
            String r = OadrDom.text(m, "requestID");
            if (r == null) {
                r = OadrDom.text(m, "eiRequestEvent", "requestID");
            }
            return r == null || r.isEmpty() ? null : r;
        }).orElse(null);
    }

    // ---- registration -------------------------------------------------------------------------------------

    public OadrReply query() {
        return send("EiRegisterParty", OadrMessages.queryRegistration());
    }

    /**
     * oadrCreatePartyRegistration with the current registrationID (null before the first), for pull or, when the
     * session has a push address, for push; remembers the IDs.
     */
    public OadrReply register() {
        OadrReply r = send("EiRegisterParty", OadrMessages.createPartyRegistration("openvtn-conformance-" + id.name,
                id.registrationId, id.registrationId == null ? null : id.venId, session.pushAddress()));
        if ("200".equals(r.code()) && r.text("registrationID") != null && !r.text("registrationID").isEmpty()) {
            id.registrationId = r.text("registrationID");
            id.venId = r.text("venID");
        }
        return r;
    }

    /** Makes sure the VEN is registered, registering if the VTN does not know it; fails the case if it cannot. */
    public OadrVenHarness ensureRegistered() {
        OadrReply q = query();
        String reg = q.text("registrationID");
        if ("200".equals(q.code()) && reg != null && !reg.isEmpty()) {
            id.registrationId = reg;
            id.venId = q.text("venID");
            return this;
        }
        id.registrationId = null;
        OadrReply r = register();
        if (!"200".equals(r.code()) || id.registrationId == null) {
            throw ctx.fail("oadr.registration", r.path(), "precondition: registration of the suite's VEN failed: "
                    + r.describe());
        }
        return this;
    }

    /** Registers afresh (re-registration with the current registrationID) and drains the queue. */
    public OadrVenHarness freshRegistration() {
        ensureRegistered();
        drain();
        return this;
    }

    /** VEN-initiated cancellation of the current registration. */
    public OadrReply cancelRegistration() {
        OadrReply r = send("EiRegisterParty", OadrMessages.cancelPartyRegistration(id.registrationId, venId()));
        if ("200".equals(r.code())) {
            id.registrationId = null;
        }
        return r;
    }

    /** Forgets the registration IDs (after the VTN cancelled it). */
    public void forgetRegistration() {
        id.registrationId = null;
    }

    /** Sends the suite's METADATA report (rule 301). */
    public OadrReply registerReports() {
        return send("EiReport", OadrMessages.registerReport(venId(), false, ctx.clock().instant()));
    }

    // ---- polling and events -------------------------------------------------------------------------------

    public OadrReply poll() {
        return send("OadrPoll", OadrMessages.poll(venId()));
    }

    /**
     * Polls until the queue is empty (rule 500), at most 25 times; returns the non-empty answers. A push VEN (the
     * session has a push address) does not poll: the pushes received so far are passed over and returned.
     */
    public List<OadrReply> drain() {
        if (session.pushAddress() != null) {
            return OadrPushHarness.main(ctx).skipReceived();
        }
        List<OadrReply> out = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            OadrReply r = poll();
            if (r.message() == null || r.is("oadrResponse")) {
                return out;
            }
            out.add(r);
        }
        return out;
    }

    /**
     * Polls until a message satisfying {@code wanted} arrives; waits between empty polls up to the target's
     * patience (a pull VEN's poll cadence, target property {@code pollInterval}, default 200 ms). Fails the case
     * with {@code rule} when nothing matching arrives. A push VEN waits for the next push instead (the same
     * patience; {@link OadrPushHarness#next}).
     */
    public OadrReply pollFor(String rule, String what, Predicate<OadrReply> wanted) {
        if (session.pushAddress() != null) {
            return OadrPushHarness.main(ctx).next(rule, what, wanted);
        }
        Instant deadline = ctx.clock().instant().plus(ctx.patience());
        long pause = java.time.Duration.parse(session.target().property("pollInterval", "PT0.2S")).toMillis();
        List<String> seen = new ArrayList<>();
        while (true) {
            OadrReply r = poll();
            if (wanted.test(r)) {
                return r;
            }
            seen.add(r.describe());
            if (r.message() == null && r.error().isPresent()) {
                throw ctx.fail(rule, "/", "polling for " + what + " failed: " + r.describe());
            }
            if (r.message() == null || r.is("oadrResponse")) {
                if (!ctx.clock().instant().isBefore(deadline)) {
                    throw ctx.fail(rule, "/oadrPayload/oadrSignedObject", "no " + what + " arrived by poll within "
                            + ctx.patience() + "; the polls returned " + seen);
                }
                CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS))
                        .join();
            }
        }
    }

    /** Polls until an oadrDistributeEvent containing {@code eventId} arrives. */
    public EventView pollForEvent(String rule, String eventId, Predicate<EventView> state) {
        OadrReply r = pollFor(rule, "an oadrDistributeEvent with event " + eventId,
                x -> x.is("oadrDistributeEvent") && x.event(eventId).filter(state).isPresent());
        return r.event(eventId).orElseThrow();
    }

    public OadrReply requestEvents() {
        return send("EiEvent", OadrMessages.requestEvent(venId()));
    }

    /** Answers events with oadrCreatedEvent (optIn when {@code optIn}, 200). */
    public OadrReply createdEvent(boolean optIn, EventView... events) {
        List<OadrMessages.EventAnswer> answers = new ArrayList<>();
        for (EventView e : events) {
            answers.add(new OadrMessages.EventAnswer(e.eventId(), e.modificationNumber(), 200, optIn, ""));
        }
        return send("EiEvent", OadrMessages.createdEvent(venId(), answers));
    }

    public CaseContext context() {
        return ctx;
    }
}

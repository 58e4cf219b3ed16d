package org.openvtn.conformance.oadr20b;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.schemas.XmlCodecException;
import org.w3c.dom.Element;

/**
 * The suite's push VEN for one case (OpenADR 2.0b push exchange model, profile 9.1.2): the pull harness's VEN
 * ({@link OadrVenHarness}, which still sends every VEN-initiated payload) plus the run's {@link PushListener}. It
 * registers with oadrHttpPullModel=false and oadrTransportAddress = the listener's advertised URL, answers every
 * push synchronously as a 2.0b VEN does, and checks every pushed payload with {@link OadrRules} and the caller's
 * TLS certificate against the VTN's own.
 *
 * <p>Target properties: {@code pushListenHost} (bind address, default {@code 127.0.0.1}), {@code pushListenPort}
 * (default 0, any), {@code pushUrl} (the oadrTransportAddress to advertise, default the bound
 * {@code https://host:port}; set it when the VTN reaches the suite through another name or a relay).
 */
final class OadrPushHarness {

    /** The caller of a push must be the VTN: same certificate as on the suite's own connections to it. */
    static final String VTN_CERTIFICATE = "oadr.push.vtnCertificate";
    /** A push addressed to the suite's VEN names that VEN's venID. */
    static final String PUSH_VEN_ID = "oadr.push.venID";

    private final CaseContext ctx;
    private final OadrVenHarness ven;
    private final PushListener listener;
    private final String transportAddress;
    private String vtnPem;

    private OadrPushHarness(CaseContext ctx, OadrVenHarness ven, PushListener listener, String transportAddress) {
        this.ctx = ctx;
        this.ven = ven;
        this.listener = listener;
        this.transportAddress = transportAddress;
    }

    /** The suite's main VEN as a push VEN; starts the run's listener on first use. */
    static OadrPushHarness main(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx);
        OadrSession s = ven.session();
        PushListener l = ctx.shared(PushListener.class, () -> {
            OadrSession.Identity id = s.main();
            TlsConfig tls = TlsConfig.builder().profile(TlsProfile.OPENADR_20B).pem(id.chain, id.key)
                    .trustAnchorFile(s.target().caCertificate()).build();
            PushListener started = PushListener.start(tls, s.target().property("pushListenHost", "127.0.0.1"),
                    Integer.parseInt(s.target().property("pushListenPort", "0")), ctx.clock());
            started.responder(body -> answer(s, body));
            return started;
        });
        String address = s.target().property("pushUrl", l.localUrl());
        s.pushAddress(address);
        return new OadrPushHarness(ctx, ven, l, address);
    }

    OadrVenHarness ven() {
        return ven;
    }

    String transportAddress() {
        return transportAddress;
    }

    /** Registers (or re-registers with the current registrationID) as a push VEN; remembers the IDs. */
    OadrReply registerPush() {
        return ven.register();
    }

    /** Makes sure the VEN is registered for push at the listener's address; fails the case if it cannot. */
    OadrPushHarness ensurePushRegistered() {
        OadrReply q = ven.query();
        String reg = q.text("registrationID");
        OadrSession.Identity id = ven.identity();
        if ("200".equals(q.code()) && reg != null && !reg.isEmpty()) {
            id.registrationId = reg;
            id.venId = q.text("venID");
        } else {
            id.registrationId = null;
        }
        OadrReply r = registerPush();
        if (!"200".equals(r.code()) || id.registrationId == null) {
            throw ctx.fail("oadr.registration", r.path(), "precondition: push registration of the suite's VEN at "
                    + transportAddress + " failed: " + r.describe());
        }
        return this;
    }

    /** Pushes received so far (await only later ones with {@link #awaitPush}). */
    int mark() {
        return listener.count();
    }

    /**
     * Waits (the target's patience) for a push after {@code mark} whose message satisfies {@code wanted}; records
     * every push it looks at as evidence and checks it (schema, rules, venID, the caller's certificate). Fails
     * the case with {@code rule} when none arrives.
     */
    OadrReply awaitPush(int mark, String rule, String what, Predicate<OadrReply> wanted) {
        List<String> seen = new ArrayList<>();
        int from = mark;
        Optional<PushListener.Received> hit;
        try {
            hit = listener.await(from, r -> {
                OadrReply v = view(r);
                if (!wanted.test(v)) {
                    seen.add(r.service() + " " + v.name());
                    return false;
                }
                return true;
            }, ctx.patience());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ctx.fail(rule, "/", "interrupted while waiting for " + what);
        }
        if (hit.isEmpty()) {
            throw ctx.fail(rule, "/oadrPayload/oadrSignedObject", "the VTN pushed no " + what + " to "
                    + transportAddress + " within " + ctx.patience() + "; pushes seen: " + seen);
        }
        return check(hit.get());
    }

    /**
     * The next push after the ones already consumed that satisfies {@code wanted} (pushes passed over on the way
     * are consumed too, as a polling VEN consumes what it polls): lets the pull cases' bodies run for a push VEN.
     */
    OadrReply next(String rule, String what, Predicate<OadrReply> wanted) {
        int from = listener.cursor();
        OadrReply r = awaitPush(from, rule, what, wanted);
        int seq = listener.received().stream().filter(x -> x.exchange() == r.exchange()).mapToInt(
                PushListener.Received::seq).findFirst().orElse(from);
        listener.cursor(Math.max(listener.cursor(), seq + 1));
        return r;
    }

    /** Consumes every push received so far (a push VEN's {@code drain}); returns them, checked. */
    List<OadrReply> skipReceived() {
        List<PushListener.Received> all = listener.received();
        List<OadrReply> out = new ArrayList<>();
        for (int i = listener.cursor(); i < all.size(); i++) {
            out.add(check(all.get(i)));
        }
        listener.cursor(Math.max(listener.cursor(), all.size()));
        return out;
    }

    /**
     * Checks every push not checked yet up to {@code r} in arrival order (the rules' ledger follows the VTN's order;
     * a push is judged once, in the case during which it is first looked at) and returns {@code r}'s view.
     */
    private OadrReply check(PushListener.Received r) {
        OadrReply view = view(r);
        for (PushListener.Received earlier : listener.claimUpTo(r.seq())) {
            List<RuleViolation> v = judge(earlier);
            if (earlier.seq() == r.seq()) {
                view = new OadrReply(r.exchange(), view.message(), v);
            }
        }
        return view;
    }

    private List<RuleViolation> judge(PushListener.Received r) {
        ctx.record(r.exchange());
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        OadrSession s = ven.session();
        List<RuleViolation> v = new ArrayList<>(s.rules().checkReceived(body, new OadrRules.Expect(null,
                ven.identity().venId, r.exchange().sent(), r.exchange().received()), s.ledger()));
        OadrReply view = view(r);
        String named = view.text("venID");
        if (named != null && !named.isEmpty() && !named.equals(ven.venId())) {
            v.add(RuleViolation.must(PUSH_VEN_ID, view.path() + "/venID", "a push to the suite's VEN names venID '"
                    + named + "', the VEN's is '" + ven.venId() + "'"));
        }
        String vtnPem = vtnCertificate();
        String caller = r.exchange().tls() == null ? null : r.exchange().tls().peerCertificatePem();
        if (vtnPem != null && !vtnPem.equals(caller)) {
            v.add(RuleViolation.must(VTN_CERTIFICATE, "/", "the push connection's client certificate ("
                    + (caller == null ? "none" : r.exchange().tls().peerSubject()) + ") is not the certificate the VTN "
                    + "presents on its own endpoint"));
        }
        if (!v.isEmpty()) {
            ctx.violations(v);
        }
        return v;
    }

    private String vtnCertificate() {
        if (vtnPem == null) {
            OadrReply q = ven.query();
            vtnPem = q.exchange().tls() == null ? null : q.exchange().tls().peerCertificatePem();
        }
        return vtnPem;
    }

    private static OadrReply view(PushListener.Received r) {
        Element msg = OadrDom.parse(r.body().getBytes(StandardCharsets.UTF_8)).flatMap(OadrDom::message).orElse(null);
        return new OadrReply(r.exchange(), msg, List.of());
    }

    /**
     * The VEN's synchronous answer to a push (2.0b profile 8 and 9.1.2): an empty 200 for oadrDistributeEvent (the
     * cases answer events with their own oadrCreatedEvent requests), oadrCanceledPartyRegistration,
     * oadrCreatedReport, oadrRegisteredReport, otherwise oadrResponse 200.
     */
    static String answer(OadrSession s, String body) {
        Element msg = OadrDom.parse(body.getBytes(StandardCharsets.UTF_8)).flatMap(OadrDom::message).orElse(null);
        if (msg == null) {
            return "";
        }
        String venId = s.main().venId;
        String requestId = OadrDom.text(msg, "requestID");
        Object out = switch (OadrDom.name(msg)) {
            // the deferred form of the push sequence: an empty 200 now, and each case sends its own oadrCreatedEvent
            // as a request (as in pull), so an explicit optOut or 460 never races an automatic optIn answer that the
            // VTN records a moment later (one response row per VEN, event and modificationNumber)
            case "oadrDistributeEvent" -> null;
            case "oadrCancelPartyRegistration" -> OadrMessages.canceledPartyRegistration(requestId,
                    OadrDom.text(msg, "registrationID"), venId);
            case "oadrCreateReport" -> OadrMessages.createdReport(venId, requestId, List.of());
            case "oadrRegisterReport" -> OadrMessages.registeredReport(venId, requestId);
            default -> OadrMessages.response(200, requestId == null ? "" : requestId, venId);
        };
        if (out == null) {
            return "";
        }
        try {
            return new String(s.codec().encodePayload(out), StandardCharsets.UTF_8);
        } catch (XmlCodecException e) {
            throw new IllegalStateException("the suite built a schema-invalid answer: " + e.getMessage(), e);
        }
    }

    CaseContext context() {
        return ctx;
    }
}

package org.openvtn.ven;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.dsig.OadrSignatureException;
import org.openvtn.schemas.oadr20b.OadrPayload;
import org.openvtn.schemas.oadr20b.OadrCancelPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCancelReportType;
import org.openvtn.schemas.oadr20b.OadrCanceledPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreateReportType;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrRegisterReportType;
import org.openvtn.schemas.oadr20b.OadrRequestReregistrationType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.ei.EiResponseType;
import org.openvtn.ven.protocol.Messages;
import org.openvtn.ven.protocol.ReportMessages;
import org.openvtn.ven.protocol.Xml;
import org.openvtn.ven.scheduler.EventScheduler;
import org.openvtn.ven.transport.HttpReply;
import org.openvtn.ven.transport.OadrTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol state machine of one client: registration, polling, event handling. Every method
 * runs on the client's serial executor; the transport completes on I/O threads and each
 * continuation hops back with {@code *Async(..., serial)}.
 */
final class VenSession {

    static final String REGISTER = "EiRegisterParty";
    static final String EVENT = "EiEvent";
    static final String REPORT = "EiReport";
    static final String OPT = "EiOpt";
    static final String POLL = "OadrPoll";

    private static final Logger LOG = LoggerFactory.getLogger(VenSession.class);
    private static final Logger WIRE = LoggerFactory.getLogger("org.openvtn.wire.ven");

    /**
     * Where the answer to a VTN-initiated message goes: pull posts it as a new request ({@link #send}); push puts it
     * in the HTTP response of the VTN's POST (2.0b push sequences). Completes with the VTN's reply (pull) or null.
     */
    @FunctionalInterface
    interface Reply {
        CompletableFuture<Object> answer(String service, Object message);
    }

    final VenSettings s;
    final OadrTransport transport;
    final OadrCodec codec;
    final Executor serial;
    final Executor callbacks;
    final ScheduledExecutorService timer;
    final EventScheduler events;
    final SessionReports reports;
    final SessionPoll poll;
    /** Event distribution, answers and the event clock (oadrDistributeEvent, oadrCreatedEvent). */
    final SessionEvents distribution;

    private volatile RegistrationInfo registration;
    /** The push listener's advertised root address (oadrTransportAddress), null for a pull VEN. */
    volatile String transportAddress;
    /** The certificates the VTN presented on this client's TLS sessions: who may push (caller check). */
    final java.util.Set<java.security.cert.X509Certificate> vtnCertificates =
            java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private boolean answeringBadMessage;

    VenSession(VenSettings s, OadrTransport transport, OadrCodec codec, Executor serial, Executor callbacks,
               ScheduledExecutorService timer) {
        this.s = s;
        this.transport = transport;
        this.codec = codec;
        this.serial = serial;
        this.callbacks = callbacks;
        this.timer = timer;
        this.events = new EventScheduler(s.clock(), s.random());
        this.reports = new SessionReports(this);
        this.poll = new SessionPoll(this);
        this.distribution = new SessionEvents(this);
    }

    RegistrationInfo registration() {
        return registration;
    }

    String venId() {
        RegistrationInfo r = registration;
        if (r == null) {
            throw VenException.protocol(VenException.NOT_REGISTERED, "not registered");
        }
        return r.venId();
    }

    // ---- messaging ----------------------------------------------------------------------------

    /** Encodes, posts, decodes and validates the reply (which must be a 2.0b payload). */
    CompletableFuture<Object> send(String service, Object message) {
        if (closed) {
            return CompletableFuture.failedFuture(new VenException(VenException.Kind.CLOSED, 0, "client closed", null));
        }
        byte[] body;
        try {
            body = codec.encodePayload(message);
        } catch (XmlCodecException e) {
            return CompletableFuture.failedFuture(new VenException(VenException.Kind.PROTOCOL,
                    VenException.COMPLIANCE_ERROR, "outgoing " + message.getClass().getSimpleName()
                    + " is not schema-valid: " + e.getMessage(), null));
        }
        if (s.signer() != null) {
            try {
                body = s.signer().sign(body);
            } catch (OadrSignatureException e) {
                return CompletableFuture.failedFuture(new VenException(VenException.Kind.PROTOCOL,
                        VenException.COMPLIANCE_ERROR, "cannot sign " + message.getClass().getSimpleName() + ": "
                        + e.getMessage(), e));
            }
        }
        if (WIRE.isDebugEnabled()) {
            WIRE.debug("{} -> {} {}", s.venName(), service, new String(body, StandardCharsets.UTF_8));
        }
        return transport.post(service, body).thenApplyAsync(reply -> decode(service, reply), serial);
    }

    private Object decode(String service, HttpReply reply) {
        if (WIRE.isDebugEnabled()) {
            WIRE.debug("{} <- {} HTTP {} {}", s.venName(), service, reply.status(),
                    new String(reply.body(), StandardCharsets.UTF_8));
        }
        if (reply.peer() != null && vtnCertificates.size() < 16) {
            vtnCertificates.add(reply.peer());
        }
        if (reply.status() != 200) {
            throw new VenException(VenException.Kind.PROTOCOL, reply.status(),
                    "VTN answered HTTP " + reply.status() + " on " + service, null);
        }
        try {
            OadrPayload payload = codec.decodePayload(reply.body());
            if (payload.getSignature() != null || s.requireVtnSignatures()) {
                verifySignature(service, reply);
            }
            return codec.unwrap(payload);
        } catch (XmlCodecException e) {
            String where = e.line() > 0 ? " (line " + e.line() + ")" : "";
            LOG.warn("{}: invalid message from the VTN on {}{}: {} {}; answering 454", s.venName(), service, where,
                    e.kind(), e.getMessage());
            // Fire and forget: the protocol's answer to a bad document is 454 invalid data.
            answerBadMessage(service, VenException.INVALID_DATA, "schema validation failed: " + e.kind());
            throw VenException.protocol(VenException.INVALID_DATA,
                    "invalid message from the VTN on " + service + where + ": " + e.getMessage());
        }
    }

    /** OpenADR 2.0b security: the VTN's signature, signer = its TLS certificate unless configured otherwise. */
    private void verifySignature(String service, HttpReply reply) {
        try {
            s.verifier().verifyDecoded(reply.body(), s.vtnSigningCertificate() != null ? s.vtnSigningCertificate() : reply.peer(), codec);
        } catch (OadrSignatureException e) {
            int code = e.reason() == OadrSignatureException.Reason.INVALID
                    || e.reason() == OadrSignatureException.Reason.MALFORMED
                    ? VenException.INVALID_DATA : VenException.COMPLIANCE_ERROR;
            LOG.warn("{}: XML signature of the VTN's answer on {} refused ({}): {}", s.venName(), service, code,
                    e.getMessage());
            answerBadMessage(service, code, "XML signature refused: " + e.reason());
            throw VenException.protocol(code, "XML signature of the VTN's answer on " + service + " refused: "
                    + e.getMessage());
        }
    }

    /**
     * Answers a bad VTN message with oadrResponse and the code; not again while such an answer is in flight, so a
     * VTN that keeps answering badly cannot start a loop.
     */
    private void answerBadMessage(String service, int code, String description) {
        RegistrationInfo r = registration;
        if (r == null || answeringBadMessage) {
            return;
        }
        answeringBadMessage = true;
        send(service, Messages.response(code, description, "", r.venId()))
                .whenCompleteAsync((m, x) -> answeringBadMessage = false, serial);
    }

    static VenException unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof VenException v) {
            return v;
        }
        return new VenException(VenException.Kind.PROTOCOL, VenException.COMPLIANCE_ERROR, String.valueOf(c), null);
    }

    static void expectOk(Object reply, String what) {
        EiResponseType r = reply instanceof OadrResponseType o ? o.getEiResponse() : null;
        if (r != null && Xml.code(r) != 200) {
            throw VenException.protocol(Xml.code(r), what + " refused: " + r.getResponseCode() + " "
                    + r.getResponseDescription());
        }
    }

    void fire(java.util.function.Consumer<VenListener> call) {
        callbacks.execute(() -> {
            try {
                call.accept(s.listener());
            } catch (RuntimeException e) {
                LOG.warn("{}: listener threw", s.venName(), e);
            }
        });
    }

    void error(VenException e) {
        LOG.warn("{}: {}", s.venName(), e.getMessage());
        fire(l -> l.onError(e));
    }

    // ---- registration (N1 family) -------------------------------------------------------------

    /**
     * Queries the registration (N1_0010/N1_0015); reuses a stored one the VTN still knows,
     * otherwise registers. Then requests events (rule 405) and registers reports (rule 301).
     */
    CompletableFuture<RegistrationInfo> register(boolean forceNew) {
        return send(REGISTER, Messages.queryRegistration()).thenComposeAsync(q -> {
            OadrCreatedPartyRegistrationType query = asRegistration(q, "oadrQueryRegistration");
            Optional<RegistrationInfo> stored = forceNew ? Optional.empty() : s.store().load(s.venName(), s.vtnUrl());
            boolean known = stored.isPresent() && stored.get().registrationId().equals(query.getRegistrationID());
            if (known && transportAddress == null) {
                RegistrationInfo r = info(query, stored.get().venId());
                LOG.info("{}: registration {} still valid, not registering again", s.venName(), r.registrationId());
                return CompletableFuture.completedFuture(r);
            }
            // A push VEN re-registers a known registration (N1_0060) so the VTN has its current transport address.
            RegistrationInfo current = registration != null ? registration : known ? stored.get() : null;
            return send(REGISTER, Messages.createPartyRegistration(s.venName(),
                    current == null ? null : current.registrationId(), current == null ? null : current.venId(),
                    s.reportOnly(), transportAddress)).thenApplyAsync(c -> {
                        OadrCreatedPartyRegistrationType created = asRegistration(c, "oadrCreatePartyRegistration");
                        if (created.getRegistrationID() == null || created.getVenID() == null) {
                            throw VenException.protocol(VenException.INVALID_DATA, "registration without IDs");
                        }
                        events.clear(); // a new registration starts clean (rule 406)
                        reports.clear();
                        return info(created, created.getVenID());
                    }, serial);
        }, serial).thenComposeAsync(r -> {
            registration = r;
            s.store().save(s.venName(), r);
            fire(l -> l.onRegistrationChanged(r));
            return distribution.requestEvents().thenCompose(x -> reports.registerReports()).thenApply(x -> r);
        }, serial);
    }

    private RegistrationInfo info(OadrCreatedPartyRegistrationType m, String venId) {
        Duration poll = m.getOadrRequestedOadrPollFreq() == null ? null : Xml.duration(m.getOadrRequestedOadrPollFreq());
        return new RegistrationInfo(s.vtnUrl(), venId, m.getRegistrationID(), m.getVtnID(), poll);
    }

    private static OadrCreatedPartyRegistrationType asRegistration(Object m, String what) {
        if (!(m instanceof OadrCreatedPartyRegistrationType c)) {
            throw VenException.protocol(VenException.OUT_OF_SEQUENCE,
                    "unexpected " + m.getClass().getSimpleName() + " answering " + what);
        }
        if (Xml.code(c.getEiResponse()) != 200) {
            throw VenException.protocol(Xml.code(c.getEiResponse()), what + " refused: "
                    + c.getEiResponse().getResponseDescription());
        }
        return c;
    }

    /** The VEN cancels its registration (N1_0030). */
    CompletableFuture<Void> cancelRegistration() {
        RegistrationInfo r = registration;
        if (r == null) {
            return CompletableFuture.completedFuture(null);
        }
        return send(REGISTER, Messages.cancelPartyRegistration(r.registrationId(), r.venId())).thenAcceptAsync(m -> {
            if (m instanceof OadrCanceledPartyRegistrationType c && Xml.code(c.getEiResponse()) != 200) {
                throw VenException.protocol(Xml.code(c.getEiResponse()), "cancel refused");
            }
            dropRegistration();
        }, serial);
    }

    private void dropRegistration() {
        registration = null;
        stopPolling();
        events.clear();
        reports.clear();
        s.store().clear(s.venName(), s.vtnUrl());
        fire(l -> l.onRegistrationChanged(null));
    }

    // ---- polling (rule 500): SessionPoll ---------------------------------------------------------

    void startPolling() {
        poll.start();
    }

    void stopPolling() {
        poll.stop();
    }

    CompletableFuture<Void> drain(int n) {
        return poll.drain(n);
    }

    /** The VTN answered 463: the registration is gone on its side. */
    void forgetRegistration() {
        registration = null;
    }

    /** One message the VTN queued (pull) or pushed (push) for this VEN; the answer goes to {@code reply}. */
    CompletableFuture<Void> dispatch(Object m, Reply reply) {
        if (m instanceof OadrDistributeEventType d) {
            return distribution.onDistribute(d, reply);
        } else if (m instanceof OadrCreateReportType c) {
            return reports.onCreateReport(c.getRequestID(), c.getOadrReportRequest(), reply);
        } else if (m instanceof OadrCancelReportType c) {
            return reports.onCancelReport(c, reply);
        } else if (m instanceof OadrRegisterReportType r) {
            return reply.answer(REPORT, ReportMessages.registeredReport(venId(), r.getRequestID()))
                    .thenAccept(x -> expectOk(x, "oadrRegisteredReport"));
        } else if (m instanceof OadrCancelPartyRegistrationType c) {
            return onCancelRegistration(c, reply);
        } else if (m instanceof OadrRequestReregistrationType) {
            return reply.answer(REGISTER, Messages.response(200, "OK", "", venId()))
                    .thenComposeAsync(x -> register(true), serial).thenApply(x -> null);
        }
        VenException e = VenException.protocol(VenException.OUT_OF_SEQUENCE,
                "unexpected " + m.getClass().getSimpleName() + " in a poll answer");
        error(e);
        return CompletableFuture.completedFuture(null);
    }

    /** VTN-initiated cancellation (N1_0040): acknowledge, forget the registration, stop polling. */
    private CompletableFuture<Void> onCancelRegistration(OadrCancelPartyRegistrationType c, Reply reply) {
        RegistrationInfo r = registration;
        boolean ours = r != null && r.registrationId().equals(c.getRegistrationID());
        int code = ours ? 200 : VenException.INVALID_ID;
        CompletableFuture<Object> ack = reply.answer(REGISTER, Messages.canceledPartyRegistration(code, c.getRequestID(),
                c.getRegistrationID(), r == null ? c.getVenID() : r.venId()));
        return ack.handleAsync((x, err) -> {
            if (ours) {
                LOG.info("{}: the VTN cancelled registration {}", s.venName(), r.registrationId());
                dropRegistration();
            }
            return null;
        }, serial);
    }

    void close() {
        closed = true;
        stopPolling();
        distribution.close();
        reports.close();
    }

    boolean isClosed() {
        return closed;
    }
}

package org.openvtn.ven;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.openvtn.certs.identity.LogSafe;
import org.openvtn.certs.identity.OadrFingerprint;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.dsig.OadrSignatureException;
import org.openvtn.schemas.oadr20b.OadrCancelPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCancelReportType;
import org.openvtn.schemas.oadr20b.OadrCreateReportType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrPayload;
import org.openvtn.schemas.oadr20b.OadrRegisterReportType;
import org.openvtn.schemas.oadr20b.OadrRequestReregistrationType;
import org.openvtn.ven.protocol.Messages;
import org.openvtn.ven.transport.PushServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push side of a session (OpenADR 2.0b, push exchange model): checks that the caller is the VTN this VEN
 * registered with, validates the pushed document against the schemas, verifies its XML signature when required, feeds
 * it to the same handling as a polled message and returns the answer for the HTTP response of the VTN's POST
 * (oadrCreatedEvent, oadrCreatedReport, oadrCanceledReport, oadrRegisteredReport, oadrCanceledPartyRegistration,
 * oadrResponse), or an empty 200 when the message needs no answer. Runs on the session's serial executor.
 */
final class SessionPush {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPush.class);
    private static final Logger WIRE = LoggerFactory.getLogger("org.openvtn.wire.ven.push");
    private static final PushServer.Answer EMPTY = new PushServer.Answer(200, new byte[0]);
    private static final PushServer.Answer FORBIDDEN = new PushServer.Answer(403, new byte[0]);

    private final VenSession session;
    private final List<X509Certificate> configured;

    SessionPush(VenSession session, List<X509Certificate> configured) {
        this.session = session;
        this.configured = configured == null ? List.of() : configured;
    }

    /** Called on an I/O thread; the work hops to the serial executor. */
    CompletableFuture<PushServer.Answer> handle(String service, byte[] body, X509Certificate caller) {
        CompletableFuture<PushServer.Answer> out = new CompletableFuture<>();
        try {
            session.serial.execute(() -> {
                try {
                    process(service, body, caller, out);
                } catch (RuntimeException e) {
                    LOG.warn("{}: pushed message on {} failed", session.s.venName(), service, e);
                    out.complete(new PushServer.Answer(500, new byte[0]));
                }
            });
        } catch (RuntimeException rejected) {
            out.complete(new PushServer.Answer(503, new byte[0]));
        }
        return out;
    }

    private void process(String service, byte[] body, X509Certificate caller, CompletableFuture<PushServer.Answer> out) {
        String who = self();
        if (session.isClosed()) {
            out.complete(new PushServer.Answer(503, new byte[0]));
            return;
        }
        if (!isVtn(caller)) {
            LOG.warn("{}: push on {} refused: caller {} is not the VTN this VEN registered with", who, service,
                    caller == null ? "without certificate" : LogSafe.text(caller.getSubjectX500Principal().getName()));
            out.complete(FORBIDDEN);
            return;
        }
        if (WIRE.isDebugEnabled()) {
            WIRE.debug("{} <= {} {}", who, service, new String(body, StandardCharsets.UTF_8));
        }
        Object m;
        try {
            OadrPayload payload = session.codec.decodePayload(body);
            if (payload.getSignature() != null || session.s.requireVtnSignatures()) {
                session.s.verifier().verifyDecoded(body, session.s.vtnSigningCertificate() != null
                        ? session.s.vtnSigningCertificate() : caller, session.codec); // decoded just above
            }
            m = session.codec.unwrap(payload);
        } catch (XmlCodecException e) {
            LOG.warn("{}: invalid document pushed on {}: {} {}; answering 454", who, service, e.kind(),
                    LogSafe.text(e.getMessage()));
            out.complete(answer(VenException.INVALID_DATA, "schema validation failed: " + e.kind(), ""));
            return;
        } catch (OadrSignatureException e) {
            int code = e.reason() == OadrSignatureException.Reason.INVALID
                    || e.reason() == OadrSignatureException.Reason.MALFORMED
                    ? VenException.INVALID_DATA : VenException.COMPLIANCE_ERROR;
            LOG.warn("{}: XML signature of a push on {} refused ({}): {}", who, service, code, e.getMessage());
            out.complete(answer(code, "XML signature refused: " + e.reason(), ""));
            return;
        }
        String expected = serviceOf(m);
        if (expected == null) {
            out.complete(answer(VenException.OUT_OF_SEQUENCE, "a VTN does not push "
                    + m.getClass().getSimpleName(), ""));
            return;
        }
        if (!expected.equals(service)) {
            out.complete(answer(VenException.INVALID_DATA, m.getClass().getSimpleName() + " belongs to " + expected
                    + ", not " + service, requestId(m)));
            return;
        }
        RegistrationInfo r = session.registration();
        if (r == null) {
            out.complete(answer(VenException.NOT_REGISTERED, "not registered", requestId(m)));
            return;
        }
        String venId = venId(m);
        if (venId != null && !venId.equals(r.venId())) {
            LOG.warn("{}: push for venID {} refused (ours is {}); answering 452", who, LogSafe.text(venId), r.venId());
            out.complete(answer(VenException.INVALID_ID, "venID is not this VEN's", requestId(m)));
            return;
        }
        CompletableFuture<Object> reply = new CompletableFuture<>();
        session.dispatch(m, (svc, msg) -> {
            reply.complete(msg);
            return CompletableFuture.completedFuture(null);
        }).whenComplete((x, err) -> {
            if (err != null) {
                session.error(VenSession.unwrap(err));
            }
            reply.complete(null);
        });
        reply.thenAccept(msg -> out.complete(msg == null ? EMPTY : encode(msg)));
    }

    /** A caller is the VTN when it presents a certificate this client saw from the VTN, or a configured one. */
    private boolean isVtn(X509Certificate caller) {
        if (caller == null) {
            return false;
        }
        List<X509Certificate> known = new ArrayList<>(configured);
        known.addAll(session.vtnCertificates);
        String fp = OadrFingerprint.of(caller);
        for (X509Certificate k : known) {
            if (OadrFingerprint.matches(k, fp)) {
                return true;
            }
            // The same VTN often holds an RSA and an ECC certificate (2.0b §10): same subject, same issuer.
            if (k.getSubjectX500Principal().equals(caller.getSubjectX500Principal())
                    && k.getIssuerX500Principal().equals(caller.getIssuerX500Principal())) {
                return true;
            }
        }
        return false;
    }

    private PushServer.Answer answer(int code, String description, String requestId) {
        RegistrationInfo r = session.registration();
        return encode(Messages.response(code, description, requestId == null ? "" : requestId,
                r == null ? null : r.venId()));
    }

    private PushServer.Answer encode(Object msg) {
        try {
            byte[] body = session.codec.encodePayload(msg);
            if (session.s.signer() != null) {
                body = session.s.signer().sign(body);
            }
            if (WIRE.isDebugEnabled()) {
                WIRE.debug("{} => {}", self(), new String(body, StandardCharsets.UTF_8));
            }
            return new PushServer.Answer(200, body);
        } catch (XmlCodecException | OadrSignatureException e) {
            LOG.warn("{}: cannot encode the answer {}: {}", self(), msg.getClass().getSimpleName(), e.getMessage());
            return new PushServer.Answer(500, new byte[0]);
        }
    }

    private String self() {
        return session.s.venName();
    }

    private static String serviceOf(Object m) {
        if (m instanceof OadrDistributeEventType) {
            return VenSession.EVENT;
        } else if (m instanceof OadrCreateReportType || m instanceof OadrCancelReportType
                || m instanceof OadrRegisterReportType) {
            return VenSession.REPORT;
        } else if (m instanceof OadrCancelPartyRegistrationType || m instanceof OadrRequestReregistrationType) {
            return VenSession.REGISTER;
        }
        return null;
    }

    private static String venId(Object m) {
        if (m instanceof OadrCreateReportType c) {
            return c.getVenID();
        } else if (m instanceof OadrCancelReportType c) {
            return c.getVenID();
        } else if (m instanceof OadrRegisterReportType c) {
            return c.getVenID();
        } else if (m instanceof OadrCancelPartyRegistrationType c) {
            return c.getVenID();
        } else if (m instanceof OadrRequestReregistrationType c) {
            return c.getVenID();
        }
        return null;
    }

    private static String requestId(Object m) {
        if (m instanceof OadrDistributeEventType d) {
            return d.getRequestID();
        } else if (m instanceof OadrCreateReportType c) {
            return c.getRequestID();
        } else if (m instanceof OadrCancelReportType c) {
            return c.getRequestID();
        } else if (m instanceof OadrRegisterReportType c) {
            return c.getRequestID();
        } else if (m instanceof OadrCancelPartyRegistrationType c) {
            return c.getRequestID();
        }
        return "";
    }
}

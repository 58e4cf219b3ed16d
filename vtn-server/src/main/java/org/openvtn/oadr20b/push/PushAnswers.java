package org.openvtn.oadr20b.push;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import org.openvtn.certs.identity.LogSafe;
import org.openvtn.core.Registration;
import org.openvtn.core.VtnException;
import org.openvtn.oadr20b.http.OadrRoutes;
import org.openvtn.schemas.dsig.OadrSignatureException;
import org.openvtn.oadr20b.security.OadrSignatures;
import org.openvtn.oadr20b.service.OadrCaller;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.oadr20b.OadrCanceledPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCanceledReportType;
import org.openvtn.schemas.oadr20b.OadrCreatedEventType;
import org.openvtn.schemas.oadr20b.OadrCreatedReportType;
import org.openvtn.schemas.oadr20b.OadrPayload;
import org.openvtn.schemas.oadr20b.OadrRegisteredReportType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.openvtn.oadr20b.service.OadrResponseCodes;

/**
 * The synchronous answer of a push VEN (OpenADR 2.0b push sequences): validated against the published schemas
 * like every other exchange, its XML signature verified when present (required when the VTN requires signatures),
 * then fed into the same service the pull path uses (an oadrCreatedEvent becomes the event response exactly as if
 * the VEN had POSTed it to EiEvent). An empty HTTP 200 is accepted too: such VENs send oadrCreatedEvent later as
 * their own request.
 */
final class PushAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(PushAnswers.class);

    /** Answers a push VEN may give in the HTTP response. */
    private static final Set<Class<?>> ANSWERS = Set.of(OadrCreatedEventType.class, OadrCreatedReportType.class,
            OadrCanceledReportType.class, OadrCanceledPartyRegistrationType.class, OadrResponseType.class,
            OadrRegisteredReportType.class);

    private final OadrCodec codec;
    private final OadrRoutes routes;
    private final OadrSignatures signatures;

    PushAnswers(OadrCodec codec, OadrRoutes routes, OadrSignatures signatures) {
        this.codec = codec;
        this.routes = routes;
        this.signatures = signatures;
    }

    /** A decoded, validated and verified answer ({@code message} null for an empty 200), or what was wrong. */
    record Parsed(Object message, String problem) {
        static final Parsed EMPTY = new Parsed(null, null);
    }

    /**
     * @param reg  the VEN pushed to
     * @param body the HTTP 200 body, possibly empty
     * @param peer the VEN's TLS certificate (for its signature), may be null
     * @return null when accepted, else what was wrong (the push itself counts as delivered)
     */
    String accept(Registration reg, byte[] body, X509Certificate peer) {
        return apply(reg, parse(body, peer));
    }

    /**
     * The CPU-heavy half (schema validation, signature), done outside any database transaction.
     *
     * @param body the HTTP 200 body, possibly empty
     * @param peer the VEN's TLS certificate (for its signature), may be null
     */
    Parsed parse(byte[] body, X509Certificate peer) {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return Parsed.EMPTY; // empty 200: the VEN answers later with its own request
        }
        Object message;
        try {
            OadrPayload payload = codec.decodePayload(body);
            message = codec.unwrap(payload);
            if (payload.getSignature() != null || signatures.requireSignatures()) {
                signatures.verifyDecoded(body, peer, codec); // decoded just above (issue #18)
            }
        } catch (XmlCodecException e) {
            return new Parsed(null, "answer is not a schema-valid 2.0b payload: " + LogSafe.text(e.getMessage()));
        } catch (OadrSignatureException e) {
            return new Parsed(null, "answer's XML signature refused: " + LogSafe.text(e.getMessage()));
        }
        return new Parsed(message, null);
    }

    /**
     * Feeds a parsed answer into the service the pull path uses (joins the caller's transaction).
     *
     * @return null when accepted, else what was wrong
     */
    String apply(Registration reg, Parsed parsed) {
        if (parsed.problem() != null || parsed.message() == null) {
            return parsed.problem();
        }
        Object message = parsed.message();
        if (!ANSWERS.contains(message.getClass())) {
            return "answer " + message.getClass().getSimpleName().replace("Type", "") + " is not a push answer";
        }
        if (message instanceof OadrResponseType r) {
            String code = r.getEiResponse() == null ? null : r.getEiResponse().getResponseCode();
            if (code != null && !code.strip().equals("200")) {
                return "VEN answered " + LogSafe.text(code) + " "
                        + LogSafe.text(r.getEiResponse().getResponseDescription());
            }
        }
        if (message instanceof OadrRegisteredReportType) {
            return null; // the VTN offers no reports, so any oadrReportRequest in it has nothing to start
        }
        Optional<OadrRoutes.Route> route = routes.endpointOf(message.getClass())
                .flatMap(service -> routes.route(service, message.getClass()));
        if (route.isEmpty()) {
            return null;
        }
        try {
            route.get().apply(new OadrCaller(reg.fingerprint(), "push VEN " + reg.participantId()), message);
            return null;
        } catch (VtnException e) {
            LOG.info("push answer of VEN {} refused: {} {}", reg.participantId(), OadrResponseCodes.of(e),
                    LogSafe.text(e.getMessage()));
            return "answer refused: " + OadrResponseCodes.of(e) + " " + LogSafe.text(e.getMessage());
        }
    }
}

package org.openvtn.oadr20b.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.openvtn.certs.identity.CertificateIdentity;
import org.openvtn.certs.identity.LogSafe;
import org.openvtn.core.ErrorCode;
import org.openvtn.core.SelectorSafe;
import org.openvtn.core.ParticipantService.Admission;
import org.openvtn.core.VtnException;
import org.openvtn.oadr20b.security.OadrSignatureConfig;
import org.openvtn.oadr20b.security.OadrSignatures;
import org.openvtn.oadr20b.service.OadrCaller;
import org.openvtn.oadr20b.service.OadrMapping;
import org.openvtn.oadr20b.service.OadrServices;
import org.openvtn.oadr20b.service.OadrValues;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.dsig.OadrSignatureException;
import org.openvtn.schemas.oadr20b.OadrPayload;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.oadr20b.ei.EiResponseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.openvtn.oadr20b.service.OadrResponseCodes;
import org.openvtn.listener.RequestMetrics;

/**
 * Jetty 12 handler of the OpenADR 2.0b simple-HTTP endpoints
 * {@code POST {base}/OpenADR2/Simple/2.0b/{EiRegisterParty|EiEvent|EiReport|EiOpt|OadrPoll}}.
 * It refuses oversized bodies before reading them, decodes with validation, identifies the VEN by
 * its TLS client certificate fingerprint, calls the service ({@link OadrRoutes}) and encodes the
 * answer. Every failure ends in a schema-valid 2.0b response carrying an application code (454
 * invalid data, 452 invalid ID, 463 not registered, …); nothing is stored for a refused message.
 * Bodies go to the {@code org.openvtn.wire.oadr20b} logger at DEBUG.
 */
public final class OadrHandler extends Handler.Abstract {
    /** The logger an operator switches on to see every 2.0b request and response body. */
    public static final String WIRE_LOGGER = "org.openvtn.wire.oadr20b";
    /** Path of the endpoints below the base path. */
    public static final String PATH = "/OpenADR2/Simple/2.0b/";

    private static final Logger LOG = LoggerFactory.getLogger(OadrHandler.class);
    private static final Logger WIRE = LoggerFactory.getLogger(WIRE_LOGGER);

    private final String prefix;
    private final OadrCodec codec;
    private final OadrServices services;
    private final OadrRoutes routes;
    private final int maxBodyBytes;
    private final Function<Request, Optional<OadrCaller>> identities;
    private final OadrSignatures signatures;
    private final Function<OadrCaller, Admission> enrolment;
    /** The idle poll's oadrResponse from a template proven valid (issue #18); null if the codec's output cannot be cut. */
    private final OkResponseTemplate okResponse;
    private volatile boolean nonBlockingCaller;
    private final LongAdder inPlace = new LongAdder();
    private final LongAdder onPool = new LongAdder();
    /** The one service whose answer may be known without a blocking call: an idle VEN's poll (OpenADR 2.0b 8.7). */
    private static final String IN_PLACE_SERVICE = "OadrPoll";

    /**
     * @param basePath     prefix before {@code /OpenADR2}, "" or e.g. {@code /vtn}
     * @param codec        the server's one codec (validation on)
     * @param services     the 2.0b services
     * @param maxBodyBytes largest accepted body (the codec's document limit)
     * @param identities   how to find the caller; {@link #tlsIdentity()} in production
     */
    public OadrHandler(String basePath, OadrCodec codec, OadrServices services, int maxBodyBytes,
                       Function<Request, Optional<OadrCaller>> identities) {
        this(basePath, codec, services, maxBodyBytes, identities, OadrSignatures.create(OadrSignatureConfig.DEFAULT,
                java.util.List.of(), java.time.Clock.systemUTC(), codec.limits()));
    }

    /**
     * @param signatures XML signature policy: signed payloads are always verified; it says whether unsigned ones
     *                   are refused and whether answers are signed
     */
    public OadrHandler(String basePath, OadrCodec codec, OadrServices services, int maxBodyBytes,
                       Function<Request, Optional<OadrCaller>> identities, OadrSignatures signatures) {
        this(basePath, codec, services, maxBodyBytes, identities, signatures, caller -> Admission.ADMITTED);
    }

    /**
     * @param enrolment decides per caller under the listener's enrolment policy (issue #12 item 5): refused callers
     *                  get 463 for every message, before any signature work; pending ones may manage their
     *                  registration, their polls are answered empty and other services 463
     */
    public OadrHandler(String basePath, OadrCodec codec, OadrServices services, int maxBodyBytes,
                       Function<Request, Optional<OadrCaller>> identities, OadrSignatures signatures,
                       Function<OadrCaller, Admission> enrolment) {
        this.enrolment = enrolment;
        this.signatures = signatures;
        this.prefix = (basePath == null ? "" : basePath) + PATH;
        this.codec = codec;
        this.services = services;
        this.routes = new OadrRoutes(services);
        this.maxBodyBytes = maxBodyBytes;
        this.identities = identities;
        this.okResponse = OkResponseTemplate.of(codec);
    }

    /** The caller from the TLS session's client certificate (needs a SecureRequestCustomizer). */
    public static Function<Request, Optional<OadrCaller>> tlsIdentity() {
        return request -> {
            if (!(request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl)) {
                return Optional.empty();
            }
            // The fingerprint is a SHA-256 over the certificate: computed once per TLS session, not per request.
            javax.net.ssl.SSLSession session = ssl.sslSession();
            if (session != null && session.getValue(CALLER_KEY) instanceof OadrCaller known) {
                return Optional.of(known);
            }
            X509Certificate[] chain = ssl.peerCertificates();
            if (chain == null || chain.length == 0) {
                return Optional.empty();
            }
            CertificateIdentity id = CertificateIdentity.of(chain[0]);
            OadrCaller caller = new OadrCaller(id.oadrFingerprint(), id.subject());
            if (session != null) {
                session.putValue(CALLER_KEY, caller);
            }
            return Optional.of(caller);
        };
    }

    private static final String CALLER_KEY = "org.openvtn.oadr20b.caller";

    /**
     * Non-blocking mode (issue #18, {@code org.openvtn.listener.SelectorAnswers}): the handler is called on a selector
     * thread. Call before the server starts.
     *
     * @param on true when the connector reads on its selector thread; false (default) when Jetty calls the handler on
     *           a pool thread, where the whole request is answered in place as before
     * @return this handler
     */
    public OadrHandler nonBlockingCaller(boolean on) {
        this.nonBlockingCaller = on;
        return this;
    }

    /** @return requests answered on the thread that read them, in non-blocking mode (idle oadrPolls) */
    public long answeredInPlace() {
        return inPlace.sum();
    }

    /** @return requests handed from the reading thread to the server's pool, in non-blocking mode */
    public long answeredOnPool() {
        return onPool.sum();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(prefix)) {
            return false;
        }
        String service = path.substring(prefix.length());
        if (!routes.hasEndpoint(service)) {
            Response.writeError(request, response, callback, 404, "no OpenADR 2.0b service " + service);
            return true;
        }
        request.setAttribute(RequestMetrics.SERVICE, service);
        if (!"POST".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            Response.writeError(request, response, callback, 405, "OpenADR 2.0b endpoints accept POST only");
            return true;
        }
        Optional<OadrCaller> caller = identities.apply(request);
        if (caller.isEmpty()) {
            LOG.warn("OpenADR {} from {} refused: no client certificate", service, Request.getRemoteAddr(request));
            reply(request, response, callback, 403, error(request, null, OadrResponseCodes.of(ErrorCode.NOT_REGISTERED_OR_AUTHORIZED),
                    "a TLS client certificate is required", null));
            return true;
        }
        Who who = new Who(caller.get(), request); // the text is built only when a line is logged (issue #18)
        long length = request.getLength();
        if (length > maxBodyBytes) {
            LOG.warn("OpenADR {} from {} refused: body of {} bytes exceeds the limit of {} bytes", service, who,
                    length, maxBodyBytes);
            reply(request, response, callback, 413, error(request, null, OadrResponseCodes.of(ErrorCode.INVALID_DATA),
                    "payload larger than " + maxBodyBytes + " bytes", null));
            return true;
        }
        if (nonBlockingCaller) {
            AsyncBody.read(request, length, maxBodyBytes, new AsyncBody.Sink() {
                @Override
                public void body(byte[] body) {
                    answer(request, response, callback, service, caller.get(), who, body);
                }

                @Override
                public void failed(Throwable failure) {
                    unreadable(request, response, callback, service, who, failure);
                }
            });
            return true;
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = readBody(in, length);
        } catch (IOException e) {
            unreadable(request, response, callback, service, who, e);
            return true;
        }
        answer(request, response, callback, service, caller.get(), who, body);
        return true;
    }

    private static void unreadable(Request request, Response response, Callback callback, String service, Who who,
                                   Throwable failure) {
        LOG.warn("OpenADR {} from {}: reading the body failed: {}", service, who, failure.toString());
        Response.writeError(request, response, callback, 400, "unreadable body");
    }

    /**
     * Answers a request whose body is read. A caller that may block (a pool thread) does everything in place. A
     * {@linkplain #nonBlockingCaller non-blocking} one (the selector thread) answers in place only an unsigned
     * oadrPoll whose answer needs no blocking call (an idle VEN's poll on Derby: enrolment, registration and queue
     * from the read caches), inside a {@link SelectorSafe} section; anything that would block there (a database
     * transaction, a signature, a lock) abandons the attempt, which has changed nothing, and the request is answered
     * from the start on the server's pool, like every other message.
     */
    private void answer(Request request, Response response, Callback callback, String service, OadrCaller caller,
                        Who who, byte[] body) {
        if (body.length > maxBodyBytes) {
            LOG.warn("OpenADR {} from {} refused: body exceeds the limit of {} bytes", service, who, maxBodyBytes);
            reply(request, response, callback, 413, error(request, null, OadrResponseCodes.of(ErrorCode.INVALID_DATA),
                    "payload larger than " + maxBodyBytes + " bytes", null));
            return;
        }
        if (WIRE.isDebugEnabled()) {
            WIRE.debug("<- {} {}\n{}", service, who, new String(body, StandardCharsets.UTF_8));
        }
        if (!nonBlockingCaller) {
            finish(request, response, callback, service, caller, who, body);
            return;
        }
        if (IN_PLACE_SERVICE.equals(service) && !signatures.signResponses()) {
            byte[] answer = null;
            try (SelectorSafe.Section section = SelectorSafe.enter()) {
                answer = dispatch(request, service, caller, who, body, peerCertificate(request));
                section.succeeded();
            } catch (SelectorSafe.WouldBlock e) {
                answer = null; // nothing was changed: answered again below, where it may block
            } catch (RuntimeException x) {
                callback.failed(x); // Jetty answers 500 and logs it, as for a handler that throws
                return;
            }
            if (answer != null) {
                inPlace.increment();
                reply(request, response, callback, 200, answer);
                return;
            }
        }
        try {
            request.getComponents().getExecutor().execute(() -> {
                try {
                    onPool.increment();
                    finish(request, response, callback, service, caller, who, body);
                } catch (Throwable x) {
                    callback.failed(x); // Jetty answers 500 and logs it, as for a handler that throws
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("OpenADR {} from {}: no request thread free ({}); answered 503", service, who, e.toString());
            Response.writeError(request, response, callback, 503, "server busy");
        }
    }

    private void finish(Request request, Response response, Callback callback, String service, OadrCaller caller,
                        Who who, byte[] body) {
        reply(request, response, callback, 200, dispatch(request, service, caller, who, body, peerCertificate(request)));
    }

    private byte[] dispatch(Request http, String service, OadrCaller caller, Who who, byte[] body, X509Certificate peer) {
        Object message;
        OadrPayload payload;
        try {
            payload = codec.decodePayload(body);
            message = codec.unwrap(payload);
        } catch (XmlCodecException e) {
            LOG.warn("OpenADR {} from {} refused ({}): {}", service, who, e.kind(), LogSafe.text(e.getMessage()));
            int code = e.kind() == XmlCodecException.Kind.UNSUPPORTED ? OadrResponseCodes.of(ErrorCode.NOT_RECOGNIZED)
                    : OadrResponseCodes.of(ErrorCode.INVALID_DATA);
            return error(http, null, code, describe(e), null);
        }
        String name = message.getClass().getSimpleName();
        Optional<OadrRoutes.Route> route = routes.route(service, message.getClass());
        if (route.isEmpty()) {
            String hint = routes.endpointOf(message.getClass()).map(s -> "; POST it to " + s)
                    .orElse("; a VTN does not accept it");
            LOG.warn("OpenADR {} from {} refused: {} is not a message of this service{}", service, who, name, hint);
            return error(http, message, OadrResponseCodes.of(ErrorCode.NOT_RECOGNIZED), name + " is not accepted by " + service + hint,
                    OadrMessageIds.venIdOf(message));
        }
        Admission admission;
        try {
            admission = enrolment.apply(caller);
        } catch (SelectorSafe.WouldBlock e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("OpenADR {} {} from {}: the enrolment decision failed", service, name, who, e);
            return error(http, message, OadrResponseCodes.of(ErrorCode.OTHER), "internal error; the VTN operator has the details",
                    OadrMessageIds.venIdOf(message));
        }
        if (admission == Admission.REFUSED) {
            LOG.warn("OpenADR {} {} from {} refused (463): the certificate is not enrolled (revoked, or not on the "
                    + "allowlist of this listener)", service, name, who);
            return error(http, message, OadrResponseCodes.of(ErrorCode.NOT_REGISTERED_OR_AUTHORIZED),
                    "this certificate is not enrolled with the VTN; ask its operator", OadrMessageIds.venIdOf(message));
        }
        if (payload.getSignature() != null || signatures.requireSignatures()) {
            SelectorSafe.mayBlock(); // CPU-heavy, and a shared replay-nonce store on PostgreSQL
            try {
                signatures.verifyDecoded(body, peer, codec); // decoded above: one parse less (issue #18)
            } catch (OadrSignatureException e) {
                int code = OadrSignatures.codeFor(e);
                LOG.warn("OpenADR {} {} from {} refused ({}): XML signature {}", service, name, who, code,
                        LogSafe.text(e.getMessage()));
                return error(http, message, code, "XML signature refused: " + e.getMessage(), OadrMessageIds.venIdOf(message));
            }
        }
        if (admission == Admission.PENDING && !"EiRegisterParty".equals(service)) {
            if (message instanceof OadrPollType) {
                return encodeOrError(http, message, OadrMapping.response(OadrValues.ok(null), OadrMessageIds.venIdOf(message)));
            }
            LOG.warn("OpenADR {} {} from {} refused (463): enrolment pending operator approval", service, name, who);
            return error(http, message, OadrResponseCodes.of(ErrorCode.NOT_REGISTERED_OR_AUTHORIZED),
                    "enrolment pending: the VTN operator has not approved this certificate yet", OadrMessageIds.venIdOf(message));
        }
        Object answer;
        try {
            answer = route.get().apply(caller, message);
        } catch (SelectorSafe.WouldBlock e) {
            throw e;
        } catch (VtnException e) {
            LOG.info("OpenADR {} {} from {} answered {}: {}", service, name, who, OadrValues.code(e.errorCode()),
                    LogSafe.text(e.getMessage()));
            return error(http, message, OadrValues.code(e.errorCode()), e.getMessage(), OadrMessageIds.venIdOf(message));
        } catch (RuntimeException e) {
            LOG.error("OpenADR {} {} from {} failed", service, name, who, e);
            return error(http, message, OadrResponseCodes.of(ErrorCode.OTHER), "internal error; the VTN operator has the details",
                    OadrMessageIds.venIdOf(message));
        }
        return encodeOrError(http, message, answer);
    }

    /**
     * The body, at most {@code maxBodyBytes + 1} bytes (one more than allowed tells the caller it is too large). With
     * a Content-Length the bytes are read straight into an array of that size, without the 8 KB staging buffers of
     * {@link InputStream#readNBytes(int)} (issue #18: an idle poll's largest allocation); a body longer than its
     * Content-Length is unreadable (400).
     */
    private byte[] readBody(InputStream in, long length) throws IOException {
        if (length < 0) {
            return in.readNBytes(maxBodyBytes + 1);
        }
        byte[] body = new byte[(int) length];
        int n = in.readNBytes(body, 0, body.length);
        if (n < body.length) {
            return java.util.Arrays.copyOf(body, n); // the client sent less than it announced; Jetty reports it too
        }
        if (in.read() >= 0) {
            throw new IOException("body longer than its Content-Length of " + length + " bytes");
        }
        return body;
    }

    /** The caller as log lines name it: subject, fingerprint and remote address; text built only when logged. */
    private record Who(OadrCaller caller, Request request) {
        @Override
        public String toString() {
            return LogSafe.text(caller.subject()) + " [" + caller.fingerprint() + "] at " + Request.getRemoteAddr(request);
        }
    }

    private byte[] encodeOrError(Request http, Object message, Object answer) {
        if (okResponse != null && OkResponseTemplate.matches(answer)) {
            byte[] idle = okResponse.render(((org.openvtn.schemas.oadr20b.OadrResponseType) answer).getVenID());
            if (idle != null) {
                return idle;
            }
        }
        try {
            return codec.encodePayload(answer);
        } catch (XmlCodecException e) {
            LOG.error("OpenADR {}: the answer {} is not schema-valid: {}", message.getClass().getSimpleName(),
                    answer.getClass().getSimpleName(), e.getMessage());
            return error(http, message, OadrResponseCodes.of(ErrorCode.OTHER), "internal error; the VTN operator has the details",
                    OadrMessageIds.venIdOf(message));
        }
    }

    private static String describe(XmlCodecException e) {
        return switch (e.kind()) {
            case TOO_LARGE -> "payload too large";
            case DTD_FORBIDDEN -> "DOCTYPE declarations are not accepted";
            case TOO_COMPLEX -> "document nesting or attribute count over the limit";
            case MALFORMED -> "not well-formed XML at line " + e.line();
            case SCHEMA_INVALID -> "not valid against the OpenADR 2.0b schema at line " + e.line();
            default -> "unsupported document";
        };
    }

    /** An error answer whose responseCode the request metrics tag the request with (issue #19). */
    private byte[] error(Request http, Object request, int code, String description, String venId) {
        http.setAttribute(RequestMetrics.CODE, code);
        return error(request, code, description, venId);
    }

    /** A schema-valid error answer of the right type; falls back to oadrResponse. */
    private byte[] error(Object request, int code, String description, String venId) {
        EiResponseType r = OadrValues.response(code, description, OadrMessageIds.requestIdOf(request));
        try {
            return codec.encodePayload(OadrMapping.errorFor(request, r, services.vtnId(), venId));
        } catch (XmlCodecException e) {
            try {
                return codec.encodePayload(OadrMapping.response(r, null));
            } catch (XmlCodecException e2) {
                throw new IllegalStateException("cannot encode an oadrResponse", e2);
            }
        }
    }

    private void reply(Request request, Response response, Callback callback, int status, byte[] body) {
        if (signatures.signResponses()) {
            try {
                body = signatures.sign(body, localCertificate(request));
            } catch (OadrSignatureException e) {
                LOG.error("OpenADR answer to {} could not be signed; sent unsigned: {}",
                        Request.getRemoteAddr(request), e.getMessage());
            }
        }
        if (WIRE.isDebugEnabled()) {
            WIRE.debug("-> {}\n{}", status, new String(body, StandardCharsets.UTF_8));
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, OadrCodec.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** The TLS client certificate of the request, null without one. */
    static X509Certificate peerCertificate(Request request) {
        if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl
                && ssl.peerCertificates() != null && ssl.peerCertificates().length > 0) {
            return ssl.peerCertificates()[0];
        }
        return null;
    }

    /** The server certificate this TLS session presented, null if unknown. */
    static X509Certificate localCertificate(Request request) {
        if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl
                && ssl.sslSession() != null && ssl.sslSession().getLocalCertificates() != null
                && ssl.sslSession().getLocalCertificates().length > 0
                && ssl.sslSession().getLocalCertificates()[0] instanceof X509Certificate c) {
            return c;
        }
        return null;
    }
}

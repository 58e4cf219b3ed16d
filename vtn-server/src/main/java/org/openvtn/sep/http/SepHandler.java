package org.openvtn.sep.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.openvtn.certs.identity.LogSafe;
import org.openvtn.certs.identity.CertificateIdentity;
import org.openvtn.certs.tls.PeerIdentities;
import org.openvtn.core.ParticipantId;
import org.openvtn.core.ParticipantService;
import org.openvtn.core.ParticipantService.Admission;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.sep.Error;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.openvtn.sep.notify.SepNotifier;
import org.openvtn.sep.service.ControlResources;
import org.openvtn.sep.service.FunctionResources;
import org.openvtn.sep.service.EndDeviceService;
import org.openvtn.sep.service.SepException;
import org.openvtn.sep.service.SepProgramService;
import org.openvtn.sep.service.SepResources;
import org.openvtn.sep.service.SepServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty core handler of the 2030.5 server: identifies the caller by the LFDI/SFDI of its TLS
 * client certificate (IEEE 2030.5-2018 §6.3.4, §8.3), routes ({@link SepRoutes}), and writes
 * {@code application/sep+xml} bodies encoded and validated against sep.xsd by {@link SepCodec}.
 *
 * <p>HTTP semantics of §5.5 (CSIP CORE-001): 200 GET/HEAD, 201 + Location on creation, 400 with an
 * {@code Error} body for invalid input, 403 (with Error) for a certificate mismatch, 404 for
 * anything unknown or not the caller's, 405 + Allow, 413 for oversized bodies, 415 for a wrong
 * Content-Type, 501 for advertised but unimplemented function sets. Unknown query parameters are
 * ignored (CORE-004).
 */
final class SepHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(SepHandler.class);
    private static final Logger WIRE = LoggerFactory.getLogger("org.openvtn.wire.sep");

    private final SepConfig config;
    private final ParticipantService participants;
    private final SepCodec codec;
    private final int maxBodyBytes;
    private final EndDeviceService endDevices;
    private final SepRoutes routes;
    private final SepFunctionRoutes functions;
    private final SepServices services;
    private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();
    private SepNotifier notifier;

    SepHandler(SepConfig config, SepServices services) {
        this.config = config;
        this.services = services;
        this.participants = services.core().participants();
        this.codec = config.codec();
        this.maxBodyBytes = config.maxBodyBytes();
        this.endDevices = services.endDevices();
        Clock clock = config.clock();
        SepProgramService programs = services.programs();
        // CSIP-AUS 1.3 is bound when the codec has it (SepCodec.withCsipAus); otherwise plain CSIP
        org.openvtn.schemas.CsipAusBinding aus = codec.csipAus().orElse(null);
        this.functions = new SepFunctionRoutes(endDevices, programs, services.subscriptions(), services.responses(),
                services.defaultControls(), services.mirrors(), services.deviceData(),
                new FunctionResources(config.pollRate(), config.mrids(), aus, config.dersPerEndDevice()));
        ControlResources controls = new ControlResources(config.pollRate(), config.primacy(), config.mrids(), aus,
                services.primacies()::get);
        this.routes = new SepRoutes(endDevices, programs,
                new SepResources(config.pollRate(), config.zone(), config.timeQuality(), config.mrids(), aus,
                        config.dersPerEndDevice()),
                controls, clock, functions,
                aus == null ? null : new CsipAusRoutes(aus, services.deviceData()), services.curves(),
                new org.openvtn.sep.service.CurveResources(config.mrids()),
                new PricingRoutes(services.pricing(), new org.openvtn.sep.service.PricingResources(config.pollRate(),
                        config.mrids(), controls, aus), programs, aus != null),
                new MessagingRoutes(services.messaging(), new org.openvtn.sep.service.MessagingResources(
                        config.pollRate(), config.mrids(), controls)),
                new FlowReservationRoutes(services.flowReservations(), controls, config.pollRate()),
                new BillingRoutes(services.billing(), new org.openvtn.sep.service.BillingResources(config.pollRate(),
                        config.mrids())))
                .listBodies(new ListBodies(codec));
        routes.inBandRegistration(config.inBandRegistration());
        routes.programGroups(services.programGroups());
        this.routes.lifecycle(services.endDeviceLifecycle());
    }

    SepServices services() {
        return services;
    }

    EndDeviceService endDevices() {
        return endDevices;
    }

    /** @return the running notifier (null before start) */
    SepNotifier notifier() {
        return notifier;
    }

    /** Starts the Notification side (IEEE 2030.5-2018 §5.6): stored subscriptions resume. */
    @Override
    protected void doStart() throws Exception {
        notifier = SepNotifier.start(services, enrolledOnly(), config.tls(), config.delivery());
        functions.notifier(notifier);
        super.doStart();
    }

    /**
     * Issue #12 item 5: notifications render a resource only for an admitted device; for a revoked or pending one
     * the resource is "gone", so its subscription ends (status 4) instead of carrying controls.
     */
    private SepNotifier.Renderer enrolledOnly() {
        // a site an aggregator manages is admitted through the aggregator's certificate (CSIP AGG-*)
        return (device, path, limit) -> admitted(device.lfdi()) || endDevices.aggregatorOf(device)
                .filter(this::admitted).isPresent()
                // the operator's pollRates on the types that carry one; a shared rendering (control lists) has none
                ? functions.render(device, path, limit).map(r -> r.sharedKey() != null ? r
                        : SepNotifier.Rendered.of((org.openvtn.schemas.sep.Resource) services.rates()
                                .stamp(r.resource())))
                : Optional.empty();
    }

    private boolean admitted(String lfdi) {
        return participants.admit(ParticipantId.sep(lfdi), config.enrolment()) == Admission.ADMITTED;
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        functions.notifier(null);
        if (notifier != null) {
            notifier.close();
            notifier = null;
        }
    }

    private static Error errorBody(SepException e) {
        if (e.reasonCode() == null) {
            return null;
        }
        Error body = new Error();
        body.setReasonCode(e.reasonCode());
        return body;
    }

    private void touch(CertificateIdentity caller) {
        Instant now = config.clock().instant();
        Instant last = lastTouched.get(caller.lfdi());
        if (last != null && now.isBefore(last.plusSeconds(60)) && !now.isBefore(last)) {
            return;
        }
        lastTouched.put(caller.lfdi(), now);
        endDevices.seen(caller, now);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        try {
            Optional<CertificateIdentity> caller = identity(request);
            if (caller.isEmpty()) {
                throw new SepException(403, null, "no client certificate");
            }
            enrolled(caller.get(), method, path);
            touch(caller.get());
            SepReply reply = routes.dispatch(path, new Call(request, caller.get()));
            // the operator's per-resource pollRate/postRate (CSIP-AUS S-ALL-43, S-OPT-05)
            write(request, response, callback, reply.status(), services.rates().stamp(reply.body()), reply.location());
        } catch (SepException e) {
            LOG.debug("{} {} -> {} {}", method, LogSafe.text(path), e.status(), LogSafe.text(e.getMessage()));
            write(request, response, callback, e.status(), errorBody(e), null);
        } catch (org.openvtn.core.VtnException e) {
            // a core rule refused the request: the adapter answers with the 2030.5 status for it (issue #13)
            SepException mapped = SepException.from(e);
            LOG.warn("{} {} refused by the core: {} -> {}", method, LogSafe.text(path), e.errorCode(),
                    mapped.status());
            write(request, response, callback, mapped.status(), errorBody(mapped), null);
        } catch (SepRoutes.MethodNotAllowed e) {
            response.getHeaders().put(HttpHeader.ALLOW, e.allow);
            write(request, response, callback, 405, null, null);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            write(request, response, callback, 500, null, null);
        }
        return true;
    }

    /** What a disabled EndDevice may reach: DeviceCapability, Time, its EndDeviceList and EndDevice. */
    private static final java.util.regex.Pattern DISABLED_PATHS =
            java.util.regex.Pattern.compile("/dcap|/tm|/edev|/edev/\\d{1,18}");

    /** What a pending device may reach: its registration resources only (issue #12 item 5). */
    private static final java.util.regex.Pattern PENDING_PATHS =
            java.util.regex.Pattern.compile("/dcap|/tm|/edev|/edev/\\d{1,18}|/edev/\\d{1,18}/reg");

    /**
     * Issue #12 item 5: under the listener's enrolment policy a refused device (revoked, or not on the allowlist)
     * gets 403 for every resource; a pending one may create and read its EndDevice but nothing else (no programs,
     * controls, subscriptions, mirrors or responses) until the operator approves it.
     */
    private void enrolled(CertificateIdentity caller, String method, String path) {
        // EndDevice.enabled false: "the device is no longer registered" (IEEE 2030.5-2018): it may read what tells
        // it so (its EndDevice says enabled false) and nothing else (docs/ieee-2030.5.md "EndDevice lifecycle")
        if (!DISABLED_PATHS.matcher(path).matches() && endDevices.own(caller)
                .filter(d -> !services.endDeviceLifecycle().enabled(d)).isPresent()) {
            LOG.warn("2030.5 {} {} from LFDI {} refused (403): the operator disabled this EndDevice", method,
                    LogSafe.text(path), caller.lfdi());
            throw SepException.forbidden("EndDevice disabled");
        }
        Admission a = participants.admit(ParticipantId.sep(caller.lfdi()), config.enrolment());
        if (a == Admission.REFUSED) {
            LOG.warn("2030.5 {} {} from LFDI {} refused (403): the certificate is not enrolled (revoked, or not on "
                    + "the allowlist of this listener)", method, LogSafe.text(path), caller.lfdi());
            throw SepException.forbidden("not enrolled");
        }
        if (a == Admission.PENDING && !PENDING_PATHS.matcher(path).matches()) {
            LOG.warn("2030.5 {} {} from LFDI {} refused (403): enrolment pending operator approval", method,
                    LogSafe.text(path),
                    caller.lfdi());
            throw SepException.forbidden("enrolment pending");
        }
    }

    /** Key of the caller's identity in its TLS session. */
    private static final String IDENTITY_KEY = "org.openvtn.sep.identity";

    /**
     * The caller's LFDI/SFDI (§6.3.4) from its TLS session's client certificate. They are SHA-256 over that
     * certificate, which a session cannot change: computed once per TLS session (as the OpenADR handler does with its
     * fingerprint, issue #18), while admission and ownership are still checked on every request.
     */
    private static Optional<CertificateIdentity> identity(Request request) {
        Object ssl = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        if (!(ssl instanceof EndPoint.SslSessionData data) || data.sslSession() == null) {
            return Optional.empty();
        }
        javax.net.ssl.SSLSession session = data.sslSession();
        if (session.getValue(IDENTITY_KEY) instanceof CertificateIdentity known) {
            return Optional.of(known);
        }
        Optional<CertificateIdentity> id = PeerIdentities.of(session);
        id.ifPresent(x -> session.putValue(IDENTITY_KEY, x));
        return id;
    }

    private void write(Request request, Response response, Callback callback, int status, Object body,
                       String location) {
        byte[] bytes = null;
        if (body instanceof byte[] raw) {
            bytes = raw;
        } else if (body != null) {
            try {
                bytes = body instanceof ListBodies.Body page ? page.bytes() : codec.encode(body);
            } catch (XmlCodecException e) {
                LOG.error("response failed validation against sep.xsd: {}", e.getMessage());
                status = 500;
            }
        }
        response.setStatus(status);
        if (location != null) {
            response.getHeaders().put(HttpHeader.LOCATION, location);
        }
        if (bytes == null) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
            callback.succeeded();
            return;
        }
        if (WIRE.isDebugEnabled()) { // the body's String copy is built only for the wire log
            WIRE.debug("{} {} -> {} {}", request.getMethod(), Request.getPathInContext(request), status,
                    new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, SepCodec.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        if ("HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return;
        }
        response.write(true, java.nio.ByteBuffer.wrap(bytes), callback);
    }

    /**
     * Whether the document's root element is in the 2030.5 namespace. A root in another namespace (or none) is the
     * wrong document, not a 2030.5 resource with bad values: Error reasonCode 0 "Invalid request format"
     * (IEEE 2030.5-2018 Error resource; docs/ieee-2030.5.md "HTTP semantics"), not 1.
     */
    static boolean rootIsSep(byte[] doc) {
        javax.xml.stream.XMLStreamReader r = null;
        try {
            r = org.openvtn.schemas.SecureXmlInput.xmlInputFactory()
                    .createXMLStreamReader(new java.io.ByteArrayInputStream(doc));
            while (r.hasNext()) {
                if (r.next() == javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                    return SepCodec.NAMESPACE.equals(r.getNamespaceURI());
                }
            }
            return false;
        } catch (javax.xml.stream.XMLStreamException | RuntimeException e) {
            return false;
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (javax.xml.stream.XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }

    /** The request as {@link SepRoutes} sees it. */
    private final class Call implements SepRoutes.Call {
        private final Request request;
        private final CertificateIdentity caller;
        private Map<String, String> query;

        Call(Request request, CertificateIdentity caller) {
            this.request = request;
            this.caller = caller;
        }

        @Override
        public void matched(String template) {
            request.setAttribute(org.openvtn.listener.RequestMetrics.SERVICE, template);
        }

        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public CertificateIdentity caller() {
            return caller;
        }

        @Override
        public Map<String, String> query() {
            if (query == null) {
                query = new LinkedHashMap<>();
                Fields fields = Request.extractQueryParameters(request);
                for (Fields.Field f : fields) {
                    query.put(f.getName(), f.getValue());
                }
            }
            return query;
        }

        @Override
        public <T> T body(Class<T> type) {
            byte[] bytes = bytes();
            try {
                return codec.decode(bytes, type);
            } catch (XmlCodecException e) {
                int reason = e.kind() == XmlCodecException.Kind.SCHEMA_INVALID && rootIsSep(bytes)
                        ? SepException.INVALID_VALUES : SepException.INVALID_FORMAT;
                throw SepException.badRequest(reason, "invalid " + type.getSimpleName() + ": " + e.getMessage());
            }
        }

        @Override
        public byte[] bytes() {
            String ct = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if (ct != null && !ct.toLowerCase(java.util.Locale.ROOT).startsWith(SepCodec.CONTENT_TYPE)) {
                throw new SepException(415, null, "Content-Type " + ct);
            }
            byte[] bytes;
            try (InputStream in = Content.Source.asInputStream(request)) {
                bytes = in.readNBytes(maxBodyBytes + 1);
            } catch (IOException e) {
                throw SepException.badRequest(SepException.INVALID_FORMAT, "cannot read body: " + e.getMessage());
            }
            if (bytes.length > maxBodyBytes) {
                throw new SepException(413, null, "body larger than " + maxBodyBytes + " bytes");
            }
            if (WIRE.isDebugEnabled()) {
                WIRE.debug("{} {} <- {}", request.getMethod(), Request.getPathInContext(request),
                        new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
            return bytes;
        }
    }
}

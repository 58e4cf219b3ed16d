package org.openvtn.conformance.oadr20b.ven;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.TlsInfo;
import org.openvtn.conformance.http.ArrivalLog;
import org.openvtn.conformance.http.SuiteListener;
import org.openvtn.conformance.oadr20b.OadrRules;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The harness VTN of the VEN suites: one mutual-TLS listener (OpenADR 2.0b TLS profile, client certificate
 * required) serving {@code [/OpenADR2/Simple[/2.0b]]/{EiRegisterParty,OadrPoll,EiEvent,EiReport,EiOpt}}. Every
 * payload the VEN sends is validated against the published schemas and checked for schemaVersion (rule 509), the
 * service it was posted to and, once registered, the venID the harness allocated; it is kept with its answer and
 * TLS parameters as evidence of the case that is running. Answers follow 2.0b ({@link VtnAnswers}); what the VEN
 * gets on its next poll is the case's script ({@link #enqueue}).
 *
 * <p>Target keys: {@code baseUrl} is where the harness listens (the URL the VEN under test is configured with),
 * {@code certificate}/{@code key} the harness VTN's server identity, {@code ca} the CA the VEN's certificate chains
 * to; without them, {@code pki} (a directory from {@code openvtn pki init}) gives {@code vtn/vtn-ecc} and
 * {@code ca.crt}. Properties: {@code pollFreq} (oadrRequestedOadrPollFreq, default PT10S), {@code strictTls} (default true:
 * the listener offers only TLS 1.2 and the suites the 2.0b profile mandates, so a VEN that cannot speak them cannot
 * connect at all; false also offers TLS 1.3 and stronger suites).
 */
public final class VtnHarness implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VtnHarness.class);
    private static final int MAX_BODY = 1024 * 1024;
    static final String TARGET_TO_SUITE = "target->suite";
    /** Label suffix of the evidence of a VEN's synchronous answer to a push. */
    static final String PUSH_ANSWER = " (answer to a push)";
    /** Rule: a payload is posted to the service it belongs to (2.0b profile §8.x). */
    static final String SERVICE_PATH_RULE = "oadr.service.path";
    /** Rule: once registered, the VEN uses the venID the VTN allocated (N1_0025). */
    static final String VEN_ID_RULE = "oadr.venID.allocated";
    private static final Set<String> SERVICES = Set.of("EiRegisterParty", "OadrPoll", "EiEvent", "EiReport", "EiOpt");

    /**
     * One payload the VEN sent.
     *
     * @param seq      arrival number from 0
     * @param service  last path segment
     * @param name     the message's element name, e.g. {@code oadrPoll} (empty if unparsable)
     * @param message  the message element, or null
     * @param exchange evidence (request, answer, TLS)
     */
    public record Msg(int seq, String service, String name, org.w3c.dom.Element message, Exchange exchange) {
        String text(String... steps) {
            return message == null ? null : Dom.text(message, steps);
        }
    }

    private final TargetConfig target;
    private final OadrCodec codec;
    private final OadrRules rules;
    private final SuiteListener.Started listener;
    private final TlsConfig tls;
    private final java.nio.file.Path chain;
    private final java.nio.file.Path key;
    private final java.nio.file.Path vensCa;
    private final int port;
    private org.eclipse.jetty.server.ServerConnector serving;
    private final String prefix;
    final VtnAnswers state;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrivalLog<Msg> received = new ArrivalLog<>();
    private final Deque<String> queue = new ArrayDeque<>();
    private volatile CaseContext current;
    private final boolean strictTls;

    private VtnHarness(TargetConfig target) {
        this.target = target;
        this.codec = OadrCodec.create(new PublishedSchemas());
        this.rules = new OadrRules(codec, Duration.ofSeconds(30));
        this.state = new VtnAnswers(Duration.parse(target.property("pollFreq", "PT10S")));
        URI base = URI.create(target.baseUrl());
        this.prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        java.nio.file.Path pki = target.pkiDir();
        this.chain = target.certificate() != null || pki == null ? target.certificate()
                : pki.resolve("vtn/vtn-ecc-chain.crt");
        this.key = target.privateKey() != null || pki == null ? target.privateKey() : pki.resolve("vtn/vtn-ecc.key");
        this.vensCa = target.caCertificate() != null || pki == null ? target.caCertificate() : pki.resolve("ca.crt");
        if (chain == null || key == null || vensCa == null) {
            throw new IllegalArgumentException("the harness VTN needs certificate and key (its server identity) and ca"
                    + " (the CA of the VEN's certificate) in the target file, or pki: a directory from `openvtn pki"
                    + " init` (its vtn/vtn-ecc identity and ca.crt)");
        }
        this.strictTls = !"false".equalsIgnoreCase(target.property("strictTls", "true").trim());
        this.tls = TlsConfig.builder().profile(TlsProfile.OPENADR_20B).strict(strictTls).pem(chain, key)
                .trustAnchorFile(vensCa).build();
        this.listener = SuiteListener.start(tls, base.getHost(), base.getPort() < 0 ? 443 : base.getPort(),
                new Receiver(), "harness VTN");
        this.serving = listener.connector();
        this.port = serving.getLocalPort();
        LOG.info("harness VTN listening on {}", url());
    }

    /** The run's harness (started on first use), bound to {@code ctx}: what arrives now is that case's evidence. */
    public static VtnHarness of(CaseContext ctx) {
        VtnHarness h = ctx.shared(VtnHarness.class, () -> new VtnHarness(ctx.target()));
        h.current = ctx;
        return h;
    }

    /** {@code https://host:port[/path]} as bound. */
    public String url() {
        URI base = URI.create(target.baseUrl());
        return "https://" + base.getHost() + ":" + port + prefix;
    }

    /**
     * Serves on the same port with another server identity (G1_4015: a VTN certificate the VEN must refuse) until
     * {@link #restoreIdentity()}; {@code handshakeFailed} runs for each TLS handshake that fails meanwhile.
     */
    synchronized void serveIdentity(org.openvtn.certs.pki.Credential identity, Runnable handshakeFailed)
            throws Exception {
        TlsConfig other = TlsConfig.builder().profile(TlsProfile.OPENADR_20B).strict(strictTls).credentials(identity)
                .trustAnchorFile(vensCa).build();
        swap(other, handshakeFailed);
    }

    /** Serves the harness VTN's own identity again. */
    synchronized void restoreIdentity() throws Exception {
        swap(tls, null);
    }

    private void swap(TlsConfig with, Runnable handshakeFailed) throws Exception {
        var server = listener.server();
        serving.stop();
        serving.close();
        server.removeConnector(serving);
        var c = SuiteListener.connector(server, with, URI.create(target.baseUrl()).getHost(), port);
        if (handshakeFailed != null) {
            c.addBean(new org.eclipse.jetty.io.ssl.SslHandshakeListener() {
                @Override
                public void handshakeFailed(Event event, Throwable failure) {
                    handshakeFailed.run();
                }
            });
        }
        server.addConnector(c);
        // the stopped connector's listening channel is closed by its selector, possibly a moment later: retry the
        // bind for a bounded time instead of failing the case on "Address already in use"
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                c.start();
                break;
            } catch (java.io.IOException e) {
                c.stop();
                if (System.nanoTime() > deadline || !(e.getCause() instanceof java.net.BindException)) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
        serving = c;
    }

    /** The harness VTN's TLS client configuration for pushes: its identity, trusting the VEN's CA. */
    TlsConfig.Builder clientTls() {
        return TlsConfig.builder().profile(TlsProfile.OPENADR_20B).strict(strictTls).pem(chain, key)
                .trustAnchorFile(vensCa);
    }

    /** The CA the VEN's certificate chains to. */
    java.nio.file.Path vensCa() {
        return vensCa;
    }

    boolean strictTls() {
        return strictTls;
    }

    OadrCodec codec() {
        return codec;
    }

    /** Queues a payload for the VEN's next poll (built by {@link VtnMessages}; validated first). */
    void enqueue(String payload) {
        List<RuleViolation> v = rules.checkSent(payload.getBytes(StandardCharsets.UTF_8));
        if (!v.isEmpty()) {
            throw new IllegalStateException("harness bug: the payload it would queue is invalid: " + v);
        }
        lock.lock();
        try {
            queue.add(payload);
        } finally {
            lock.unlock();
        }
    }

    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    void clearQueue() {
        lock.lock();
        try {
            queue.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Number of payloads received so far (a case awaits only later ones). */
    public int count() {
        return received.count();
    }

    /** Everything received so far, in arrival order. */
    public List<Msg> received() {
        return received.all();
    }

    /** Waits until a payload from number {@code from} on matches, at most {@code timeout}. */
    public Optional<Msg> await(int from, Predicate<Msg> match, Duration timeout) throws InterruptedException {
        return received.await(from, match, timeout);
    }

    @Override
    public void close() {
        try {
            listener.server().stop();
        } catch (Exception e) {
            LOG.warn("stopping the harness VTN failed: {}", e.toString());
        }
    }

    private String nextQueued() {
        lock.lock();
        try {
            return queue.poll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the VEN's synchronous answer to a push (push exchange model) like a payload it posted: checked, kept as
     * evidence of the current case, applied to the VTN's state; nothing is answered.
     */
    void acceptPushAnswer(String service, String body, TlsInfo tls, Instant at) {
        add(handle(prefix + "/OpenADR2/Simple/2.0b/" + service, body, tls, at, true));
    }

    private Msg handle(String path, String body, TlsInfo tls, Instant at) {
        return handle(path, body, tls, at, false);
    }

    private Msg handle(String path, String body, TlsInfo tls, Instant at, boolean pushAnswer) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<RuleViolation> v = new ArrayList<>(rules.checkSent(bytes));
        org.w3c.dom.Element m = Dom.message(bytes);
        String name = m == null ? "" : m.getLocalName();
        String service = path.substring(path.lastIndexOf('/') + 1);
        String expected = VtnAnswers.serviceOf(name);
        String dir = path.substring(0, path.lastIndexOf('/'));
        if (!SERVICES.contains(service) || !(dir.equals(prefix) || dir.equals(prefix + "/OpenADR2/Simple")
                || dir.equals(prefix + "/OpenADR2/Simple/2.0b"))) {
            v.add(RuleViolation.must(SERVICE_PATH_RULE, path, "not a 2.0b service path"));
        } else if (expected != null && !expected.equals(service)) {
            v.add(RuleViolation.must(SERVICE_PATH_RULE, path, name + " belongs to " + expected + ", was posted to "
                    + service));
        }
        String answer;
        synchronized (state) {
            String venId = m == null ? null : Dom.text(m, "venID");
            if (state.registrationId() != null && venId != null && !venId.equals(state.venId())
                    && !name.equals("oadrCreatePartyRegistration")) {
                v.add(RuleViolation.must(VEN_ID_RULE, "/" + name + "/venID", "venID " + venId
                        + ", the VTN allocated " + state.venId()));
            }
            answer = m == null ? VtnMessages.response(454, "", state.venId())
                    : name.equals("oadrPoll") ? pollAnswer() : state.answer(name, m);
            if (pushAnswer) {
                answer = "";
            }
        }
        if (!v.isEmpty()) {
            LOG.warn("VEN payload {} at {} breaks {} rule(s), first: {}", Dom.safe(name), Dom.safe(path), v.size(),
                    Dom.safe(v.get(0).toString()));
        }
        Exchange ex = new Exchange((name.isEmpty() ? "unparsable payload" : name) + (pushAnswer ? PUSH_ANSWER : ""), TARGET_TO_SUITE, "POST",
                url() + path.substring(prefix.length()), at, body, Instant.now(), 200, answer, tls, null);
        CaseContext ctx = current;
        if (ctx != null) {
            ctx.record(ex);
            ctx.violations(v);
        }
        return new Msg(0, service, name, m, ex);
    }

    private String pollAnswer() {
        String q = nextQueued();
        return q != null ? q : VtnMessages.response(200, "", state.venId());
    }

    private void add(Msg msg) {
        received.add(n -> new Msg(n, msg.service(), msg.name(), msg.message(), msg.exchange()));
    }

    private final class Receiver extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Instant at = Instant.now();
            String path = Request.getPathInContext(request);
            TlsInfo tls = SuiteListener.tls(request);
            byte[] out = new byte[0];
            int status = 200;
            if (!"POST".equals(request.getMethod())) {
                status = 405;
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
            } else {
                SuiteListener.Body read = SuiteListener.readBody(request, MAX_BODY);
                status = read.status();
                if (status == 200) {
                    Msg msg = VtnHarness.this.handle(path, read.text(), tls, at);
                    add(msg);
                    out = msg.exchange().responseBody().getBytes(StandardCharsets.UTF_8);
                }
            }
            response.setStatus(status);
            if (out.length > 0) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, OadrCodec.CONTENT_TYPE);
            }
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, out.length);
            response.write(true, java.nio.ByteBuffer.wrap(out), callback);
            return true;
        }
    }

    /** Read access for cases: the answers' state (registration, events, report METADATA, piggy-backed requests). */
    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("url", url());
        d.put("venId", state.venId());
        d.put("registrationId", state.registrationId());
        return d;
    }
}

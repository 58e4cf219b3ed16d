package org.openvtn.conformance.sep.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.TlsInfo;
import org.openvtn.conformance.http.ArrivalLog;
import org.openvtn.conformance.http.SuiteListener;
import org.openvtn.conformance.sep.SepRules;
import org.openvtn.conformance.sep.SepXml;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * The harness of {@code sep-client}: an IEEE 2030.5 server under the suite's control. One mutual-TLS listener with
 * the 2030.5 profile (TLS 1.2, TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, client certificate required; IEEE 2030.5-2018
 * §6.11, CSIP §5.2.1) serving the current {@link Scenario} under its own hrefs, lists paged by {@code s}/{@code l}
 * and capped at the {@code pageLimit} property (default 1, so the device must page). Every request the device makes
 * is evidence of the running case; every document it sends is validated against sep.xsd (CSIP-AUS 1.3 when that
 * namespace is used), a violation is recorded as rule {@code xsd}; a GET of a path no document the harness
 * served ever linked breaks {@code sep.client.links-only}. When the scenario offers subscriptions it holds the
 * device's Subscriptions (§5.6.1) and {@link #notifyChanged} POSTs Notifications (§5.6.2) to their notificationURIs
 * over mutual TLS with its own server certificate; CSIP-AUS 1.3 modes are added by {@link CsipAusModes}. The documents
 * served come from {@link ScenarioResources}; this class keeps the write side and the evidence.
 *
 * <p>Target keys: {@code baseUrl} is where the harness listens and the DeviceCapability URL the device is
 * configured with (path empty: {@code /sut/cap}); {@code certificate}/{@code key} the harness's server identity
 * (chaining to the SERCA the device trusts), {@code ca} the SERCA the device's certificate chains to. Property
 * {@code harnessUrlFile}: write the bound DeviceCapability URL there (useful with port 0); {@code sercaKey} (or
 * {@code pki/ca/sep-serca.key}): the SERCA's key, to issue the server chains of COMM-004 ({@link ServedIdentity}).
 */
public final class SepDeviceHarness implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SepDeviceHarness.class);
    private static final int MAX_BODY = 256 * 1024;
    static final String TARGET_TO_SUITE = "target->suite";
    /** Rule: the device reaches resources by following links only (IEEE 2030.5-2018 §5.5; CSIP §5.2.1). */
    static final String LINKS_ONLY = "sep.client.links-only";
    /** Rule: a document the device sends has Content-Type application/sep+xml (§5.4.1). */
    static final String CONTENT_TYPE = "sep.client.contentType";
    /** Rule: the LFDI of a posted EndDevice is the one of the device's TLS certificate (§6.3.4). */
    static final String LFDI_RULE = "sep.client.lfdi";

    /**
     * One request the device made.
     *
     * @param seq      arrival number
     * @param method   HTTP method
     * @param path     path without query
     * @param query    query parameters
     * @param body     request body
     * @param root     parsed request document (null when none or not well-formed)
     * @param at       when it arrived
     * @param exchange evidence
     */
    public record Req(int seq, String method, String path, Map<String, String> query, String body, Element root,
                      Instant at, Exchange exchange) {
        /** Text of a child of the posted document, e.g. {@code text("status")}. */
        public Optional<String> text(String... steps) {
            return root == null ? Optional.empty() : SepXml.text(root, steps);
        }
    }

    private final SepRules rules;
    private final SuiteListener.Started listener;
    private final String host;
    private final String dcap;
    private final long pageLimit;
    private final long defaultPollRate;
    private final ArrivalLog<Req> log = new ArrivalLog<>();
    private final Clock clock = Clock.systemUTC();
    private final Object lock = new Object();
    private final org.openvtn.conformance.http.HttpsProbe notifier;
    private final ServedIdentity identity;
    private final ScenarioResources resources;
    private Scenario scenario;
    private volatile CaseContext current;
    private int responses;
    /** MirrorUsagePoints the device POSTed (href -> the body it posted), kept across cases like the registration. */
    private final Map<String, Element> mirrors = new LinkedHashMap<>();
    /** Every href the harness has served: a later 404 there is a link of an earlier scenario, not a built path. */
    private final java.util.Set<String> linked = new java.util.HashSet<>();
    private static final java.util.regex.Pattern HREF = java.util.regex.Pattern.compile("\\b(?:href|replyTo)=\"([^\"]+)\"");

    private SepDeviceHarness(TargetConfig target) {
        this.rules = new SepRules(new PublishedSchemas(), clock, Duration.ofSeconds(30), null);
        URI base = URI.create(target.baseUrl());
        this.host = base.getHost();
        String p = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        this.dcap = p.isEmpty() ? Scenario.DCAP : p;
        this.pageLimit = Long.parseLong(target.property("pageLimit", "1").trim());
        this.defaultPollRate = Long.parseLong(target.property("pollRate", "5").trim());
        java.nio.file.Path pki = target.pkiDir();
        var chain = target.certificate() != null || pki == null ? target.certificate() : pki.resolve("vtn/sep-server-chain.crt");
        var key = target.privateKey() != null || pki == null ? target.privateKey() : pki.resolve("vtn/sep-server.key");
        var ca = target.caCertificate() != null || pki == null ? target.caCertificate() : pki.resolve("serca.crt");
        if (chain == null || key == null || ca == null) {
            throw new IllegalArgumentException("the harness 2030.5 server needs certificate and key (its server"
                    + " identity) and ca (the SERCA of the device's certificate) in the target file, or pki");
        }
        TlsConfig tls = TlsConfig.builder().profile(TlsProfile.IEEE_2030_5).pem(chain, key).trustAnchorFile(ca).build();
        // Notifications (§5.6.2) leave with the same server certificate; the device's listener is identified by its
        // SERCA chain, not a host name (CSIP §5.2.1)
        this.notifier = org.openvtn.conformance.http.HttpsProbe.create(org.openvtn.certs.tls.TlsFactory.of(
                TlsConfig.builder().profile(TlsProfile.IEEE_2030_5).pem(chain, key).trustAnchorFile(ca)
                        .hostnameVerification(false).build()).clientSslContext(), null, Duration.ofSeconds(10));
        this.resources = new ScenarioResources(clock, rules, mirrors);
        this.scenario = new Scenario(dcap);
        this.scenario.pollRate = defaultPollRate;
        this.listener = SuiteListener.start(tls, host, base.getPort() < 0 ? 443 : base.getPort(), new Receiver(),
                "harness 2030.5 server");
        this.identity = new ServedIdentity(listener.connector(), tls, target, chain, ca);
        LOG.info("harness 2030.5 server listening on {}", dcapUrl());
        String urlFile = target.property("harnessUrlFile", "").trim();
        if (!urlFile.isEmpty()) {
            writeUrl(java.nio.file.Path.of(urlFile));
        }
    }

    /** Writes the bound DeviceCapability URL (for {@code baseUrl} port 0: a script starts the device from it). */
    private void writeUrl(java.nio.file.Path file) {
        try {
            java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            java.nio.file.Files.writeString(tmp, dcapUrl() + "\n");
            java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            close();
            throw new IllegalArgumentException("harnessUrlFile " + file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Starts a harness (bind port 0 in {@code baseUrl} for any); cases take the run's one through {@link #of}. */
    public static SepDeviceHarness start(TargetConfig target) {
        return new SepDeviceHarness(target);
    }

    /** The run's harness (started on first use), bound to {@code ctx}: what arrives now is that case's evidence. */
    static SepDeviceHarness of(CaseContext ctx, SepDeviceHarness preset) {
        SepDeviceHarness h = ctx.shared(SepDeviceHarness.class,
                () -> preset != null ? preset : new SepDeviceHarness(ctx.target()));
        h.current = ctx;
        return h;
    }

    /** The server identity the listener presents (CSIP COMM-004 swaps it for a case). */
    ServedIdentity identity() {
        return identity;
    }

    /** The DeviceCapability URL to configure the device with. */
    public String dcapUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "https://" + h + ":" + listener.connector().getLocalPort() + dcap;
    }

    /** The LFDI of the registered EndDevice (upper-case hex), or null before registration. */
    String lfdi() {
        synchronized (lock) {
            return scenario.lfdi;
        }
    }

    /** The DeviceCapability path. */
    String dcapPath() {
        return dcap;
    }

    /** The harness's time now (its clock plus the scenario's offset), epoch seconds. */
    long now() {
        synchronized (lock) {
            return clock.instant().getEpochSecond() + scenario.timeOffset;
        }
    }

    /** Changes the scenario under the lock (the next request sees the whole change). */
    void edit(Consumer<Scenario> change) {
        synchronized (lock) {
            change.accept(scenario);
        }
    }

    /** A fresh scenario keeping the registration (identity, registered flag) of the previous one. */
    void reset(long pin) {
        synchronized (lock) {
            Scenario old = scenario;
            scenario = new Scenario(dcap);
            scenario.pollRate = defaultPollRate;
            scenario.registered = old.registered;
            scenario.lfdi = old.lfdi;
            scenario.sfdi = old.sfdi;
            scenario.changedTime = old.changedTime;
            scenario.servedPin = pin;
            scenario.subs = old.subs;
        }
    }

    /** True when {@code path} is a MirrorUsagePoint the device POSTed (the Location it was given). */
    boolean isMirror(String path) {
        synchronized (lock) {
            return mirrors.containsKey(path);
        }
    }

    /** The run's pollRate (target property {@code pollRate}). */
    long defaultPollRate() {
        return defaultPollRate;
    }

    long pollRate() {
        synchronized (lock) {
            return scenario.pollRate;
        }
    }

    /** Number of requests so far (a case awaits only later ones). */
    int count() {
        return log.count();
    }

    List<Req> requests(int from) {
        List<Req> all = log.all();
        return all.subList(Math.min(from, all.size()), all.size());
    }

    Optional<Req> await(int from, Predicate<Req> match, Duration timeout) throws InterruptedException {
        return log.await(from, match, timeout);
    }

    /** The Subscriptions the device holds now. */
    List<Scenario.Sub> subscriptions() {
        synchronized (lock) {
            return List.copyOf(scenario.subs);
        }
    }

    /**
     * Sends a Notification (§5.6.2, status 0, the resource's current form) for {@code resource} to every
     * Subscription to it, over mutual TLS with the harness's server certificate (2030.5 profile); each POST is
     * evidence of the running case.
     *
     * @return the HTTP status each notificationURI answered (0: no answer)
     */
    List<Integer> notifyChanged(String resource) {
        List<Scenario.Sub> to;
        Map<Scenario.Sub, String> bodies = new LinkedHashMap<>();
        synchronized (lock) {
            to = scenario.subs.stream().filter(x -> x.resource().equals(resource)).toList();
            Object now = resources.get(scenario, resource, 0, pageLimit);
            for (Scenario.Sub x : to) {
                bodies.put(x, resources.encode(scenario,
                        HarnessDocs.notification(x, (org.openvtn.schemas.sep.Resource) now)));
            }
        }
        List<Integer> out = new ArrayList<>();
        for (var e : bodies.entrySet()) {
            var r = notifier.exchange("Notification " + resource, "POST", URI.create(e.getKey().notificationUri()),
                    Map.of(), SepCodec.CONTENT_TYPE, e.getValue());
            CaseContext ctx = current;
            if (ctx != null) {
                ctx.record(r.exchange());
            }
            out.add(r.status());
        }
        return out;
    }

    @Override
    public void close() {
        notifier.close();
        try {
            listener.server().stop();
        } catch (Exception e) {
            LOG.warn("stopping the harness 2030.5 server failed: {}", e.toString());
        }
    }

    private record Answer(int status, String body, String location) {
    }

    private Answer answer(String method, String path, Map<String, String> q, Element root, X509Certificate peer,
                          List<RuleViolation> violations) {
        long s = num(q.get("s"), 0);
        long l = Math.min(pageLimit, num(q.get("l"), 1));
        synchronized (lock) {
            Scenario sc = scenario;
            if (sc.unavailable) {
                return new Answer(503, "", null);
            }
            if ("GET".equals(method) && sc.unimplementedDr && path.equals(Scenario.DRP_LIST)) {
                return new Answer(501, "", null);
            }
            if ("GET".equals(method)) {
                Object doc = resources.get(sc, path, s, l);
                if (doc == null && !linked.contains(path) && !path.equals(dcap)) {
                    violations.add(RuleViolation.must(LINKS_ONLY, path, "GET of " + path
                            + ", a resource the harness never linked (follow links only: IEEE 2030.5-2018 §5.5)"));
                }
                if (doc == null) {
                    // a link of an earlier scenario (a walk that started before the case changed it): gone, no breach
                    return new Answer(404, "", null);
                }
                String xml = resources.encode(sc, doc);
                java.util.regex.Matcher m = HREF.matcher(xml);
                while (m.find()) {
                    linked.add(m.group(1));
                }
                return new Answer(200, xml, null);
            }
            if ("POST".equals(method) && path.equals(Scenario.EDEV)) {
                String lfdi = root == null ? null : SepXml.text(root, "lFDI").orElse(null);
                if (lfdi == null) {
                    return new Answer(400, "", null);
                }
                if (peer != null && !SepIdentity.lfdi(peer).equalsIgnoreCase(lfdi)) {
                    violations.add(RuleViolation.must(LFDI_RULE, "/EndDevice/lFDI", "posted LFDI " + lfdi
                            + " is not the LFDI of the device's certificate " + SepIdentity.lfdi(peer)));
                }
                sc.registered = true;
                sc.lfdi = lfdi.toUpperCase(java.util.Locale.ROOT);
                sc.sfdi = SepXml.number(root, "sFDI").orElse(0L);
                sc.changedTime = now();
                return new Answer(201, "", Scenario.EDEV_ITEM);
            }
            if ("POST".equals(method) && path.equals(Scenario.RSP)) {
                return new Answer(201, "", Scenario.RSP + "/" + (++responses));
            }
            if ("POST".equals(method) && path.equals(Scenario.MUP) && root != null
                    && "MirrorUsagePoint".equals(root.getLocalName())) {
                String at = Scenario.MUP + "/" + (++responses);
                mirrors.put(at, root);
                linked.add(at);
                return new Answer(201, "", at);
            }
            if ("POST".equals(method) && (path.equals(Scenario.LEL) || path.startsWith(Scenario.MUP))) {
                return new Answer(201, "", path + "/" + (++responses));
            }
            if ("POST".equals(method) && path.equals(Scenario.SUBS) && sc.subscriptions && root != null) {
                String res = SepXml.text(root, "subscribedResource").orElse("");
                String uri = SepXml.text(root, "notificationURI").orElse("");
                if (res.isEmpty() || uri.isEmpty()) {
                    return new Answer(400, "", null);
                }
                // §5.6.1: the same resource and notificationURI is one subscription
                Scenario.Sub held = sc.subs.stream().filter(x -> x.resource().equals(res)
                        && x.notificationUri().equals(uri)).findFirst().orElse(null);
                if (held == null) {
                    held = new Scenario.Sub(Scenario.SUBS + "/" + (++responses), res, uri);
                    sc.subs.add(held);
                }
                linked.add(held.href());
                return new Answer(201, "", held.href());
            }
            if ("DELETE".equals(method) && path.startsWith(Scenario.SUBS + "/")) {
                sc.subs.removeIf(x -> x.href().equals(path));
                return new Answer(204, "", null);
            }
            if ("PUT".equals(method) && path.startsWith(Scenario.EDEV_ITEM + "/")) {
                return new Answer(204, "", null);
            }
            return new Answer("GET".equals(method) || "POST".equals(method) || "PUT".equals(method)
                    || "DELETE".equals(method) ? 404 : 405, "",
                    null);
        }
    }

    private static long num(String v, long fallback) {
        return v != null && v.matches("[0-9]{1,18}") ? Long.parseLong(v) : fallback;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String kv : raw.split("&")) {
            int i = kv.indexOf('=');
            out.put(i < 0 ? kv : kv.substring(0, i), i < 0 ? "" : kv.substring(i + 1));
        }
        return out;
    }

    private final class Receiver extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Instant at = clock.instant();
            String method = request.getMethod();
            String path = Request.getPathInContext(request);
            Map<String, String> q = query(request.getHttpURI().getQuery());
            TlsInfo tls = SuiteListener.tls(request);
            X509Certificate peer = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData d
                    && d.peerCertificates() != null && d.peerCertificates().length > 0 ? d.peerCertificates()[0] : null;
            String body = "";
            List<RuleViolation> violations = new ArrayList<>();
            Element root = null;
            if ("POST".equals(method) || "PUT".equals(method)) {
                body = SuiteListener.readBody(request, MAX_BODY).text();
                String ct = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
                if (ct == null || !ct.startsWith(SepCodec.CONTENT_TYPE)) {
                    violations.add(RuleViolation.should(CONTENT_TYPE, path, "Content-Type " + ct
                            + " (IEEE 2030.5-2018 §5.4.1: application/sep+xml)"));
                }
                violations.addAll(rules.xsd(body));
                try {
                    root = SepXml.parse(body).getDocumentElement();
                } catch (IllegalArgumentException notXml) {
                    root = null;
                }
            }
            Answer a = answer(method, path, q, root, peer, violations);
            String url = dcapUrl().replace(dcap, "") + path + (q.isEmpty() ? "" : "?" + request.getHttpURI().getQuery());
            Exchange ex = new Exchange(method + " " + path, TARGET_TO_SUITE, method, url, at, body, clock.instant(),
                    a.status(), a.body(), tls, null);
            final Element parsed = root;
            final String text = body;
            log.add(n -> new Req(n, method, path, q, text, parsed, at, ex));
            CaseContext ctx = current;
            if (ctx != null) {
                ctx.record(ex);
                if (!violations.isEmpty()) {
                    ctx.violations(violations);
                }
            }
            response.setStatus(a.status());
            if (a.location() != null) {
                response.getHeaders().put(HttpHeader.LOCATION, a.location());
            }
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            if (out.length > 0) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, SepCodec.CONTENT_TYPE);
            }
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, (long) out.length);
            response.write(true, java.nio.ByteBuffer.wrap(out), callback);
            return true;
        }
    }

    /** The LFDI in a Response or EndDevice as upper-case hex. */
    static String hex(String s) {
        return s == null ? "" : s.toUpperCase(java.util.Locale.ROOT);
    }

    static String hex(byte[] b) {
        return HexFormat.of().withUpperCase().formatHex(b);
    }
}

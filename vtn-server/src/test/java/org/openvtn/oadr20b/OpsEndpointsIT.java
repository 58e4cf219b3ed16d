package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.admin.AdminConfig;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.core.ErrorCode;
import org.openvtn.listener.HandshakeFailures;
import org.openvtn.oadr20b.service.OadrResponseCodes;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;

/**
 * Issue #19 "Operations": {@code GET /metrics} (Prometheus text format) and {@code /health/live|ready} on the admin
 * listener of a real VTN (OpenADR 2.0b and IEEE 2030.5 listeners over mutual TLS, in-memory Derby). The request
 * meters move with the right protocol, service and result-code tags after real OpenADR polls (2.0b profile §8.7
 * OadrPoll) and 2030.5 GETs (IEEE 2030.5-2018 §6.1 DeviceCapability); a client without a certificate is counted as a
 * TLS handshake failure with reason {@code no_client_cert}; the scrape needs the admin token unless configured
 * otherwise; readiness turns 503 when the database is closed. docs/metrics.md lists the meters.
 */
class OpsEndpointsIT {
    private static final String TOKEN = "ops-token-0123456789abcdef";
    private static final TestPki PKI = TestPki.shared();
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");
    private static OadrHarness vtn;
    private static String admin;

    @BeforeAll
    static void start() {
        vtn = OadrHarness.inMemory(b -> b.admin(AdminConfig.builder().port(0).token(TOKEN).build())
                .sep(SepConfig.builder().tls(PKI.sepServerConfig().build())
                        .codec(SepCodec.create(new PublishedSchemas())).host("127.0.0.1").port(0).build()));
        admin = "http://127.0.0.1:" + vtn.server.adminPort().orElseThrow();
    }

    @AfterAll
    static void stop() {
        vtn.close();
    }

    /**
     * Real OadrPoll and EiRegisterParty exchanges (OpenADR 2.0b profile §8.7, §8.1), a message posted to the wrong
     * service (answered with the 2.0b code for "not recognized"), and 2030.5 GETs of /dcap and /edev (IEEE
     * 2030.5-2018 §6.1, §5.4.3) move the request counters and histogram buckets of exactly their tags; no series
     * carries a VEN's identity.
     */
    @Test
    void requestMetersMoveWithProtocolServiceAndCode() throws Exception {
        Map<String, Double> before = scrape();
        ScriptedVen ven = vtn.newVen();
        ven.register();
        ven.poll();
        ven.poll();
        ScriptedVen.Reply wrong = ven.post("EiEvent", OadrHarness.codec().encodePayload(ven.pollMessage()));
        assertEquals(200, wrong.status());
        int notRecognized = OadrResponseCodes.of(ErrorCode.NOT_RECOGNIZED);
        try (Device device = new Device(vtn.server.sep().orElseThrow().port())) {
            assertEquals(200, device.get("/dcap"));
            assertEquals(200, device.get("/edev"));
            assertEquals(200, device.get("/dcap"));
        }
        Map<String, Double> after = scrape();

        String poll = "openvtn_requests_seconds_count{code=\"200\",protocol=\"oadr20b\",service=\"OadrPoll\"}";
        assertEquals(2.0, delta(before, after, poll), poll);
        assertEquals(1.0, delta(before, after, "openvtn_requests_seconds_count{code=\"200\",protocol=\"oadr20b\","
                + "service=\"EiRegisterParty\"}"));
        assertEquals(1.0, delta(before, after, "openvtn_requests_seconds_count{code=\"" + notRecognized
                + "\",protocol=\"oadr20b\",service=\"EiEvent\"}"));
        String dcap = "openvtn_requests_seconds_count{code=\"200\",protocol=\"ieee2030.5\",service=\"/dcap\"}";
        assertEquals(2.0, delta(before, after, dcap), dcap);
        assertEquals(1.0, delta(before, after, "openvtn_requests_seconds_count{code=\"200\",protocol=\"ieee2030.5\","
                + "service=\"/edev\"}"));
        // histogram: the +Inf bucket counts every request, the finite buckets are cumulative and never exceed it
        String inf = "openvtn_requests_seconds_bucket{code=\"200\",protocol=\"oadr20b\",service=\"OadrPoll\","
                + "le=\"+Inf\"}";
        assertEquals(2.0, delta(before, after, inf), inf);
        String thirtySeconds = "openvtn_requests_seconds_bucket{code=\"200\",protocol=\"oadr20b\",service=\"OadrPoll\","
                + "le=\"30.0\"}";
        assertEquals(2.0, delta(before, after, thirtySeconds), thirtySeconds);
        long finiteBuckets = after.keySet().stream().filter(k -> k.startsWith("openvtn_requests_seconds_bucket{")
                && k.contains("service=\"OadrPoll\"") && !k.contains("+Inf")).count();
        assertTrue(finiteBuckets > 10, "a percentiles histogram has many buckets, found " + finiteBuckets);
        assertTrue(after.get("openvtn_requests_seconds_sum{code=\"200\",protocol=\"oadr20b\",service=\"OadrPoll\"}")
                > 0.0);
        // bounded cardinality: no series names the VEN
        String text = scrapeText(TOKEN).body();
        assertFalse(text.contains(ven.fingerprint()), "a series carries the VEN's fingerprint");
        assertFalse(text.contains(ven.venId), "a series carries the venID");
        // the other meters of docs/metrics.md are there
        for (String name : new String[] {"openvtn_oadr_poll_queue_depth", "openvtn_oadr_push_outbox_depth",
                "openvtn_sep_notification_outbox_depth", "openvtn_sep_notifications_total{outcome=\"delivered\"}",
                "openvtn_oadr_polls_total", "jvm_memory_used_bytes{area=\"heap\"", "jvm_gc_", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "process_cpu_usage", "openvtn_tls_handshake_failures_total{listener="}) {
            assertTrue(text.contains(name), name + " missing from the scrape");
        }
        assertTrue(delta(before, after, "openvtn_oadr_polls_total") >= 2.0);
    }

    /**
     * A TLS client that presents no certificate (OpenADR 2.0b profile §10.1: mutual TLS is mandatory) fails the
     * handshake and is counted with reason {@code no_client_cert} on the listener it tried.
     */
    @Test
    void aClientWithoutCertificateIsCountedByReason() throws Exception {
        Counter counter = vtn.server.meterRegistry().get(HandshakeFailures.METER)
                .tags("listener", "openadr", "reason", "no_client_cert").counter();
        double before = counter.count();
        refusedHandshake(null);
        awaitCount(counter, before + 1);
        assertTrue(scrapeText(TOKEN).body().contains(
                "openvtn_tls_handshake_failures_total{listener=\"openadr\",reason=\"no_client_cert\"}"));
    }

    /**
     * A raw TLS client presenting {@code credential} (none when null) whatever CAs the server asks for, as a
     * misconfigured device would; the server must refuse the connection.
     */
    private static void refusedHandshake(Credential credential) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        KeyManager[] keys = null;
        if (credential != null) {
            String alias = "client";
            keys = new KeyManager[] {new X509ExtendedKeyManager() {
                @Override public String[] getClientAliases(String type, Principal[] issuers) { return new String[] {alias}; }
                @Override public String chooseClientAlias(String[] type, Principal[] issuers, Socket socket) { return alias; }
                @Override public String[] getServerAliases(String type, Principal[] issuers) { return null; }
                @Override public String chooseServerAlias(String type, Principal[] issuers, Socket socket) { return null; }
                @Override public X509Certificate[] getCertificateChain(String a) {
                    return credential.chain().toArray(new X509Certificate[0]); }
                @Override public PrivateKey getPrivateKey(String a) { return credential.key(); }
            }};
        }
        context.init(keys, new TrustManager[] {new TrustAll()}, new SecureRandom());
        try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", vtn.server.oadrPort())) {
            s.setSoTimeout(20_000);
            assertThrows(IOException.class, () -> {
                s.startHandshake();
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                s.getOutputStream().flush();
                if (s.getInputStream().read() < 0) {
                    throw new IOException("closed by the server");
                }
            });
        }
    }

    /**
     * Certificates the trust manager refuses (OpenADR 2.0b profile §10.1 certificate validation): one from a CA the
     * VTN does not trust is counted {@code untrusted}, one listed in the CRL {@code revoked}.
     */
    @Test
    void refusedCertificatesAreCountedByReason() throws Exception {
        for (String[] c : new String[][] {{"untrusted", "unknownCa"}, {"revoked", "revoked"}}) {
            Counter counter = vtn.server.meterRegistry().get(HandshakeFailures.METER)
                    .tags("listener", "openadr", "reason", c[0]).counter();
            double before = counter.count();
            refusedHandshake(c[1].equals("revoked") ? PKI.revoked() : PKI.unknownCa());
            awaitCount(counter, before + 1);
        }
    }

    /** The server counts on its own thread once it has sent the alert: wait for it, bounded. */
    private static void awaitCount(Counter counter, double expected) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (counter.count() < expected && Instant.now().isBefore(deadline)) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        assertEquals(expected, counter.count(), 0.0, counter.getId().toString());
    }

    /** The scrape is authenticated like the admin API (RFC 6750 bearer token): none or a wrong one is 401. */
    @Test
    void metricsNeedTheToken() throws Exception {
        HttpResponse<String> none = get("/metrics", null);
        assertEquals(401, none.statusCode(), none.body());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, get("/metrics", "wrong-token-0123456789abcdef").statusCode());
        HttpResponse<String> ok = scrapeText(TOKEN);
        assertEquals(200, ok.statusCode());
        assertTrue(ok.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        // the JSON metrics of the admin API stay as they were
        HttpResponse<String> json = get("/api/v1/metrics", TOKEN);
        assertEquals(200, json.statusCode(), json.body());
        assertTrue(json.body().contains("\"oadrPolls\""), json.body());
    }

    /** Liveness and readiness answer without a token; both are up on a running node. */
    @Test
    void healthEndpointsNeedNoToken() throws Exception {
        HttpResponse<String> live = get("/health/live", null);
        assertEquals(200, live.statusCode(), live.body());
        HttpResponse<String> ready = get("/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"database\":\"ok\""), ready.body());
        assertTrue(ready.body().contains("\"listeners\":\"ok\""), ready.body());
        assertEquals(405, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(admin + "/health/ready"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    /**
     * A node whose database is gone is not ready (503 with the reason) while still live; with
     * {@code metricsWithoutToken} a scraper needs no token (the serve option for a private network).
     */
    @Test
    void readinessTurns503WhenTheDatabaseIsClosed() throws Exception {
        VtnServer node = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0)
                .inMemory("ops" + System.nanoTime()).tls(PKI.oadrServerConfig().build())
                .admin(AdminConfig.builder().port(0).token(TOKEN).metricsWithoutToken(true).build()).build());
        try {
            String base = "http://127.0.0.1:" + node.adminPort().orElseThrow();
            assertEquals(200, send(base + "/metrics", null).statusCode());
            assertEquals(200, send(base + "/health/ready", null).statusCode());
            node.core().store().database().close();
            HttpResponse<String> ready = send(base + "/health/ready", null);
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"status\":\"DOWN\""), ready.body());
            assertTrue(ready.body().contains("\"database\":\"closed\""), ready.body());
            assertEquals(200, send(base + "/health/live", null).statusCode());
        } finally {
            node.close();
        }
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        assertTrue(after.containsKey(series), () -> series + " not in the scrape: " + after.keySet().stream()
                .filter(k -> k.startsWith(series.substring(0, Math.min(series.length(), 24)))).toList());
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    /** Samples of the Prometheus text format by series (name plus labels as written). */
    private static Map<String, Double> scrape() throws Exception {
        HttpResponse<String> r = scrapeText(TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Double> samples = new HashMap<>();
        Matcher m = SAMPLE.matcher(r.body());
        while (m.find()) {
            String value = m.group(3);
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)),
                    value.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(value));
        }
        return samples;
    }

    private static HttpResponse<String> scrapeText(String token) throws Exception {
        return get("/metrics", token);
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return send(admin + path, token);
    }

    private static HttpResponse<String> send(String uri, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A 2030.5 device over mutual TLS with the test PKI's device certificate. */
    private static final class Device implements AutoCloseable {
        private final org.eclipse.jetty.client.HttpClient http;
        private final String base;

        Device(int port) throws Exception {
            SslContextFactory.Client ssl = new SslContextFactory.Client();
            TlsFactory.of(PKI.sepClientConfig(PKI.device()).build()).configureJettyClient(ssl);
            ssl.setEndpointIdentificationAlgorithm(null);
            ClientConnector connector = new ClientConnector();
            connector.setSslContextFactory(ssl);
            http = new org.eclipse.jetty.client.HttpClient(new HttpClientTransportOverHTTP(connector));
            http.start();
            base = "https://127.0.0.1:" + port;
        }

        int get(String path) throws Exception {
            ContentResponse r = http.newRequest(base + path).timeout(20, TimeUnit.SECONDS).send();
            return r.getStatus();
        }

        @Override
        public void close() throws Exception {
            http.stop();
        }
    }

    /** The test client checks nothing: what is under test is the server refusing it. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

package org.openvtn.conformance.oadr3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.openvtn.certs.pki.PemFiles;
import org.openvtn.conformance.CaseSkipped;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.TargetConfig;

/**
 * The suite's own HTTPS webhook endpoint (3.1 Definition "Subscriptions", "Webhooks"): it serves the target file's
 * certificate and key, answers the VTN's {@code GET ?echo=<challenge>} with 200 and the challenge as the body (or,
 * on a path registered as {@link Mode#WRONG_ECHO}, with a random string that does not contain it), answers every
 * notification POST with 200,
 * and keeps every request it received for the cases to await and record.
 *
 * <p>Target properties: {@value #HOST} (bind address, default 127.0.0.1), {@value #PORT} (default 0: any free port),
 * {@value #URL} (the base URL to give the VTN; default {@code https://<host>:<bound port>}), {@value #CERTIFICATE} and
 * {@value #KEY} (PEM chain and PKCS#8 key the receiver serves, paths as given; default: the target file's
 * certificate and key). The VTN verifies the callback's certificate: it must chain to a CA the VTN trusts and name
 * the callback's host (e.g. an IP address SAN for 127.0.0.1).
 */
public final class WebhookReceiver implements AutoCloseable {
    public static final String HOST = "oadr3.webhookHost";
    public static final String PORT = "oadr3.webhookPort";
    public static final String URL = "oadr3.webhookUrl";
    public static final String CERTIFICATE = "oadr3.webhookCertificate";
    public static final String KEY = "oadr3.webhookKey";

    /** How a callback path answers the echo challenge. */
    public enum Mode { ECHO, WRONG_ECHO }

    /** One request the VTN made. */
    public record Received(Instant at, String method, String path, Map<String, String> query, String authorization,
                           String body, int answered) {
    }

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "oadr3-webhook-receiver");
        t.setDaemon(true);
        return t;
    });
    private final String baseUrl;
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final List<Received> received = new ArrayList<>();

    private WebhookReceiver(HttpsServer server, String baseUrl) {
        this.server = server;
        this.baseUrl = baseUrl;
    }

    static WebhookReceiver start(TargetConfig target) {
        java.nio.file.Path chain = path(target, CERTIFICATE, target.certificate());
        java.nio.file.Path key = path(target, KEY, target.privateKey());
        if (chain == null || key == null) {
            throw new CaseSkipped("the webhook receiver needs a certificate and key to serve (" + CERTIFICATE + "/"
                    + KEY + ", or the target file's certificate and key)");
        }
        String host = target.property(HOST, "127.0.0.1").trim();
        int port = Integer.parseInt(target.property(PORT, "0").trim());
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress(host, port), 16);
            s.setHttpsConfigurator(new HttpsConfigurator(serverContext(chain, key)));
            String configured = target.property(URL, "").trim();
            String base = configured.isEmpty() ? "https://" + host + ":" + s.getAddress().getPort() : configured;
            WebhookReceiver w = new WebhookReceiver(s, base.endsWith("/") ? base.substring(0, base.length() - 1)
                    : base);
            s.createContext("/", w::handle);
            s.setExecutor(w.executor);
            s.start();
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("webhook receiver on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** A plain server context with the target file's key and chain; no client certificate is asked for. */
    private static java.nio.file.Path path(TargetConfig target, String property, java.nio.file.Path fallback) {
        String v = target.property(property, "").trim();
        return v.isEmpty() ? fallback : java.nio.file.Path.of(v);
    }

    private static SSLContext serverContext(java.nio.file.Path chain, java.nio.file.Path key) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "webhook".toCharArray();
            ks.setKeyEntry("webhook", PemFiles.readPrivateKey(key), pw,
                    PemFiles.readCertificates(chain).toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("webhook receiver: cannot use " + chain + " / " + key + ": "
                    + e.getMessage(), e);
        }
    }

    /** Registers a fresh callback path answering the challenge as {@code mode}; returns its URL. */
    public String callback(String name, Mode mode) {
        String path = "/hooks/" + name;
        modes.put(path, mode);
        return baseUrl + path;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Mode mode = modes.get(path);
        int status;
        byte[] answer = new byte[0];
        if (mode == null) {
            status = 404;
        } else if ("GET".equals(ex.getRequestMethod()) && query.containsKey("echo")) {
            status = 200;
            // a wrong answer that does not even contain the challenge, so "includes" and "equals" readings both refuse it
            String echo = mode == Mode.ECHO ? query.get("echo")
                    : "wrong-" + java.util.UUID.randomUUID().toString().replace("-", "");
            answer = echo.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        } else {
            status = 200;
        }
        ex.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            ex.getResponseBody().write(answer);
        }
        ex.close();
        synchronized (received) {
            received.add(new Received(Instant.now(), ex.getRequestMethod(), path, query,
                    ex.getRequestHeaders().getFirst("Authorization"), body, status));
            received.notifyAll();
        }
    }

    /**
     * Waits until a request to {@code callbackUrl}'s path matches {@code wanted}.
     *
     * @return the request, or null after {@code patience}
     */
    public Received await(String callbackUrl, Predicate<Received> wanted, Duration patience) throws InterruptedException {
        String path = java.net.URI.create(callbackUrl).getPath();
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (received) {
            while (true) {
                for (Received r : received) {
                    if (r.path().equals(path) && wanted.test(r)) {
                        return r;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** @return every request to {@code callbackUrl}'s path so far */
    public List<Received> all(String callbackUrl) {
        String path = java.net.URI.create(callbackUrl).getPath();
        synchronized (received) {
            return received.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    /** As evidence: the VTN's request and the receiver's status. */
    public static Exchange evidence(String label, String callbackUrl, Received r) {
        return new Exchange(label, "target->suite", r.method(), callbackUrl + (r.query().isEmpty() ? ""
                : "?" + r.query()), r.at(), r.body(), r.at(), r.answered(), "", null, null);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
                q.put(k.toLowerCase(Locale.ROOT).equals("echo") ? "echo" : k,
                        eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package org.openvtn.oadr3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.openvtn.certs.pki.Credential;

/**
 * A subscriber's webhook endpoint for tests: a real HTTPS server (JDK {@code HttpsServer}, port 0) that answers the
 * echo challenge of the 3.1 Definition ("Webhooks": 200 with the {@code echo} value in the body) and records every
 * notification POSTed to it. Its behaviour can be switched: answer, fail (503), or hang (never answer).
 */
final class WebhookReceiver implements AutoCloseable {
    enum Mode { OK, FAIL, HANG, WRONG_ECHO }

    /** One received notification: its parsed body and Authorization header. */
    record Received(JsonNode body, String authorization) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpsServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Mode mode = Mode.OK;
    volatile int echoes;

    WebhookReceiver(Credential credential) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        char[] pw = "changeit".toCharArray();
        kmf.init(credential.toKeyStore(pw), pw);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return e.g. {@code https://127.0.0.1:PORT/hook} */
    String url(String path) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void mode(Mode m) {
        mode = m;
    }

    /** @return the next notification within {@code seconds}, or null */
    Received next(int seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    int pending() {
        return received.size();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            Mode m = mode;
            if (m == Mode.HANG) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (x.getRequestMethod().equals("GET")) {
                String q = x.getRequestURI().getRawQuery();
                String echo = null;
                for (String p : q == null ? new String[0] : q.split("&")) {
                    if (p.startsWith("echo=")) {
                        echo = URLDecoder.decode(p.substring(5), StandardCharsets.UTF_8);
                    }
                }
                echoes++;
                respond(x, 200, m == Mode.WRONG_ECHO ? "something else" : echo == null ? "" : echo);
                return;
            }
            byte[] body = x.getRequestBody().readAllBytes();
            if (m == Mode.FAIL) {
                respond(x, 503, "");
                return;
            }
            received.add(new Received(JSON.readTree(body), x.getRequestHeaders().getFirst("Authorization")));
            respond(x, 200, "");
        }
    }

    private static void respond(HttpExchange x, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(b);
            }
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}

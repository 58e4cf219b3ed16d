package org.openvtn.conformance.oadr3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.tls.TlsFactory;

/**
 * A deliberately defective OpenADR 3.1 VTN: an HTTPS front (the test PKI's VTN certificate) that forwards every request
 * to a real OpenVTN 3.1 listener and breaks one rule of the 3.1 Definition on the way, so that the case protecting
 * that rule must FAIL.
 */
final class DefectiveOadr3Vtn implements AutoCloseable {

    /** The broken rule. */
    enum Defect {
        /** Reads are made with the BL client's token: VEN A sees VEN B's objects ("Object Privacy"). */
        LEAKS_OTHER_VENS_OBJECTS,
        /** The {@code limit} query parameter is dropped ("Response Filtering": limit SHALL be supported). */
        IGNORES_LIMIT,
        /** A request without a token is made with the BL client's token: 200 without a token. */
        ANSWERS_WITHOUT_TOKEN,
        /** MQTT topic names it hands out ({@code /notifiers/mqtt/topics/...}) are not where it publishes. */
        MISROUTED_MQTT_TOPICS,
        /**
         * It publishes on the topics it names, but with {@code "operation": "POST"} (the Definition's Figure 6,
         * which the {@code notification} schema does not allow) instead of CREATE.
         */
        MALFORMED_MQTT_PAYLOAD
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static final Set<String> HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "keep-alive", "te", "trailer", "proxy-connection");
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient upstream;
    private final String target;
    private final String blToken;
    private volatile Defect defect;
    private final org.eclipse.paho.client.mqttv3.MqttClient relay;

    DefectiveOadr3Vtn(Oadr3Target vtn, Defect defect) {
        this(vtn, defect, null);
    }

    /**
     * @param brokerUrl the broker the real VTN publishes to: the double relays every message to {@code defective/}
     *                  + topic (with the payload defect applied), or null without MQTT
     */
    DefectiveOadr3Vtn(Oadr3Target vtn, Defect defect, String brokerUrl) {
        this.defect = defect;
        this.relay = brokerUrl == null ? null : relay(brokerUrl);
        this.target = vtn.baseUri();
        var services = vtn.server.oadr3().orElseThrow().services();
        if (services.clients().list().stream().noneMatch(c -> c.clientId().equals("defective-bl"))) {
            services.clients().create("defective-bl", "BL"); // a token speaks only for an existing client
        }
        this.blToken = services.tokens().issue("defective-bl", "BL").accessToken();
        this.upstream = HttpClient.newBuilder().sslContext(TlsFactory.of(Oadr3Target.PKI.oadrClientConfig(
                Oadr3Target.PKI.venEcc()).build()).clientSslContext()).build();
        try {
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.setHttpsConfigurator(new HttpsConfigurator(context(Oadr3Target.PKI.vtnEcc())));
            server.createContext("/", this::forward);
            server.setExecutor(executor);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private org.eclipse.paho.client.mqttv3.MqttClient relay(String brokerUrl) {
        try {
            var c = new org.eclipse.paho.client.mqttv3.MqttClient(brokerUrl, "defective-vtn-relay",
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            c.connect();
            c.subscribe("#", 1, (topic, m) -> {
                if (topic.startsWith("defective/") || topic.startsWith("misrouted/")) {
                    return;
                }
                var n = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(m.getPayload());
                if (defect == Defect.MALFORMED_MQTT_PAYLOAD && "CREATE".equals(n.path("operation").asText())) {
                    n.put("operation", "POST");
                }
                var out = new org.eclipse.paho.client.mqttv3.MqttMessage(JSON.writeValueAsBytes(n));
                out.setQos(1);
                new Thread(() -> { // not on Paho's callback thread: publish waits for the broker
                    try {
                        c.publish("defective/" + topic, out);
                    } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                        // the case then misses the message, which it reports
                    }
                }, "defective-relay").start();
            });
            return c;
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            throw new IllegalStateException("defective double: cannot reach the broker " + brokerUrl, e);
        }
    }

    /** Topic answers name {@code misrouted/...} or the relay's {@code defective/...} topics. */
    private byte[] rewriteTopics(String rest, int status, byte[] body) throws IOException {
        boolean mqttDefect = defect == Defect.MISROUTED_MQTT_TOPICS || defect == Defect.MALFORMED_MQTT_PAYLOAD;
        if (!mqttDefect || status != 200 || !rest.startsWith("/notifiers/mqtt/topics/")) {
            return body;
        }
        String prefix = defect == Defect.MISROUTED_MQTT_TOPICS ? "misrouted/" : "defective/";
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(body);
        var topics = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("topics");
        for (String k : List.of("CREATE", "UPDATE", "DELETE", "ALL")) {
            if (topics.hasNonNull(k)) {
                topics.put(k, prefix + topics.get(k).asText());
            }
        }
        return JSON.writeValueAsBytes(json);
    }

    void defect(Defect d) {
        defect = d;
    }

    /** @return the base URL the suite is pointed at, with the same base path as the real listener */
    String baseUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + URI.create(target).getPath();
    }

    private void forward(HttpExchange ex) throws IOException {
        URI in = ex.getRequestURI();
        String basePath = URI.create(target).getPath();
        String rest = in.getRawPath().substring(basePath.length());
        String query = in.getRawQuery();
        if (defect == Defect.IGNORES_LIMIT && query != null) {
            query = String.join("&", List.of(query.split("&")).stream().filter(q -> !q.startsWith("limit=")).toList());
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (defect == Defect.ANSWERS_WITHOUT_TOKEN && auth == null
                || defect == Defect.LEAKS_OTHER_VENS_OBJECTS && "GET".equals(ex.getRequestMethod()) && auth != null) {
            auth = "Bearer " + blToken;
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + rest + (query == null || query.isEmpty()
                ? "" : "?" + query))).method(ex.getRequestMethod(), body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        ex.getRequestHeaders().forEach((k, v) -> {
            if (!HOP.contains(k.toLowerCase()) && !k.equalsIgnoreCase("Authorization")) {
                v.forEach(x -> b.header(k, x));
            }
        });
        if (auth != null) {
            b.header("Authorization", auth);
        }
        try {
            HttpResponse<byte[]> r = upstream.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().map().forEach((k, v) -> {
                if (!HOP.contains(k.toLowerCase()) && !k.startsWith(":")) {
                    ex.getResponseHeaders().put(k, v);
                }
            });
            byte[] out = rewriteTopics(rest, r.statusCode(), r.body());
            ex.sendResponseHeaders(r.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                ex.getResponseBody().write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.sendResponseHeaders(502, -1);
        } finally {
            ex.close();
        }
    }

    private static SSLContext context(Credential c) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("vtn", c.key(), "x".toCharArray(), c.chain().toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "x".toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (relay != null) {
            try {
                relay.disconnect();
                relay.close();
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                // closing
            }
        }
        server.stop(0);
        executor.shutdownNow();
    }
}

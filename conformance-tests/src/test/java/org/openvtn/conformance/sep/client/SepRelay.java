package org.openvtn.conformance.sep.client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.conformance.http.HttpsProbe;
import org.openvtn.conformance.http.ProbeResponse;
import org.openvtn.conformance.http.SuiteListener;

/**
 * A defective device double: device -> relay (the 2030.5 server certificate) -> (the device's certificate) harness,
 * both legs mutual TLS with CCM_8. {@link Defect} rewrites what the device sends or sees, so the device behaves as a
 * device with that defect would.
 */
final class SepRelay implements AutoCloseable {
    /** Marker a request rewrite returns to drop the request (the relay answers 201 itself). */
    static final String SWALLOW = "\u0000swallow";
    /** Placeholder a request rewrite may put in a body: the relay's own https origin. */
    static final String SELF = "@relay@";
    /** Path under which the relay accepts (201) and drops whatever is POSTed (e.g. Notifications). */
    static final String SINK = "/relay-sink";

    /**
     * @param request  rewrites (or swallows) a document the device POSTs/PUTs to {@code path}
     * @param response rewrites a document the harness answers a GET with
     */
    record Defect(java.util.function.BiFunction<String, String, String> request, UnaryOperator<String> response) {
    }

    private final SuiteListener.Started server;
    private final HttpsProbe upstream;
    private volatile String target;

    SepRelay(Defect defect) {
        this(defect, false);
    }

    /**
     * @param trustAnyServer the relay's leg to the harness accepts any server chain: with the device behind it, a
     *                       device that trusts anything (CSIP COMM-004A..G)
     */
    SepRelay(Defect defect, boolean trustAnyServer) {
        var pki = ReferenceDevice.PKI;
        upstream = trustAnyServer ? TrustAnyServer.probe(pki.credential("device-0001"))
                : HttpsProbe.create(TlsFactory.of(pki.sepClientConfig(pki.credential("device-0001"))
                .hostnameVerification(false).build()).clientSslContext(), null, Duration.ofSeconds(10));
        server = SuiteListener.start(pki.sepServerConfig().build(), "127.0.0.1", 0, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String method = request.getMethod();
                String path = Request.getPathInContext(request);
                String query = request.getHttpURI().getQuery();
                String body = "GET".equals(method) ? null : SuiteListener.readBody(request, 256 * 1024).text();
                int status;
                String answer = "";
                String location = null;
                if (path.startsWith(SINK)) {
                    status = 201;
                } else if (body != null && defect.request().apply(path, body).equals(SWALLOW)) {
                    status = 201;
                    location = path + "/swallowed";
                } else {
                    String sent = body == null ? null : defect.request().apply(path, body).replace(SELF,
                            "https://127.0.0.1:" + server.connector().getLocalPort());
                    ProbeResponse up = upstream.exchange("relay", method, URI.create(target + path
                            + (query == null ? "" : "?" + query)), java.util.Map.of(),
                            sent == null ? null : "application/sep+xml", sent);
                    status = up.status() == 0 ? 502 : up.status();
                    answer = "GET".equals(method) ? defect.response().apply(up.body()) : up.body();
                    location = up.header("Location").orElse(null);
                }
                response.setStatus(status);
                if (location != null) {
                    response.getHeaders().put(HttpHeader.LOCATION, location);
                }
                byte[] out = answer.getBytes(StandardCharsets.UTF_8);
                if (out.length > 0) {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/sep+xml");
                }
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, (long) out.length);
                response.write(true, ByteBuffer.wrap(out), callback);
                return true;
            }
        }, "defect relay");
    }

    /** Points the relay at the harness and returns the URL the device uses instead of {@code harnessDcap}. */
    String via(String harnessDcap) {
        URI u = URI.create(harnessDcap);
        target = "https://127.0.0.1:" + u.getPort();
        return "https://127.0.0.1:" + server.connector().getLocalPort() + u.getRawPath();
    }

    @Override
    public void close() {
        try {
            server.server().stop();
        } catch (Exception ignored) {
            // best effort
        }
        upstream.close();
    }
}

package org.openvtn.ven.testing;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.XmlCodecException;

/**
 * The VTN's push client as a test double: Jetty's HttpClient over mutual TLS with a given certificate (the VTN's, or a
 * stranger's), posting oadrPayload documents to a push VEN and decoding its synchronous answers with the
 * schema-validating codec.
 */
public final class PushingVtn implements AutoCloseable {

    /** An HTTP answer. */
    public record Reply(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpClient http;
    private final OadrCodec codec;

    public PushingVtn(TlsConfig tls, OadrCodec codec) throws Exception {
        this.codec = codec;
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        TlsFactory.of(tls).configureJettyClient(ssl);
        ssl.setEndpointIdentificationAlgorithm(null); // VEN certificates carry no host names
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(ssl);
        http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        http.start();
    }

    /** Posts a message (encoded and validated by the codec) to {@code url}. */
    public Reply push(String url, Object message) throws Exception {
        return post(url, codec.encodePayload(message));
    }

    /** Posts raw bytes to {@code url}. */
    public Reply post(String url, byte[] body) throws Exception {
        ContentResponse r = http.POST(url).body(new BytesRequestContent("application/xml", body))
                .timeout(20, TimeUnit.SECONDS).send();
        return new Reply(r.getStatus(), r.getContent());
    }

    /** A GET, for method handling. */
    public Reply get(String url) throws Exception {
        ContentResponse r = http.newRequest(url).timeout(20, TimeUnit.SECONDS).send();
        return new Reply(r.getStatus(), r.getContent());
    }

    /** The answer's message; the codec validates it against the published schemas. */
    public <T> T answer(Reply r, Class<T> type) throws XmlCodecException {
        if (r.status() != 200) {
            throw new AssertionError("HTTP " + r.status() + " " + r.text());
        }
        Object m = codec.decodeMessage(r.body());
        if (!type.isInstance(m)) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + m.getClass().getSimpleName());
        }
        return type.cast(m);
    }

    @Override
    public void close() throws Exception {
        http.stop();
    }
}

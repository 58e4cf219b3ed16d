package org.openvtn.sep;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.tls.PeerIdentities;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.schemas.sep.Notification;

/**
 * A device's notification listener (IEEE 2030.5-2018 §5.6): a mutual-TLS server with the 2030.5
 * profile (CCM_8) presenting the device's certificate; every POST body is decoded as a
 * {@link Notification} (validating it against sep.xsd) and queued together with the caller's LFDI.
 */
final class NotificationListener implements AutoCloseable {
    /** A received notification and the LFDI of the server that sent it. */
    record Received(Notification notification, String senderLfdi, byte[] body, String path) {
    }

    private final Server server = new Server();
    private final ServerConnector connector;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger posts = new AtomicInteger();
    private volatile IntSupplier status = () -> 204;

    NotificationListener(Credential device) throws Exception {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        TlsFactory.of(SepFixture.PKI.sepClientConfig(device).build()).configureJetty(ssl);
        HttpConfiguration http = new HttpConfiguration();
        http.addCustomizer(new SecureRequestCustomizer(false));
        connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                posts.incrementAndGet();
                int code = status.getAsInt();
                if (code < 300) {
                    byte[] body;
                    try (InputStream in = Content.Source.asInputStream(request)) {
                        body = in.readAllBytes();
                    }
                    String lfdi = null;
                    if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData d) {
                        lfdi = PeerIdentities.of(d.sslSession()).map(i -> i.lfdi()).orElse(null);
                    }
                    received.add(new Received(SepFixture.CODEC.decode(body, Notification.class), lfdi, body,
                            Request.getPathInContext(request)));
                }
                response.setStatus(code);
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
                callback.succeeded();
                return true;
            }
        });
        server.start();
    }

    /** @return the notificationURI of this listener */
    String uri() {
        return "https://127.0.0.1:" + connector.getLocalPort() + "/notify";
    }

    /** Sets the status answered from now on (2xx = accepted and recorded). */
    void answer(IntSupplier s) {
        this.status = s;
    }

    int posts() {
        return posts.get();
    }

    /** @return every notification received and not yet taken, without waiting */
    List<Received> drain() {
        List<Received> out = new java.util.ArrayList<>();
        received.drainTo(out);
        return out;
    }

    /** @return the next notification, failing after 20 s */
    Received next() throws InterruptedException {
        Received r = received.poll(20, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no notification within 20 s");
        }
        return r;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}

package org.openvtn.certs.tls;

import java.nio.charset.StandardCharsets;

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
import org.openvtn.certs.identity.CertificateIdentity;

/**
 * A real Jetty HTTPS server on 127.0.0.1, port 0, configured by {@link TlsFactory#configureJetty}.
 * Every request is answered with the caller's OpenADR fingerprint, taken from the TLS session.
 */
final class JettyTlsServer implements AutoCloseable {

    private final Server server = new Server();
    private final ServerConnector connector;

    JettyTlsServer(TlsFactory tls) throws Exception {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        tls.configureJetty(ssl);
        HttpConfiguration http = new HttpConfiguration();
        http.addCustomizer(new SecureRequestCustomizer(false));
        connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        connector.addBean(tls.sessionGuard());
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                EndPoint.SslSessionData ssl = (EndPoint.SslSessionData) request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
                String fp = ssl == null ? "no-tls" : PeerIdentities.of(ssl.sslSession())
                        .map(CertificateIdentity::oadrFingerprint).orElse("no-peer");
                response.setStatus(200);
                Content.Sink.write(response, true, "peer=" + fp + "\n", callback);
                return true;
            }
        });
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    static String get(javax.net.ssl.SSLSocket socket) throws java.io.IOException {
        socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
}

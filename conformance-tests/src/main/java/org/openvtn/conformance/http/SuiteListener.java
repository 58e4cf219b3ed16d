package org.openvtn.conformance.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.conformance.TlsInfo;

/**
 * The pieces every listener of the suite shares (the 2030.5 notification listener, the 2.0b push listener): a Jetty
 * server with one mutual-TLS connector configured from a {@link TlsConfig}, the TLS evidence of a request, and a
 * bounded read of its body.
 */
public final class SuiteListener {
    private SuiteListener() {
    }

    /** A started server and its connector (for the bound port). */
    public record Started(Server server, ServerConnector connector) {
    }

    /** A request body read up to a limit: {@code status} 200 (read), 413 (over the limit) or 400 (unreadable). */
    public record Body(int status, String text) {
    }

    /**
     * Starts a server with one TLS connector serving {@code handler}.
     *
     * @param what what the listener is, for the error message ("push listener")
     * @throws IllegalStateException when it cannot start (the server is stopped again)
     */
    public static Started start(TlsConfig tls, String host, int port, Handler handler, String what) {
        Server server = new Server();
        ServerConnector connector = connector(server, tls, host, port);
        server.addConnector(connector);
        server.setHandler(handler);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // best effort
            }
            throw new IllegalStateException("cannot start the " + what + " on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        return new Started(server, connector);
    }

    /** A mutual-TLS connector of {@code server} (not added, not started), e.g. to serve another identity later. */
    public static ServerConnector connector(Server server, TlsConfig tls, String host, int port) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        TlsFactory.of(tls).configureJetty(ssl);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    /** @return the TLS parameters and peer certificate of the request's connection, or null without TLS */
    public static TlsInfo tls(Request request) {
        return request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData d
                ? HttpsProbe.tlsInfo(d.sslSession()) : null;
    }

    /** Reads at most {@code max} bytes of the body (UTF-8); one more byte means 413. */
    public static Body readBody(Request request, int max) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(max + 1);
            return new Body(bytes.length > max ? 413 : 200,
                    new String(bytes, 0, Math.min(bytes.length, max), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Body(400, "");
        }
    }
}

package org.openvtn.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.strategy.AdaptiveExecutionStrategy;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;

/**
 * Issue #18 (slice K): on a {@link SelectorAnswers} connector, requests on a connection whose TLS handshake is done
 * are read and handled by the selector thread itself (Jetty's produce-consume mode), with no hand-off of the read to
 * another thread (execute-produce-consume or produce-execute-consume); on an ordinary connector of the same server
 * (whose handler tree is BLOCKING, as the VTN's is) every request is handed off. Counted by the selectors' own
 * execution strategies; real mutual TLS with the test PKI.
 */
class SelectorAnswersIT {
    private static final int REQUESTS = 5;

    @Test
    void handshakenConnectionsAreReadOnTheSelector() throws Exception {
        long[] modes = modesOfKeptAliveRequests(true);
        assertTrue(modes[0] >= REQUESTS, "reads run in place (produce-consume): " + modes[0]);
        assertEquals(0, modes[1], "reads handed off (execute-produce-consume, produce-execute-consume)");
    }

    @Test
    void anOrdinaryConnectorHandsEveryReadOff() throws Exception {
        long[] modes = modesOfKeptAliveRequests(false);
        assertTrue(modes[1] >= REQUESTS, "reads handed off: " + modes[1]);
    }

    /** @return {in-place reads, handed-off reads} of the selectors while REQUESTS requests run on one connection */
    private static long[] modesOfKeptAliveRequests(boolean selectorAnswers) throws Exception {
        TestPki pki = TestPki.shared();
        Server server = new Server();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        ServerConnector connector = TlsConnectors.mutualTls(server, TlsFactory.of(pki.oadrServerConfig().build()),
                ListenerLimits.DEFAULT, secure, "t", "127.0.0.1", 0, selectorAnswers);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() { // BLOCKING, as the VTN's handler tree
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.write(true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)), callback);
                return true;
            }
        });
        server.start();
        try {
            SSLContext tls = TlsFactory.of(pki.oadrClientConfig(pki.venEcc()).build()).clientSslContext();
            try (Socket s = tls.getSocketFactory().createSocket("127.0.0.1", connector.getLocalPort())) {
                s.setSoTimeout(60_000);
                exchange(s); // the handshake and the first request: on the pool
                long[] before = modes(connector);
                for (int i = 0; i < REQUESTS; i++) {
                    exchange(s);
                }
                long[] after = modes(connector);
                return new long[] {after[0] - before[0], after[1] - before[1]};
            }
        } finally {
            server.stop();
        }
    }

    private static long[] modes(ServerConnector connector) {
        long inPlace = 0;
        long handedOff = 0;
        for (AdaptiveExecutionStrategy s : connector.getSelectorManager()
                .getContainedBeans(AdaptiveExecutionStrategy.class)) {
            inPlace += s.getPCTasksConsumed();
            handedOff += s.getEPCTasksConsumed() + s.getPECTasksExecuted() + s.getPICTasksExecuted();
        }
        return new long[] {inPlace, handedOff};
    }

    private static void exchange(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write("GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 200"), head.toString());
        assertEquals("ok", new String(in.readNBytes(2), StandardCharsets.US_ASCII));
    }
}

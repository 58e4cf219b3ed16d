package org.openvtn.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;

/**
 * Issue #18, overload bound: a TLS listener built by {@link TlsConnectors} (the OpenADR 2.0b and IEEE 2030.5
 * listeners) with {@code maxHandshakes} connections in their handshake closes the next new connection before its
 * handshake, keeps serving connections whose handshake is done, and serves new connections again once below the
 * bound. Real TLS 1.2 sockets on 127.0.0.1 with the test PKI; the connections "in their handshake" are TCP
 * connections that have sent no ClientHello yet. Without the bound (the defective double: the connector without
 * {@link HandshakeLimit}) the refused handshake succeeds and {@link #atTheBoundANewConnectionIsClosedBeforeItsHandshake}
 * fails.
 */
class HandshakeLimitIT {
    private static final int MAX = 2;
    private final List<Socket> silent = new ArrayList<>();
    private TestPki pki;
    private Server jetty;
    private ServerConnector connector;
    private HandshakeLimit limit;

    @BeforeEach
    void start() throws Exception {
        pki = TestPki.shared();
        jetty = new Server();
        connector = TlsConnectors.mutualTls(jetty, TlsFactory.of(pki.oadrServerConfig().build()),
                ListenerLimits.builder().maxHandshakes(MAX).build(), new SecureRequestCustomizer(false), "oadr",
                "127.0.0.1", 0);
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.write(true, java.nio.ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)), callback);
                return true;
            }
        });
        jetty.start();
        limit = connector.getBean(HandshakeLimit.class);
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : silent) {
            s.close();
        }
        jetty.stop();
    }

    /** Below the bound every connection is served; at it the next one is closed before its handshake. */
    @Test
    void atTheBoundANewConnectionIsClosedBeforeItsHandshake() throws Exception {
        assertNotNull(limit, "the connector carries its HandshakeLimit");
        assertEquals("HTTP/1.1 200", get(newClient()).substring(0, 12), "served below the bound");
        await(() -> limit.inHandshake() == 0, "the served connection's handshake is counted out");

        fillToTheBound();
        SSLSocket refused = newClient();
        assertThrows(IOException.class, refused::startHandshake, "a handshake beyond maxHandshakes is refused");
        refused.close();
        assertTrue(limit.shed() >= 1, "counted as shed: " + limit.shed());
        assertEquals(MAX, limit.inHandshake(), "the refused connection took no place");
    }

    /** A connection whose handshake is done before the bound is reached keeps being served at the bound. */
    @Test
    void aConnectionPastItsHandshakeIsServedAtTheBound() throws Exception {
        try (SSLSocket kept = newClient()) {
            kept.startHandshake();
            await(() -> limit.inHandshake() == 0, "the kept connection's handshake is counted out");
            fillToTheBound();
            assertEquals("HTTP/1.1 200", request(kept, "keep-alive").substring(0, 12));
        }
    }

    /** Once a connection in its handshake goes away, a new connection is served again. */
    @Test
    void belowTheBoundAgainNewConnectionsAreServed() throws Exception {
        fillToTheBound();
        silent.remove(0).close();
        await(() -> limit.inHandshake() == MAX - 1, "the closed connection leaves the count");
        assertEquals("HTTP/1.1 200", get(newClient()).substring(0, 12));
        assertEquals(MAX - 1, limit.inHandshake(), "a finished handshake leaves the count");
    }

    private void fillToTheBound() throws Exception {
        while (silent.size() < MAX) {
            silent.add(new Socket("127.0.0.1", connector.getLocalPort()));
        }
        await(() -> limit.inHandshake() == MAX, "the silent connections are in their handshake");
    }

    private SSLSocket newClient() throws Exception {
        SSLContext ctx = TlsFactory.of(pki.oadrClientConfig(pki.venEcc()).build()).clientSslContext();
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", connector.getLocalPort());
        s.setSoTimeout(30_000);
        return s;
    }

    private static String get(SSLSocket s) throws IOException {
        try (s) {
            return request(s, "close");
        }
    }

    private static String request(SSLSocket s, String connection) throws IOException {
        s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: " + connection + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[1024];
        for (int n; !buf.toString(StandardCharsets.US_ASCII).endsWith("ok") && (n = in.read(b)) >= 0; ) {
            buf.write(b, 0, n);
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }

    /** Polls for a condition (no timing assertion: the 60 s only ends a test that would otherwise hang). */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}

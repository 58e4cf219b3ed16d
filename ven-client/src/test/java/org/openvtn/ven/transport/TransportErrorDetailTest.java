package org.openvtn.ven.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

/**
 * Issue #18: a transport failure names its cause even when the exception has no message (Netty's
 * ClosedChannelException when the VTN closes a connection during the TLS handshake, reported as "I/O failure ... null"
 * in session 9), including the suppressed exception Netty attaches.
 */
class TransportErrorDetailTest {

    @Test
    void anExceptionWithoutMessageIsNamedByItsClassAndItsSuppressedCause() {
        ClosedChannelException closed = new ClosedChannelException();
        closed.addSuppressed(new SSLHandshakeException("Connection closed while SSL/TLS handshake was in progress"));
        assertEquals("ClosedChannelException (Connection closed while SSL/TLS handshake was in progress)",
                NettyHttpTransport.detail(closed));
    }

    @Test
    void aMessageIsKept() {
        assertEquals("Connection reset", NettyHttpTransport.detail(new IOException("Connection reset")));
    }
}

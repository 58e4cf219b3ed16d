package org.openvtn.conformance.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

import org.openvtn.conformance.TlsInfo;

/** One open (kept-alive) connection of an {@link HttpsProbe}, with the TLS parameters it negotiated. */
final class HttpConnection {

    private final Socket socket;
    private final TlsInfo tls;
    private final InputStream in;
    private final OutputStream out;

    HttpConnection(Socket socket, TlsInfo tls) throws IOException {
        this.socket = socket;
        this.tls = tls;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    Socket socket() {
        return socket;
    }

    TlsInfo tls() {
        return tls;
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already failing or done
        }
    }
}

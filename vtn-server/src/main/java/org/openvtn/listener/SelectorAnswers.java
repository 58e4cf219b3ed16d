package org.openvtn.listener;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;

/**
 * HTTP/1.1 over TLS whose requests are read, and may be answered, on the selector thread that saw the bytes arrive
 * (issue #18: the idle oadrPoll without a thread hand-off).
 *
 * <p>Jetty 12.1 runs a connection's read on the selector thread only when the read callback's invocation type is
 * {@code NON_BLOCKING} ({@code AdaptiveExecutionStrategy} "produce-consume"); otherwise it hands selection to another
 * thread and consumes the read there (two to four context switches per request). Jetty's {@code HttpConnection}
 * takes that type from the whole server's handler tree (BLOCKING for ours, one server for every listener), fixed when
 * the connection is made. Connections of this factory instead report {@code NON_BLOCKING} once their TLS handshake
 * has succeeded, and {@code BLOCKING} before: the handshake (signature, certificate path and revocation checks) stays
 * on the pool. TLS renegotiation is refused on these connections so that no handshake can start on a selector thread
 * later (TLS 1.3 has none; OpenADR 2.0b VENs do not renegotiate).
 *
 * <p><b>Contract for the handler of such a connector</b>: it is called on a selector thread and must not block; it
 * reads the body with {@code Request.read()}/{@code demand()} and hands anything that may block to the server's
 * executor ({@code org.openvtn.oadr20b.http.OadrHandler} in non-blocking mode does). Use it for one connector only,
 * whose handler honours this.
 */
public final class SelectorAnswers extends HttpConnectionFactory {

    /** @param config the listener's HTTP configuration */
    public SelectorAnswers(HttpConfiguration config) {
        super(config);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        Reads connection = new Reads(getHttpConfiguration(), connector, endPoint);
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }

    /** An HTTP/1.1 connection whose reads run in place once the TLS handshake has succeeded. */
    static final class Reads extends HttpConnection {
        private volatile boolean secured;
        private final Callback fillable = new Callback() {
            @Override
            public void succeeded() {
                onFillable();
            }

            @Override
            public void failed(Throwable x) {
                onFillInterestedFailed(x);
            }

            @Override
            public InvocationType getInvocationType() {
                return secured ? InvocationType.NON_BLOCKING : InvocationType.BLOCKING;
            }
        };

        Reads(HttpConfiguration config, Connector connector, EndPoint endPoint) {
            super(config, connector, endPoint);
            if (endPoint instanceof SslConnection.SslEndPoint ssl) {
                SslConnection tls = ssl.getSslConnection();
                tls.setRenegotiationAllowed(false);
                tls.addHandshakeListener(new SslHandshakeListener() {
                    @Override
                    public void handshakeSucceeded(Event event) {
                        secured = true;
                    }
                });
            }
        }

        /**
         * HttpConnection registers its own fill callback (invocation type of the server) here, and only it (content
         * demand goes through {@code tryFillInterested}); it is replaced by this connection's.
         */
        @Override
        public void fillInterested(Callback callback) {
            super.fillInterested(callback != fillable && isHttpFillable(callback) ? fillable : callback);
        }

        /**
         * Jetty's read callback class ({@code HttpConnection$FillableCallback}), learnt the first time one is seen:
         * {@link Class#getEnclosingClass()} is a native call, and this check runs for every request (issue #18).
         */
        private static volatile Class<?> httpFillable;

        private static boolean isHttpFillable(Callback callback) {
            Class<?> type = callback.getClass();
            Class<?> known = httpFillable;
            if (known != null) {
                return type == known;
            }
            if (type.getEnclosingClass() == HttpConnection.class && "FillableCallback".equals(type.getSimpleName())) {
                httpFillable = type;
                return true;
            }
            return false;
        }
    }
}

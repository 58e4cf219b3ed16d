package org.openvtn.oadr20b;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
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
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType.OadrEvent;
import org.openvtn.schemas.oadr20b.ei.OptTypeType;

/**
 * Test double of a push VEN (OpenADR 2.0b push exchange model, issue #14): a Jetty mutual-TLS listener presenting a
 * VEN certificate from the test PKI, requiring the VTN's client certificate. It records every POST (decoded with the
 * codec, validation on) and answers per a script: a synchronous oadrCreatedEvent (optIn for every event of a
 * distribute-event, empty 200 for other messages), an empty 200, 404, 500, or no answer at all.
 */
final class PushVen implements AutoCloseable {

    /** How to answer one POST. */
    enum Answer {
        CREATED_EVENT, EMPTY, NOT_FOUND, ERROR_500, HANG,
        /**
         * Closes the connection without a byte of answer, as a VEN that closes an idle kept-alive connection just as
         * the VTN reuses it (the request is recorded in {@link #dropped}, not in {@link #received}).
         */
        CLOSE
    }

    /** Which service-URL convention the listener serves. */
    enum Serves { SPEC, SHORT }

    /** A received POST; {@code message} is null and {@code error} set when it was not a valid 2.0b payload. */
    record Received(String path, byte[] body, Object message, String error, java.security.cert.X509Certificate peer) {
    }

    private static final String BASE = "/ven";

    private final Server server;
    private final ServerConnector connector;
    private final OadrCodec codec;
    private final Serves serves;
    private final Deque<Answer> script = new ArrayDeque<>();
    private volatile Answer otherwise = Answer.CREATED_EVENT;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** POSTs answered by closing the connection ({@link Answer#CLOSE}). */
    final List<Received> dropped = new CopyOnWriteArrayList<>();
    /** The connection of each recorded POST, in order (identity hash of Jetty's connection). */
    final List<Integer> connections = new CopyOnWriteArrayList<>();
    /** Every request path, including 404s. */
    final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<Callback> held = new CopyOnWriteArrayList<>();
    volatile String venId;
    final Credential credential;

    PushVen(TestPki pki, Credential credential, OadrCodec codec, Serves serves) {
        this.credential = credential;
        this.codec = codec;
        this.serves = serves;
        server = new Server();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        TlsFactory.of(pki.oadrClientConfig(credential).build()).configureJetty(ssl);
        HttpConfiguration http = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return serve(request, response, callback);
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the oadrTransportAddress to register */
    String transportAddress() {
        return "https://127.0.0.1:" + connector.getLocalPort() + BASE;
    }

    /** Answers the next POSTs in this order, then {@link #otherwise}. */
    synchronized PushVen script(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    PushVen otherwise(Answer a) {
        otherwise = a;
        return this;
    }

    /** Waits for the next POST that decodes as {@code type}, skipping others. */
    <T> T await(Class<T> type) throws InterruptedException {
        return type.cast(awaitReceived(type).message());
    }

    /** As {@link #await}, returning the whole record (raw body, the VTN's TLS certificate). */
    Received awaitReceived(Class<?> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<Received> skipped = new ArrayList<>();
        while (true) {
            Received r = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("no " + type.getSimpleName() + " pushed within 30 s; got " + skipped);
            }
            if (r.error() != null) {
                throw new AssertionError("pushed payload is not schema-valid: " + r.error());
            }
            if (type.isInstance(r.message())) {
                return r;
            }
            skipped.add(r);
        }
    }

    /** Completes held requests (HANG) with an error and stops. */
    @Override
    public void close() {
        held.forEach(c -> c.failed(new IllegalStateException("closed")));
        try {
            server.stop();
        } catch (Exception e) {
            // test cleanup
        }
    }

    private boolean serve(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        paths.add(path);
        String prefix = serves == Serves.SPEC ? BASE + "/OpenADR2/Simple/2.0b/" : BASE + "/";
        String service = path.startsWith(prefix) ? path.substring(prefix.length()) : "";
        if (!List.of("EiEvent", "EiReport", "EiRegisterParty").contains(service)) {
            Content.Source.consumeAll(request);
            response.setStatus(404);
            callback.succeeded();
            return true;
        }
        byte[] body = org.eclipse.jetty.util.BufferUtil.toArray(Content.Source.asByteBuffer(request));
        Answer a;
        synchronized (this) {
            a = script.isEmpty() ? otherwise : script.poll();
        }
        Object message = null;
        String error = null;
        try {
            message = codec.decodeMessage(body);
        } catch (XmlCodecException e) {
            error = e.getMessage();
        }
        java.security.cert.X509Certificate peer = null;
        if (request.getAttribute(org.eclipse.jetty.io.EndPoint.SslSessionData.ATTRIBUTE)
                instanceof org.eclipse.jetty.io.EndPoint.SslSessionData ssl && ssl.peerCertificates() != null
                && ssl.peerCertificates().length > 0) {
            peer = ssl.peerCertificates()[0];
        }
        Received r = new Received(path, body, message, error, peer);
        connections.add(System.identityHashCode(request.getConnectionMetaData().getConnection()));
        switch (a) {
            case CLOSE:
                dropped.add(r);
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                callback.failed(new java.io.EOFException("closed by the VEN double"));
                return true;
            case HANG:
                held.add(callback);
                received.add(r);
                return true;
            case NOT_FOUND:
                response.setStatus(404);
                callback.succeeded();
                return true;
            case ERROR_500:
                response.setStatus(500);
                callback.succeeded();
                return true;
            case CREATED_EVENT:
                if (message instanceof OadrDistributeEventType d && !d.getOadrEvent().isEmpty()) {
                    List<org.openvtn.schemas.oadr20b.ei.EventResponses.EventResponse> answers = new ArrayList<>();
                    for (OadrEvent e : d.getOadrEvent()) {
                        answers.add(EventIT.answer(e.getEiEvent().getEventDescriptor().getEventID(),
                                e.getEiEvent().getEventDescriptor().getModificationNumber(), OptTypeType.OPT_IN,
                                "200"));
                    }
                    byte[] out = codec.encodePayload(EventIT.created(venId, answers));
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, OadrCodec.CONTENT_TYPE);
                    received.add(r); // recorded before the answer leaves, so the test sees the order
                    response.write(true, ByteBuffer.wrap(out), callback);
                    return true;
                }
                // fall through: nothing to answer synchronously
            default:
                received.add(r);
                response.setStatus(200);
                callback.succeeded();
                return true;
        }
    }

    @Override
    public String toString() {
        return "PushVen" + paths;
    }
}

package org.openvtn.cli.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.oadr3.client.WebhookChallenge;
import org.openvtn.transport.TlsHttpListener;

/**
 * The webhook callbacks of {@code openvtn bench oadr3-webhooks}: one HTTPS listener on 127.0.0.1 with a server
 * certificate issued by the PKI's OpenADR CA (which {@code openvtn dev}'s notifier trusts), one path per simulated
 * VEN ({@code /wh/<i>}). It answers the echo challenge of the 3.1 Definition ("Webhooks": 200 with the {@code echo}
 * value as the body) and records, per VEN, when the first notification of the measured event arrived (a POST whose
 * body names the bench's program and carries the expected bearer token); later ones for the same VEN are counted
 * as duplicates.
 */
final class Oadr3WebhookSink implements AutoCloseable {
    private static final char[] PASSWORD = "bench".toCharArray();

    private final EventLoopGroup group;
    private final Channel channel;
    private final String bearerToken;
    private final AtomicLongArray receivedAt;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong echoes = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private volatile String marker = "\u0000";

    /**
     * @param issuer      the CA that issues the listener's certificate (SAN 127.0.0.1, localhost)
     * @param vens        number of paths
     * @param bearerToken the token the subscriptions name; a POST without it is rejected (401)
     */
    Oadr3WebhookSink(CertificateAuthority issuer, int vens, String bearerToken, int threads) {
        this.bearerToken = bearerToken;
        this.receivedAt = new AtomicLongArray(vens);
        KeyPair kp = new KeyPairs().ecP256();
        Credential c = issuer.issue("bench-webhooks",
                CertificateProfiles.oadrServer("bench-webhooks", kp.getPublic(), Instant.now()).build(), kp.getPrivate());
        JdkSslContext ssl = new JdkSslContext(context(c), false, ClientAuth.NONE);
        this.group = new NioEventLoopGroup(threads, new DefaultThreadFactory("bench-webhook-sink", true));
        try {
            this.channel = TlsHttpListener.bind(group, ssl, "127.0.0.1", 0, 1 << 20, 300, Handler::new);
        } catch (RuntimeException e) {
            group.shutdownGracefully();
            throw e;
        }
    }

    private static SSLContext context(Credential c) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(c.toKeyStore(PASSWORD), PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("webhook sink TLS: " + e.getMessage(), e);
        }
    }

    /** @return the callback URL of VEN {@code i} */
    String callbackUrl(int i) {
        return "https://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort() + "/wh/" + i;
    }

    /** From now on a POST whose body contains {@code text} (e.g. {@code "programID":"<id>"}) is a delivery. */
    void expect(String text) {
        this.marker = text;
    }

    /** @return nanoTime of VEN {@code i}'s first delivery, 0 for none */
    long receivedAt(int i) {
        return receivedAt.get(i);
    }

    long received() {
        return received.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long rejected() {
        return rejected.get();
    }

    long echoes() {
        return echoes.get();
    }

    /** @return TLS connections the VTN opened to the listener so far (a measure of its connection reuse) */
    long connections() {
        return connections.get();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void delivered(int i, String body) {
        if (!body.contains(marker)) {
            return; // a notification of something else (another event or object type): not measured
        }
        if (receivedAt.compareAndSet(i, 0, System.nanoTime())) {
            received.incrementAndGet();
        } else {
            duplicates.incrementAndGet();
        }
    }

    private int index(String path) {
        if (!path.startsWith("/wh/")) {
            return -1;
        }
        try {
            int i = Integer.parseInt(path.substring(4));
            return i >= 0 && i < receivedAt.length() ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            connections.incrementAndGet();
            super.channelActive(ctx);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            int i = index(q.path());
            if (i < 0) {
                TlsHttpListener.replyText(ctx, req, HttpResponseStatus.NOT_FOUND, "");
            } else if (req.method().equals(HttpMethod.GET)) {
                String echo = WebhookChallenge.echo(q);
                if (echo != null) {
                    echoes.incrementAndGet();
                }
                WebhookChallenge.answer(ctx, req, echo);
            } else if (req.method().equals(HttpMethod.POST)) {
                if (!("Bearer " + bearerToken).equals(req.headers().get(HttpHeaderNames.AUTHORIZATION))) {
                    rejected.incrementAndGet();
                    TlsHttpListener.replyText(ctx, req, HttpResponseStatus.UNAUTHORIZED, "");
                    return;
                }
                delivered(i, req.content().toString(StandardCharsets.UTF_8));
                TlsHttpListener.replyText(ctx, req, HttpResponseStatus.OK, "");
            } else {
                TlsHttpListener.replyText(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}

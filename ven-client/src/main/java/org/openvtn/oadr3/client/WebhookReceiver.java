package org.openvtn.oadr3.client;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.function.Consumer;
import org.openvtn.transport.TlsHttpListener;

/**
 * The VEN's HTTPS webhook endpoint for 3.1 subscriptions (Definition, "Webhooks"; subscription
 * {@code objectOperations[].callbackUrl}). On its one path it answers:
 * <ul>
 *   <li>{@code GET ?echo=V} — the registration challenge: 200 with exactly {@code V} as the body ("the VEN ... MUST
 *   respond with 200 OK response and include the query string parameter value in the body"); without {@code echo} 400;</li>
 *   <li>{@code POST} a {@code notification} ({@code objectType}, {@code operation}, {@code object}) — 200 and the
 *   notification handed to the consumer (which must not block: it runs on the listener's I/O thread and should hop to
 *   its own executor); 400 for a body that is not a notification; with a bearer token configured (the
 *   subscription's {@code bearerToken}, which the VTN sends back) 401 unless {@code Authorization: Bearer} carries it;</li>
 *   <li>other paths 404, other methods 405, bodies above 1 MiB 413.</li>
 * </ul>
 * TLS with the VEN's own key store; no client certificate is asked (a VTN's webhook client need not have one).
 * Internal: used by {@link Oadr3VenClient}.
 */
final class WebhookReceiver implements AutoCloseable {
    static final int MAX_BYTES = 1 << 20;

    /** A received notification. */
    record Notification(String objectType, String operation, JsonNode object) {
    }

    private final EventLoopGroup group;
    private final Channel channel;
    private final String path;
    private final String bearerToken;
    private final Consumer<Notification> consumer;

    WebhookReceiver(String host, int port, String path, KeyStore keyStore, char[] password, String bearerToken,
                    Consumer<Notification> consumer) {
        this.path = path;
        this.bearerToken = bearerToken;
        this.consumer = consumer;
        JdkSslContext ssl = new JdkSslContext(Oadr3Tls.serverContext(keyStore, password), false, ClientAuth.NONE);
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("openvtn-oadr3-webhook", true));
        try {
            this.channel = TlsHttpListener.bind(group, ssl, host, port, MAX_BYTES, 60, Handler::new);
        } catch (RuntimeException e) {
            group.shutdownGracefully();
            throw new IllegalArgumentException("webhook listener cannot bind " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            if (!q.path().equals(path)) {
                TlsHttpListener.replyText(ctx, req, HttpResponseStatus.NOT_FOUND, "");
            } else if (req.method().equals(HttpMethod.GET)) {
                WebhookChallenge.answer(ctx, req, WebhookChallenge.echo(q));
            } else if (req.method().equals(HttpMethod.POST)) {
                if (bearerToken != null && !authorized(req.headers().get(HttpHeaderNames.AUTHORIZATION))) {
                    TlsHttpListener.replyText(ctx, req, HttpResponseStatus.UNAUTHORIZED, "");
                    return;
                }
                Notification n = parse(req.content().toString(StandardCharsets.UTF_8));
                if (n == null) {
                    TlsHttpListener.replyText(ctx, req, HttpResponseStatus.BAD_REQUEST, "");
                    return;
                }
                TlsHttpListener.replyText(ctx, req, HttpResponseStatus.OK, "");
                consumer.accept(n);
            } else {
                TlsHttpListener.replyText(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                bearerToken.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the notification, or null when the body is not one */
    static Notification parse(String body) {
        try {
            JsonNode n = Oadr3Http.JSON.readTree(body);
            if (n == null || !n.path("objectType").isTextual() || !n.path("operation").isTextual()
                    || !n.path("object").isObject()) {
                return null;
            }
            return new Notification(n.get("objectType").asText(), n.get("operation").asText(), n.get("object"));
        } catch (IOException e) {
            return null;
        }
    }
}

package org.openvtn.transport;

import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;

/**
 * The mutual-TLS HTTP/1.1 listener both client-side servers share: the OpenADR VEN's push listener
 * ({@code org.openvtn.ven.transport.PushServer}) and the 2030.5 device's notification listener
 * ({@code org.openvtn.device.transport.NotificationServer}). TLS first (the context decides protocol, suites and
 * whether a client certificate is required), idle connections closed, request line and headers bounded, bodies
 * aggregated up to {@code maxBytes}, then the caller's handler. Internal.
 */
public final class TlsHttpListener {
    private TlsHttpListener() {
    }

    /**
     * Binds a listener.
     *
     * @param handler makes the last pipeline handler for each connection (it receives FullHttpRequests)
     * @throws RuntimeException from Netty when the address cannot be bound (callers wrap it in their own type)
     */
    public static Channel bind(EventLoopGroup group, SslContext ssl, String host, int port, int maxBytes,
                               int idleSeconds, Supplier<ChannelHandler> handler) {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast("tls", ssl.newHandler(c.alloc()))
                                .addLast("idle", new ReadTimeoutHandler(idleSeconds, TimeUnit.SECONDS))
                                .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                                .addLast("aggregate", new HttpObjectAggregator(maxBytes))
                                .addLast("app", handler.get());
                    }
                }).bind(host, port).syncUninterruptibly().channel();
    }

    /** The certificate the caller presented on this connection, or null. */
    public static X509Certificate caller(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        try {
            Certificate[] chain = tls == null ? null : tls.engine().getSession().getPeerCertificates();
            return chain != null && chain.length > 0 && chain[0] instanceof X509Certificate c ? c : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /**
     * Answers {@code req} with {@code status} and {@code body} as {@code text/plain; charset=utf-8}, keeping the
     * connection open when the request asked for keep-alive (RFC 9112 §9.3) and closing it after the answer otherwise.
     */
    public static void replyText(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
                                 String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpUtil.setKeepAlive(r, keepAlive);
        var f = ctx.writeAndFlush(r);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }
}

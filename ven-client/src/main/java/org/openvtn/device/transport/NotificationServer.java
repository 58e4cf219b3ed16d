package org.openvtn.device.transport;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;


import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's notification listener (IEEE 2030.5-2018 §5.6.2: the server POSTs Notifications to the
 * notificationURI): mutual TLS with the 2030.5 profile (the caller's certificate must chain to the SERCA, §6.11),
 * {@code POST} to one path only, bodies bounded, idle connections closed. It only frames; the {@link Handler}
 * decides the status. Internal.
 */
public final class NotificationServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationServer.class);
    private static final int IDLE_SECONDS = 60;

    /** Judges one POSTed body; runs on the I/O thread, so it must only decode and hand over. */
    @FunctionalInterface
    public interface Handler {
        /** @return the HTTP status to answer (201/204 accepted, 400, 403) */
        int handle(byte[] body, X509Certificate caller);
    }

    private final Channel channel;

    private NotificationServer(Channel channel) {
        this.channel = channel;
    }

    /**
     * Binds the listener.
     *
     * @param path the request path notifications arrive at (e.g. {@code /notify})
     * @throws IllegalStateException when the address cannot be bound
     */
    public static NotificationServer bind(EventLoopGroup group, SslContext ssl, String host, int port, String path,
                                          int maxBytes, Handler handler) {
        return bindRouted(group, ssl, host, port, maxBytes, p -> p.equals(path) ? handler : null);
    }

    /**
     * Binds one listener for many devices: {@code route} maps a request path to the handler of the device it
     * belongs to (null: 404). A fleet shares one socket and one TLS context instead of one per device.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static NotificationServer bindRouted(EventLoopGroup group, SslContext ssl, String host, int port,
                                                int maxBytes, java.util.function.Function<String, Handler> route) {
        try {
            Channel ch = org.openvtn.transport.TlsHttpListener.bind(group, ssl, host, port, maxBytes, IDLE_SECONDS,
                    () -> new RequestHandler(route));
            return new NotificationServer(ch);
        } catch (RuntimeException e) {
            throw new IllegalStateException("notification listener cannot listen on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private static final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final java.util.function.Function<String, Handler> route;

        RequestHandler(java.util.function.Function<String, Handler> route) {
            this.route = route;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (!req.decoderResult().isSuccess()) {
                write(ctx, 400, false);
                return;
            }
            String p = req.uri();
            int q = p.indexOf('?');
            Handler handler = route.apply(q >= 0 ? p.substring(0, q) : p);
            if (handler == null) {
                write(ctx, 404, keepAlive);
                return;
            }
            if (!HttpMethod.POST.equals(req.method())) {
                write(ctx, 405, keepAlive);
                return;
            }
            int status;
            try {
                status = handler.handle(ByteBufUtil.getBytes(req.content()), caller(ctx));
            } catch (RuntimeException e) {
                LOG.warn("notification handler failed", e);
                status = 500;
            }
            write(ctx, status, keepAlive);
        }

        private static X509Certificate caller(ChannelHandlerContext ctx) {
            return org.openvtn.transport.TlsHttpListener.caller(ctx);
        }

        private static void write(ChannelHandlerContext ctx, int status, boolean keepAlive) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                    Unpooled.EMPTY_BUFFER);
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            HttpUtil.setKeepAlive(res, keepAlive);
            var f = ctx.writeAndFlush(res);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("notification connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}

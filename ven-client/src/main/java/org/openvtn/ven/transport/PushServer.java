package org.openvtn.ven.transport;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.CompletableFuture;


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
import org.openvtn.ven.VenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a push VEN (OpenADR 2.0b §9.1, push exchange model): a mutual-TLS HTTP/1.1 server on the shared
 * Netty event loops that accepts {@code POST} to the 2.0b service endpoints, in both URL conventions found in the
 * field: {@code <base>/OpenADR2/Simple/2.0b/<Service>} (§9.1.2) and {@code <base>/<Service>}. It only frames: the
 * body, the service name and the caller's TLS certificate go to the {@link Handler}, which runs off the I/O thread
 * and completes with the synchronous answer. Bodies are bounded; idle connections are closed. Internal.
 */
public final class PushServer implements AutoCloseable {

    /** The services a VTN posts to. */
    public static final Set<String> SERVICES = Set.of("EiEvent", "EiReport", "EiRegisterParty", "EiOpt");

    private static final Logger LOG = LoggerFactory.getLogger(PushServer.class);
    private static final String PREFIX = "/OpenADR2/Simple/2.0b/";
    private static final int IDLE_SECONDS = 60;

    /** Handles one pushed document; must not block the calling (I/O) thread. */
    @FunctionalInterface
    public interface Handler {
        CompletableFuture<Answer> handle(String service, byte[] body, X509Certificate caller);
    }

    /** The HTTP answer: status and body (empty for an empty 200). */
    public record Answer(int status, byte[] body) {
    }

    private final Channel channel;
    private final String basePath;

    private PushServer(Channel channel, String basePath) {
        this.channel = channel;
        this.basePath = basePath;
    }

    /**
     * Binds the listener.
     *
     * @param basePath the path of the advertised address ({@code ""} for the root); services live below it
     * @throws VenException of kind TRANSPORT when the address cannot be bound
     */
    public static PushServer bind(EventLoopGroup group, SslContext ssl, String host, int port, String basePath,
                                  int maxMessageBytes, Handler handler) {
        String base = basePath == null ? "" : basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1)
                : basePath;
        try {
            Channel ch = org.openvtn.transport.TlsHttpListener.bind(group, ssl, host, port, maxMessageBytes, IDLE_SECONDS,
                    () -> new RequestHandler(base, handler));
            return new PushServer(ch, base);
        } catch (RuntimeException e) {
            throw new VenException(VenException.Kind.TRANSPORT, 0, "push listener cannot listen on " + host + ":"
                    + port + ": " + e.getMessage(), null);
        }
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The service named by a request path, or null when the path is not a service endpoint of this listener. */
    static String service(String basePath, String uri) {
        String path = uri;
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        if (!path.startsWith(basePath + "/")) {
            return null;
        }
        String rest = path.substring(basePath.length());
        if (rest.startsWith(PREFIX)) {
            rest = rest.substring(PREFIX.length());
        } else {
            rest = rest.substring(1);
        }
        return SERVICES.contains(rest) ? rest : null;
    }

    String basePath() {
        return basePath;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private static final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final String base;
        private final Handler handler;

        RequestHandler(String base, Handler handler) {
            this.base = base;
            this.handler = handler;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (!req.decoderResult().isSuccess()) {
                write(ctx, new Answer(400, new byte[0]), false);
                return;
            }
            String service = service(base, req.uri());
            if (service == null) {
                write(ctx, new Answer(404, new byte[0]), keepAlive);
                return;
            }
            if (!HttpMethod.POST.equals(req.method())) {
                write(ctx, new Answer(405, new byte[0]), keepAlive);
                return;
            }
            X509Certificate caller = caller(ctx);
            byte[] body = ByteBufUtil.getBytes(req.content());
            CompletableFuture<Answer> answer;
            try {
                answer = handler.handle(service, body, caller);
            } catch (RuntimeException e) {
                LOG.warn("push handler failed", e);
                answer = CompletableFuture.completedFuture(new Answer(500, new byte[0]));
            }
            answer.whenComplete((a, err) -> write(ctx, err != null ? new Answer(500, new byte[0]) : a, keepAlive));
        }

        private static X509Certificate caller(ChannelHandlerContext ctx) {
            return org.openvtn.transport.TlsHttpListener.caller(ctx);
        }

        private static void write(ChannelHandlerContext ctx, Answer a, boolean keepAlive) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(a.status()), Unpooled.wrappedBuffer(a.body()));
            if (a.body().length > 0) {
                res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/xml");
            }
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, a.body().length);
            HttpUtil.setKeepAlive(res, keepAlive);
            var f = ctx.writeAndFlush(res);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("push connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}

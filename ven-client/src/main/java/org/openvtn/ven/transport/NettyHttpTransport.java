package org.openvtn.ven.transport;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

import javax.net.ssl.SSLException;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.openvtn.ven.RetryPolicy;
import org.openvtn.ven.VenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/1.1 over mutual TLS on Netty, one keep-alive connection per client reused for every request
 * (requests are sent one at a time, as a pull VEN's exchanges are sequential). All state lives on
 * one event loop of the shared group, so hundreds of clients share a few I/O threads. Connect and
 * read timeouts; connection failures, timeouts and HTTP 5xx are retried per {@link RetryPolicy}.
 * TLS failures (bad certificate) are not retried. Internal.
 */
public final class NettyHttpTransport implements OadrTransport {

    private static final Logger LOG = LoggerFactory.getLogger(NettyHttpTransport.class);
    private static final String PREFIX = "/OpenADR2/Simple/2.0b/";

    private final EventLoop loop;
    private final SslContext ssl;
    private final String host;
    private final int port;
    private final String basePath;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final RetryPolicy retry;
    private final RandomGenerator random;
    private final int maxResponseBytes;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private volatile boolean keepAlive = true;

    // Event-loop confined state.
    private final ArrayDeque<Exchange> queue = new ArrayDeque<>();
    private Channel channel;
    private Exchange current;
    private boolean closed;

    private final class Exchange {
        final String path;
        final byte[] body;
        final CompletableFuture<HttpReply> result = new CompletableFuture<>();
        ScheduledFuture<?> timeout;

        Exchange(String path, byte[] body) {
            this.path = path;
            this.body = body;
        }
    }

    public NettyHttpTransport(EventLoop loop, SslContext ssl, URI base, Duration connectTimeout, Duration readTimeout,
                              RetryPolicy retry, RandomGenerator random, int maxResponseBytes) {
        this.loop = loop;
        this.ssl = ssl;
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 443 : base.getPort();
        String p = base.getRawPath() == null ? "" : base.getRawPath();
        this.basePath = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.retry = retry;
        this.random = random;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** How many TCP connections this transport has opened (keep-alive makes it 1 in the good case). */
    public int connectionsOpened() {
        return connections.get();
    }

    /**
     * With {@code false} every request asks for {@code Connection: close} (RFC 9112 §9.6), so each request runs on a
     * connection of its own and the TLS session is resumed from the context's client session cache when the VTN
     * allows it (a fleet of short-lived polls, issue #18). Default {@code true}: one persistent connection.
     */
    public void setKeepAlive(boolean keepAlive) {
        this.keepAlive = keepAlive;
    }

    /** Completed TLS handshakes, full or abbreviated (resumed session). */
    public int handshakes() {
        return handshakes.get();
    }

    @Override
    public CompletableFuture<HttpReply> post(String service, byte[] body) {
        CompletableFuture<HttpReply> out = new CompletableFuture<>();
        attempt(basePath + PREFIX + service, body, 1, out);
        return out;
    }

    private void attempt(String path, byte[] body, int n, CompletableFuture<HttpReply> out) {
        sendOnce(path, body).whenComplete((reply, err) -> {
            boolean retryable = err != null ? retryable(err) && !closed
                    : reply.status() >= 500;
            if (!retryable || n >= retry.maxAttempts()) {
                if (err != null) {
                    out.completeExceptionally(transportError(path, err));
                } else if (reply.status() >= 500) {
                    out.completeExceptionally(new VenException(VenException.Kind.TRANSPORT, 0,
                            "VTN answered HTTP " + reply.status() + " to " + path + " after " + n + " attempts", null));
                } else {
                    out.complete(reply);
                }
                return;
            }
            Duration d = retry.delay(n, random);
            LOG.debug("{} failed (attempt {}): {}; retrying in {} ms", path, n,
                    err != null ? root(err).toString() : "HTTP " + reply.status(), d.toMillis());
            try {
                loop.schedule(() -> attempt(path, body, n + 1, out), d.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RuntimeException rejected) {
                out.completeExceptionally(transportError(path, rejected));
            }
        });
    }

    private VenException transportError(String path, Throwable err) {
        Throwable r = root(err);
        if (r instanceof VenException v) {
            return v;
        }
        String what = r instanceof SSLException ? "TLS failure" : r instanceof TimeoutException ? "timeout" : "I/O failure";
        return new VenException(closed ? VenException.Kind.CLOSED : VenException.Kind.TRANSPORT, 0,
                what + " on " + host + ":" + port + path + ": " + detail(r), null);
    }

    /**
     * The exception's message, or its class where it has none (Netty's ClosedChannelException), with the message of a
     * suppressed one (Netty adds "Connection closed while SSL/TLS handshake was in progress" there): "I/O failure ...
     * null" told an operator nothing (issue #18).
     */
    static String detail(Throwable r) {
        StringBuilder b = new StringBuilder(r.getMessage() != null ? r.getMessage() : r.getClass().getSimpleName());
        for (Throwable s : r.getSuppressed()) {
            b.append(" (").append(s.getMessage() != null ? s.getMessage() : s.getClass().getSimpleName()).append(')');
        }
        return b.toString();
    }

    private static Throwable root(Throwable t) {
        Throwable c = t;
        Throwable last = t;
        for (int i = 0; c != null && i < 10; i++) {
            if (c instanceof SSLException || c instanceof VenException) {
                return c;
            }
            last = c;
            c = c.getCause();
        }
        return last;
    }

    private static boolean retryable(Throwable err) {
        Throwable r = root(err);
        return !(r instanceof SSLException) || r instanceof io.netty.handler.ssl.SslClosedEngineException;
    }

    /** One request on the (reused) connection. */
    CompletableFuture<HttpReply> sendOnce(String path, byte[] body) {
        Exchange ex = new Exchange(path, body);
        try {
            loop.execute(() -> {
                if (closed) {
                    ex.result.completeExceptionally(new ClosedChannelException());
                    return;
                }
                queue.add(ex);
                drain();
            });
        } catch (RuntimeException rejected) {
            ex.result.completeExceptionally(new IOException("event loop shut down"));
        }
        return ex.result;
    }

    private void drain() {
        if (current != null || queue.isEmpty()) {
            return;
        }
        current = queue.poll();
        Exchange ex = current;
        if (channel != null && channel.isActive()) {
            write(channel, ex);
            return;
        }
        connect().addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                finish(ex, null, f.cause());
                return;
            }
            channel = f.channel();
            write(channel, ex);
        });
    }

    private ChannelFuture connect() {
        connections.incrementAndGet();
        return new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler tls = ssl.newHandler(ch.alloc(), host, port);
                        tls.setHandshakeTimeoutMillis(Math.max(1000, connectTimeout.toMillis()));
                        ch.pipeline().addLast("tls", tls)
                                .addLast("http", new HttpClientCodec())
                                .addLast("aggregate", new HttpObjectAggregator(maxResponseBytes))
                                .addLast("reply", new ReplyHandler());
                        tls.handshakeFuture().addListener(h -> {
                            if (!h.isSuccess()) {
                                failCurrent(ch, h.cause());
                            } else {
                                handshakes.incrementAndGet();
                            }
                        });
                    }
                }).connect(host, port);
    }

    private void write(Channel ch, Exchange ex) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, ex.path,
                Unpooled.wrappedBuffer(ex.body));
        req.headers().set(HttpHeaderNames.HOST, host + ":" + port)
                .set(HttpHeaderNames.CONTENT_TYPE, "application/xml")
                .set(HttpHeaderNames.ACCEPT, "application/xml")
                .set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, ex.body.length);
        ex.timeout = loop.schedule(() -> {
            if (current == ex) {
                finish(ex, null, new TimeoutException("no reply within " + readTimeout.toMillis() + " ms"));
                ch.close();
            }
        }, readTimeout.toNanos(), TimeUnit.NANOSECONDS);
        ch.writeAndFlush(req).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                failCurrent(ch, f.cause());
            }
        });
    }

    private void failCurrent(Channel ch, Throwable cause) {
        if (current != null && ch == channel || current != null && channel == null) {
            finish(current, null, cause);
        }
        ch.close();
    }

    private void finish(Exchange ex, HttpReply reply, Throwable err) {
        if (ex.timeout != null) {
            ex.timeout.cancel(false);
        }
        if (current == ex) {
            current = null;
        }
        if (err != null) {
            ex.result.completeExceptionally(err);
        } else {
            ex.result.complete(reply);
        }
        drain();
    }

    /** The VTN's certificate of this connection, for checking the signer of a signed answer. */
    private static java.security.cert.X509Certificate serverCertificate(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        try {
            java.security.cert.Certificate[] chain = tls == null ? null : tls.engine().getSession().getPeerCertificates();
            return chain != null && chain.length > 0 && chain[0] instanceof java.security.cert.X509Certificate c ? c : null;
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private final class ReplyHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
            Exchange ex = current;
            if (ex == null) {
                return;
            }
            boolean keep = keepAlive && HttpUtil.isKeepAlive(msg);
            HttpReply reply = new HttpReply(msg.status().code(), ByteBufUtil.getBytes(msg.content()),
                    serverCertificate(ctx));
            if (!keep) {
                ctx.close();
                if (channel == ctx.channel()) {
                    channel = null;
                }
            }
            finish(ex, reply, null);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (channel == ctx.channel()) {
                channel = null;
                if (current != null) {
                    finish(current, null, new IOException("connection closed by the VTN"));
                }
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (channel == ctx.channel() && current != null) {
                finish(current, null, cause);
            }
            ctx.close();
        }
    }

    @Override
    public void close() {
        try {
            loop.execute(() -> {
                closed = true;
                if (channel != null) {
                    channel.close();
                    channel = null;
                }
                Exchange ex;
                while ((ex = queue.poll()) != null) {
                    ex.result.completeExceptionally(new ClosedChannelException());
                }
                if (current != null) {
                    finish(current, null, new ClosedChannelException());
                }
            });
        } catch (RuntimeException alreadyShutDown) {
            closed = true;
        }
    }
}

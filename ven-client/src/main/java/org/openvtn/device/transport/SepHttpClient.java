package org.openvtn.device.transport;

import java.io.IOException;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocking HTTP/1.1 over mutual TLS on Netty for one 2030.5 client: one kept-alive connection, reopened when the
 * server closed it, requests one at a time (a device's exchanges are sequential). The TLS context comes from the
 * certs module's IEEE 2030.5 profile (TLS 1.2, {@code TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8}, server checked against
 * the SERCA). Internal.
 */
public final class SepHttpClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SepHttpClient.class);
    private static final Logger WIRE = LoggerFactory.getLogger("org.openvtn.wire.sep.device");
    private static final String CONTENT_TYPE = "application/sep+xml";

    /** One answer: HTTP status, Location header (or null), body, and the server's certificate of the connection. */
    public record Reply(int status, String location, byte[] body, X509Certificate server) {
    }

    private final EventLoopGroup group;
    private final ClientTls ssl;
    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxResponseBytes;

    private volatile Channel channel;
    private volatile CompletableFuture<Reply> current;
    private volatile X509Certificate serverCertificate;

    /**
     * @param group            event loops (shared by a fleet)
     * @param ssl              Netty client context of the 2030.5 profile
     * @param server           the server's base URI (scheme, host, port)
     * @param connectTimeout   TCP connect and TLS handshake bound
     * @param readTimeout      bound on each answer
     * @param maxResponseBytes largest body accepted
     */
    public SepHttpClient(EventLoopGroup group, SslContext ssl, URI server, Duration connectTimeout, Duration readTimeout,
                         int maxResponseBytes) {
        this(group, ClientTls.of(ssl), server, connectTimeout, readTimeout, maxResponseBytes);
    }

    /**
     * @param group            event loops (shared by a fleet)
     * @param ssl              the TLS handlers of the device's connections (own context or a fleet's shared one)
     * @param server           the server's base URI (scheme, host, port)
     * @param connectTimeout   TCP connect and TLS handshake bound
     * @param readTimeout      bound on each answer
     * @param maxResponseBytes largest body accepted
     */
    public SepHttpClient(EventLoopGroup group, ClientTls ssl, URI server, Duration connectTimeout, Duration readTimeout,
                         int maxResponseBytes) {
        this.group = group;
        this.ssl = ssl;
        this.host = server.getHost();
        this.port = server.getPort() < 0 ? 443 : server.getPort();
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** The certificate the server presented on the last connection (null before the first). */
    public X509Certificate serverCertificate() {
        return serverCertificate;
    }

    /**
     * Sends one request and waits for its answer.
     *
     * @param method GET, POST, PUT, DELETE
     * @param path   absolute path with query (as the server's hrefs give it)
     * @param body   sep+xml body or null
     * @throws IOException on connection, TLS or timeout failure
     */
    public synchronized Reply exchange(String method, String path, byte[] body) throws IOException {
        CompletableFuture<Reply> f = new CompletableFuture<>();
        current = f;
        try {
            Channel ch = channel();
            FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), path,
                    body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
            req.headers().set(HttpHeaderNames.HOST, host + ":" + port)
                    .set(HttpHeaderNames.ACCEPT, CONTENT_TYPE)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body == null ? 0 : body.length);
            if (body != null) {
                req.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
            }
            if (WIRE.isDebugEnabled()) {
                WIRE.debug("> {} {}{}", method, path, body == null ? "" : "\n" + new String(body,
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            ch.writeAndFlush(req).addListener(w -> {
                if (!w.isSuccess()) {
                    f.completeExceptionally(w.cause());
                }
            });
            Reply r = f.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (WIRE.isDebugEnabled()) {
                WIRE.debug("< {} {} {}", r.status(), path, new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return r;
        } catch (TimeoutException e) {
            drop();
            throw new IOException("no answer to " + method + " " + path + " within " + readTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drop();
            throw new IOException("interrupted during " + method + " " + path);
        } catch (ExecutionException e) {
            drop();
            Throwable c = e.getCause();
            throw new IOException(method + " " + path + " on " + host + ":" + port + " failed: " + c, c);
        } finally {
            current = null;
        }
    }

    private Channel channel() throws IOException, InterruptedException, ExecutionException, TimeoutException {
        if (channel != null && channel.isActive()) {
            return channel;
        }
        Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        SslHandler tls = ssl.newHandler(c.alloc(), host, port);
                        tls.setHandshakeTimeoutMillis(Math.max(1000, connectTimeout.toMillis()));
                        c.pipeline().addLast("tls", tls)
                                .addLast("http", new HttpClientCodec())
                                .addLast("aggregate", new HttpObjectAggregator(maxResponseBytes))
                                .addLast("reply", new ReplyHandler());
                    }
                }).connect(host, port).await().channel();
        if (!ch.isActive()) {
            throw new IOException("cannot connect to " + host + ":" + port);
        }
        SslHandler tls = ch.pipeline().get(SslHandler.class);
        Channel hs;
        try {
            hs = tls.handshakeFuture().get(connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            ch.close(); // never assigned to this.channel: close it here
            throw e;
        }
        serverCertificate = peer(tls);
        ssl.established(tls);
        LOG.debug("TLS to {}:{} {} {}", host, port, tls.engine().getSession().getProtocol(),
                tls.engine().getSession().getCipherSuite());
        channel = hs;
        return hs;
    }

    private static X509Certificate peer(SslHandler tls) {
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate c ? c : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private void drop() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private final class ReplyHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
            CompletableFuture<Reply> f = current;
            if (!HttpUtil.isKeepAlive(msg)) {
                if (channel == ctx.channel()) {
                    channel = null; // the next request opens a new connection
                }
                ctx.close();
            }
            if (f != null) {
                f.complete(new Reply(msg.status().code(), msg.headers().get(HttpHeaderNames.LOCATION),
                        ByteBufUtil.getBytes(msg.content()), serverCertificate));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            CompletableFuture<Reply> f = current;
            if (f != null && channel == ctx.channel()) {
                f.completeExceptionally(new IOException("connection closed by the server"));
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            CompletableFuture<Reply> f = current;
            if (f != null && channel == ctx.channel()) {
                f.completeExceptionally(cause);
            }
            ctx.close();
        }
    }

    @Override
    public synchronized void close() {
        drop();
    }
}

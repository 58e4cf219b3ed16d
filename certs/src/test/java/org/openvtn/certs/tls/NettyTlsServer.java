package org.openvtn.certs.tls;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.openvtn.certs.identity.CertificateIdentity;

/**
 * A real Netty TLS server on 127.0.0.1, port 0, with {@link TlsFactory#nettyServerContext()}.
 * Each handshake outcome is queued: the peer's identity on success, the failure otherwise.
 * {@link #connect} is the matching Netty client.
 */
final class NettyTlsServer implements AutoCloseable {

    /** A handshake seen by the server: the peer's identity and suite, or the failure. */
    record Outcome(CertificateIdentity peer, String cipherSuite, Throwable failure) {
    }

    /** A handshake seen by the client. */
    record ClientOutcome(String cipherSuite, String protocol) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

    NettyTlsServer(TlsFactory tls) throws InterruptedException {
        SslContext ctx = tls.nettyServerContext();
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // peer host and port make the rejection log line name the client
                        SslHandler ssl = ctx.newHandler(ch.alloc(), ch.remoteAddress().getHostString(),
                                ch.remoteAddress().getPort());
                        ch.pipeline().addLast(ssl);
                        ssl.handshakeFuture().addListener(f -> {
                            if (f.isSuccess()) {
                                var session = ssl.engine().getSession();
                                outcomes.add(new Outcome(PeerIdentities.of(session).orElse(null),
                                        session.getCipherSuite(), null));
                                ch.writeAndFlush(Unpooled.copiedBuffer("hello\n", StandardCharsets.US_ASCII));
                            } else {
                                outcomes.add(new Outcome(null, null, f.cause()));
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The next server-side handshake outcome, waiting at most 10 s. */
    Outcome nextOutcome() throws InterruptedException {
        Outcome o = outcomes.poll(10, TimeUnit.SECONDS);
        if (o == null) {
            throw new AssertionError("no handshake reached the server within 10 s");
        }
        return o;
    }

    /** Connects a Netty client to host name {@code localhost} at 127.0.0.1 and completes with its handshake. */
    CompletableFuture<ClientOutcome> connect(TlsFactory client) {
        return connect(client.nettyClientContext());
    }

    /** Connects a Netty client with any client context. */
    CompletableFuture<ClientOutcome> connect(SslContext ctx) {
        CompletableFuture<ClientOutcome> result = new CompletableFuture<>();
        new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                SslHandler ssl = ctx.newHandler(ch.alloc(), "localhost", port());
                ch.pipeline().addLast(ssl);
                ssl.handshakeFuture().addListener(f -> {
                    if (f.isSuccess()) {
                        var s = ssl.engine().getSession();
                        result.complete(new ClientOutcome(s.getCipherSuite(), s.getProtocol()));
                    } else {
                        result.completeExceptionally(f.cause());
                    }
                    ch.close();
                });
            }
        }).connect("127.0.0.1", port()).addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

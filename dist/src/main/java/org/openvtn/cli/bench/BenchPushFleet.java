package org.openvtn.cli.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
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
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.openvtn.certs.pki.Credential;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.ven.RetryPolicy;
import org.openvtn.ven.protocol.Messages;
import org.openvtn.ven.OptType;
import org.openvtn.ven.transport.HttpReply;
import org.openvtn.ven.transport.NettyHttpTransport;

/**
 * N OpenADR 2.0b push VENs in one process for {@code openvtn bench push}: each has its own certificate and its own
 * mutual-TLS listener on loopback (its oadrTransportAddress), all on a few Netty I/O threads. A reachable VEN answers
 * every push synchronously (oadrCreatedEvent optIn for an oadrDistributeEvent, oadrResponse 200 otherwise), so
 * the VTN records its answer in the same exchange. An unreachable VEN registers either a port nobody listens on
 * (connection refused) or a black hole: a listener that accepts TCP and never reads (the TLS handshake never
 * completes). Registration uses one short-lived connection per VEN, so the process holds about one socket per
 * listener plus the VTN's open push connections (accepted connections idle for 15 s are closed).
 */
final class BenchPushFleet implements AutoCloseable {
    /** How a VEN of the fleet behaves. */
    enum Kind { REACHABLE, REFUSED, BLACK_HOLE }

    private final OadrCodec codec = OadrCodec.create(new PublishedSchemas());
    private final EventLoopGroup io;
    private final List<Credential> vens;
    private final Kind[] kinds;
    private final SSLContext[] contexts;
    private final TrustManagerFactory trust;
    private final URI vtnBase;
    private final String[] venIds;
    private final String[] registrationIds;
    private final String[] addresses;
    private final List<Channel> listeners = new ArrayList<>();
    private final AtomicIntegerArray pushes;
    private final AtomicLongArray eventSeenAt;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicReference<String> firstProblem =
            new java.util.concurrent.atomic.AtomicReference<>();
    // completed with the venID when the registration answer has been read: the VTN may push (METADATA, the current
    // event list) before the bench has read that answer, and an oadrCreatedEvent needs the venID
    private final CompletableFuture<String>[] registered;
    private volatile String eventId;

    BenchPushFleet(URI vtn, Path caFile, List<Credential> vens, Kind[] kinds, int ioThreads) throws Exception {
        this.vens = vens;
        this.kinds = kinds;
        this.vtnBase = URI.create(vtn.toString().replaceFirst("/OpenADR2/Simple/2\\.0b/?$", ""));
        this.io = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
        trust = BenchTls.trust(caFile);
        int n = vens.size();
        contexts = new SSLContext[n];
        venIds = new String[n];
        registrationIds = new String[n];
        addresses = new String[n];
        pushes = new AtomicIntegerArray(n);
        eventSeenAt = new AtomicLongArray(n);
        @SuppressWarnings("unchecked")
        CompletableFuture<String>[] r = new CompletableFuture[n];
        for (int i = 0; i < n; i++) {
            r[i] = new CompletableFuture<>();
        }
        registered = r;
    }

    int size() {
        return vens.size();
    }

    Kind kind(int i) {
        return kinds[i];
    }

    String venId(int i) {
        return venIds[i];
    }

    /** Pushes received by VEN {@code i} (any message). */
    int pushes(int i) {
        return pushes.get(i);
    }

    /** System.nanoTime() when VEN {@code i} received the watched event, 0 before. */
    long eventSeenAt(int i) {
        return eventSeenAt.get(i);
    }

    /** Pushes a VEN could not decode or answer. */
    long undecodable() {
        return undecodable.get();
    }

    /** @return why the first of {@link #undecodable()} failed, null when none did */
    String firstProblem() {
        return firstProblem.get();
    }

    /** @return VEN {@code i}'s oadrTransportAddress */
    String address(int i) {
        return addresses[i];
    }

    /** Records VEN {@code i}'s registration answer; pushes waiting for its venID are answered now. */
    void registered(int i, String venId, String registrationId) {
        venIds[i] = venId;
        registrationIds[i] = registrationId;
        registered[i].complete(venId);
    }

    void watch(String id) {
        eventId = id;
    }

    /**
     * Binds every VEN's listener (port 0: ephemeral) on {@code host}; refused VENs get ports that were free after
     * every listener was bound (taken together, then released), so no listener of the fleet reuses one.
     */
    void listen(String host) throws Exception {
        List<ServerSocket> reserved = new ArrayList<>();
        try {
            for (int i = 0; i < vens.size(); i++) {
                contexts[i] = BenchTls.venContext(vens.get(i), trust);
                if (kinds[i] != Kind.REFUSED) {
                    Channel ch = bind(host, i);
                    listeners.add(ch);
                    addresses[i] = address(host, ((InetSocketAddress) ch.localAddress()).getPort());
                }
            }
            for (int i = 0; i < vens.size(); i++) {
                if (kinds[i] == Kind.REFUSED) {
                    ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(host));
                    reserved.add(s);
                    addresses[i] = address(host, s.getLocalPort());
                }
            }
        } finally {
            for (ServerSocket s : reserved) {
                s.close(); // closed again: connecting there is refused
            }
        }
    }

    private static String address(String host, int port) {
        return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private Channel bind(String host, int ven) throws InterruptedException {
        boolean hole = kinds[ven] == Kind.BLACK_HOLE;
        SslContext server = hole ? null : BenchTls.nettyServer(contexts[ven]);
        return new ServerBootstrap().group(io).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 64)
                .childOption(ChannelOption.AUTO_READ, !hole)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (hole) {
                            return; // accepts TCP, never reads: the VTN's TLS handshake hangs until it gives up
                        }
                        ch.pipeline().addLast(new IdleStateHandler(0, 0, 15, TimeUnit.SECONDS) {
                            @Override
                            protected void channelIdle(ChannelHandlerContext ctx,
                                                       io.netty.handler.timeout.IdleStateEvent evt) {
                                ctx.close();
                            }
                        });
                        ch.pipeline().addLast(server.newHandler(ch.alloc()));
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new Answer(ven));
                    }
                }).bind(host, 0).sync().channel();
    }

    /** The synchronous push answer of one reachable VEN. */
    private final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final int ven;

        Answer(int ven) {
            this.ven = ven;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            long now = System.nanoTime();
            byte[] body = ByteBufUtil.getBytes(req.content());
            boolean keep = HttpUtil.isKeepAlive(req);
            Object m;
            try {
                m = codec.unwrap(codec.decodePayload(body));
                pushes.incrementAndGet(ven);
            } catch (Exception e) {
                problem("undecodable push: " + e.getMessage());
                write(ctx, new byte[0], keep);
                return;
            }
            // answered once the VEN knows its venID (at once, except for the pushes that overtake the registration)
            registered[ven].thenAccept(venId -> ctx.executor().execute(() -> {
                byte[] answer;
                try {
                    answer = answer(m, venId, now);
                    answered.incrementAndGet();
                } catch (Exception e) {
                    problem("unanswerable push: " + e.getMessage());
                    answer = new byte[0];
                }
                write(ctx, answer, keep);
            }));
        }

        private byte[] answer(Object m, String venId, long now) throws Exception {
            if (m instanceof OadrDistributeEventType d) {
                List<Messages.EventAnswer> list = new ArrayList<>();
                for (OadrDistributeEventType.OadrEvent e : d.getOadrEvent()) {
                    var desc = e.getEiEvent().getEventDescriptor();
                    if (desc.getEventID().equals(eventId)) {
                        eventSeenAt.compareAndSet(ven, 0, now);
                    }
                    list.add(new Messages.EventAnswer(desc.getEventID(), desc.getModificationNumber(), 200, "OK",
                            OptType.OPT_IN, d.getRequestID()));
                }
                return codec.encodePayload(list.isEmpty()
                        ? Messages.response(200, "OK", d.getRequestID(), venId)
                        : Messages.createdEvent(venId, d.getRequestID(), list));
            }
            return codec.encodePayload(Messages.response(200, "OK", "", venId));
        }

        private void write(ChannelHandlerContext ctx, byte[] answer, boolean keep) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(answer));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, OadrCodec.CONTENT_TYPE);
            HttpUtil.setContentLength(r, answer.length);
            HttpUtil.setKeepAlive(r, keep);
            var f = ctx.writeAndFlush(r);
            if (!keep) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * Registers every VEN as a push VEN (oadrCreatePartyRegistration with oadrHttpPullModel=false and its
     * oadrTransportAddress), {@code concurrency} at a time, each over its own short-lived connection.
     */
    void registerAll(int concurrency, Duration timeout) throws Exception {
        Semaphore permits = new Semaphore(concurrency);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < vens.size(); i++) {
            if (!permits.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("registration did not finish within " + timeout);
            }
            int v = i;
            byte[] body = codec.encodePayload(Messages.createPartyRegistration(vens.get(i).name(), null, null, false,
                    addresses[i]));
            all.add(once(v, "EiRegisterParty", body).thenAccept(reply -> {
                try {
                    Object m = codec.decodeMessage(reply.body());
                    if (!(m instanceof OadrCreatedPartyRegistrationType c)
                            || !"200".equals(c.getEiResponse().getResponseCode())) {
                        throw new IllegalStateException("VEN " + vens.get(v).name() + " not registered: HTTP "
                                + reply.status() + " " + new String(reply.body(), StandardCharsets.UTF_8));
                    }
                    registered(v, c.getVenID(), c.getRegistrationID());
                } catch (org.openvtn.schemas.XmlCodecException e) {
                    throw new IllegalStateException("unreadable registration answer: " + e.getMessage(), e);
                }
            }).whenComplete((ok, err) -> permits.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Cancels the registrations (oadrCancelPartyRegistration), {@code concurrency} at a time. */
    int cancelAll(int concurrency, Duration timeout) throws Exception {
        AtomicInteger ok = new AtomicInteger();
        Semaphore permits = new Semaphore(concurrency);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < vens.size(); i++) {
            if (registrationIds[i] == null) {
                continue;
            }
            permits.acquire();
            byte[] body = codec.encodePayload(Messages.cancelPartyRegistration(registrationIds[i], venIds[i]));
            all.add(once(i, "EiRegisterParty", body).thenAccept(r -> {
                if (r.status() == 200) {
                    ok.incrementAndGet();
                }
            }).exceptionally(e -> null).whenComplete((x, e) -> permits.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return ok.get();
    }

    /** One request over a connection of its own, closed after the answer. */
    private CompletableFuture<HttpReply> once(int ven, String service, byte[] body) {
        SslContext client = BenchTls.nettyClient(contexts[ven]);
        RetryPolicy one = new RetryPolicy(1, Duration.ofMillis(100), Duration.ofMillis(100), 1.0, 0.0);
        NettyHttpTransport t = new NettyHttpTransport(io.next(), client, vtnBase, Duration.ofSeconds(10),
                Duration.ofSeconds(60), one, new Random(ven), 1 << 20);
        return t.post(service, body).whenComplete((r, e) -> t.close());
    }

    private void problem(String why) {
        undecodable.incrementAndGet();
        firstProblem.compareAndSet(null, why);
    }

    @Override
    public void close() {
        for (Channel c : listeners) {
            c.close();
        }
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

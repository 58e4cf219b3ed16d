package org.openvtn.ven.testing;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
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
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.oadr20b.OadrCreatePartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.oadr20b.OadrQueryRegistrationType;
import org.openvtn.schemas.oadr20b.OadrRegisterReportType;
import org.openvtn.schemas.oadr20b.OadrRequestEventType;
import org.openvtn.schemas.oadr20b.OadrUpdateReportType;

/**
 * A scripted OpenADR 2.0b VTN for transport and protocol tests: a real Netty HTTPS server with
 * mutual TLS on 127.0.0.1, port 0, answering schema-valid XML built with the codec (validated in
 * both directions). Registers VENs, keeps one event list for all of them, queues messages per VEN
 * for OadrPoll, and records everything it receives.
 */
public final class FakeVtn implements AutoCloseable {

    /** A message the VTN received and the answer it got (null when a raw body or an HTTP error was sent). */
    public record Received(String service, Object message, Object answer) {
    }

    /** A registered VEN. */
    public record Ven(String venName, String venId, String registrationId) {
    }

    private final OadrCodec codec;
    private final SslContext ssl;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private volatile Channel server;
    private volatile int port;
    private final AtomicInteger venSeq = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    public final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    public final Map<String, Ven> vensByName = new ConcurrentHashMap<>();
    private final Map<String, Queue<Object>> queues = new ConcurrentHashMap<>();
    private final List<VtnMessages.EventSpec> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The next N requests are answered with this HTTP status. */
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile int failStatus = 503;
    /** Raw bodies to send instead of the next poll answer (e.g. schema-invalid XML). */
    public final Queue<byte[]> rawPollAnswers = new ConcurrentLinkedQueue<>();
    public volatile Duration pollFrequency;

    public FakeVtn(OadrCodec codec, TlsConfig tls) throws InterruptedException {
        this.codec = codec;
        this.ssl = TlsFactory.of(tls).nettyServerContext();
        bind(0);
    }

    private void bind(int p) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(1 << 20), new Handler());
                    }
                }).bind("127.0.0.1", p).sync().channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    public String url() {
        return "https://localhost:" + port;
    }

    public int connections() {
        return connections.get();
    }

    /** Stops listening and drops every connection (the VTN is down). */
    public void stop() {
        server.close().syncUninterruptibly();
        group.next().submit(() -> { }).syncUninterruptibly();
        childChannels.forEach(Channel::close);
    }

    /** Listens again on the same port. */
    public void restart() throws InterruptedException {
        bind(port);
    }

    private final Queue<Channel> childChannels = new ConcurrentLinkedQueue<>();

    public void failNext(int count, int status) {
        this.failStatus = status;
        this.failNext.set(count);
    }

    /** Adds or replaces an event and queues a distribution to every registered VEN. */
    public void putEvent(VtnMessages.EventSpec e) {
        events.removeIf(x -> x.id().equals(e.id()));
        events.add(e);
        distributeToAll();
    }

    public void removeEvent(String id) {
        events.removeIf(x -> x.id().equals(id));
        distributeToAll();
    }

    private void distributeToAll() {
        for (Ven v : vensByName.values()) {
            queue(v.venId(), VtnMessages.distribute(v.venId(), List.copyOf(events)));
        }
    }

    /** Queues a message for a VEN's next poll. */
    public void queue(String venId, Object message) {
        queues.computeIfAbsent(venId, k -> new ConcurrentLinkedQueue<>()).add(message);
    }

    /** Waits for the next received message matching the predicate, skipping others. */
    public Received await(Predicate<Received> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            long left = deadline - System.nanoTime();
            Received r = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("the VTN did not receive the expected message within 20 s");
            }
            if (p.test(r)) {
                return r;
            }
        }
    }

    /** Waits for the next message of this type. */
    public <T> T await(Class<T> type) throws InterruptedException {
        return type.cast(await(r -> type.isInstance(r.message())).message());
    }

    /** Everything received so far (drains the queue). */
    public List<Received> drainReceived() {
        List<Received> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    private Object answer(String service, Object m) {
        if (m instanceof OadrQueryRegistrationType q) {
            return VtnMessages.createdRegistration(q.getRequestID(), null, null, pollFrequency);
        }
        if (m instanceof OadrCreatePartyRegistrationType c) {
            Ven v = vensByName.compute(c.getOadrVenName(), (k, old) -> old != null && c.getRegistrationID() != null
                    ? old : new Ven(k, "ven-" + venSeq.incrementAndGet(), "reg-" + java.util.UUID.randomUUID()));
            return VtnMessages.createdRegistration(c.getRequestID(), v.registrationId(), v.venId(), pollFrequency);
        }
        if (m instanceof OadrRequestEventType r) {
            return VtnMessages.distribute(r.getEiRequestEvent().getVenID(), List.copyOf(events));
        }
        if (m instanceof OadrRegisterReportType r) {
            return VtnMessages.registeredReport(r.getRequestID(), r.getVenID());
        }
        if (m instanceof OadrPollType p) {
            Queue<Object> q = queues.get(p.getVenID());
            Object next = q == null ? null : q.poll();
            return next != null ? next : VtnMessages.response(200, "", p.getVenID());
        }
        if (m instanceof OadrUpdateReportType u) {
            org.openvtn.schemas.oadr20b.OadrUpdatedReportType r = new org.openvtn.schemas.oadr20b.OadrUpdatedReportType();
            r.setEiResponse(org.openvtn.ven.protocol.Xml.ok(u.getRequestID()));
            r.setVenID(u.getVenID());
            r.setSchemaVersion("2.0b");
            return r;
        }
        if (m instanceof org.openvtn.schemas.oadr20b.OadrCreateOptType o) {
            org.openvtn.schemas.oadr20b.OadrCreatedOptType r = new org.openvtn.schemas.oadr20b.OadrCreatedOptType();
            r.setEiResponse(org.openvtn.ven.protocol.Xml.ok(o.getRequestID()));
            r.setOptID(o.getOptID());
            r.setSchemaVersion("2.0b");
            return r;
        }
        return VtnMessages.response(200, "", null);
    }

    /** The registration query answer when a VEN is known: the VTN identifies it (N1_0015). */
    public void rememberQueriesFor(String venName) {
        knownOnQuery.add(venName);
    }

    private final java.util.Set<String> knownOnQuery = ConcurrentHashMap.newKeySet();

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            childChannels.add(ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
            String service = req.uri().substring(req.uri().lastIndexOf('/') + 1);
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(ctx, HttpResponseStatus.valueOf(failStatus), new byte[0]);
                return;
            }
            Object m = codec.decodeMessage(ByteBufUtil.getBytes(req.content()));
            // The answer is decided before the message is recorded, so a test that saw the message
            // can change the script without racing this answer.
            byte[] raw = m instanceof OadrPollType ? rawPollAnswers.poll() : null;
            Object answer = raw != null ? null : answerFor(service, m);
            byte[] body = raw != null ? raw : codec.encodePayload(answer);
            received.add(new Received(service, m, answer));
            reply(ctx, HttpResponseStatus.OK, body);
        }

        private Object answerFor(String service, Object m) {
            Object answer = answer(service, m);
            if (m instanceof OadrQueryRegistrationType q) {
                // A real VTN identifies a known VEN by its certificate; here the test names it.
                Ven known = vensByName.values().stream().filter(v -> knownOnQuery.contains(v.venName())).findFirst()
                        .orElse(null);
                if (known != null) {
                    answer = VtnMessages.createdRegistration(q.getRequestID(), known.registrationId(), known.venId(),
                            pollFrequency);
                }
            }
            return answer;
        }

        private void reply(ChannelHandlerContext ctx, HttpResponseStatus status, byte[] body) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/xml")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ctx.writeAndFlush(r);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

package org.openvtn.cli.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
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
import java.util.concurrent.locks.LockSupport;
import org.openvtn.certs.identity.OadrFingerprint;
import org.openvtn.certs.pki.Credential;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.ven.RetryPolicy;
import org.openvtn.ven.protocol.Messages;
import org.openvtn.ven.transport.HttpReply;
import org.openvtn.ven.transport.NettyHttpTransport;

/**
 * N OpenADR 2.0b VENs in one process for the load commands: each has its own certificate and one persistent
 * mutual-TLS connection ({@link NettyHttpTransport} of ven-client, no retries so every failure is counted),
 * all sharing a few Netty I/O threads; each VEN has its own TLS context (no session is resumed across VENs).
 * Requests are pre-encoded, so the load generator spends its CPU on TLS and HTTP, not XML.
 */
final class BenchFleet implements AutoCloseable {
    /** Replies a load command receives, on a Netty I/O thread; keep it short. */
    interface ReplyListener {
        void onReply(int ven, long dueNanos, HttpReply reply, Throwable error);
    }

    /** TCP connect + TLS handshake bound: generous, a loaded machine queues handshakes for seconds. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final OadrCodec codec = OadrCodec.create(new PublishedSchemas());
    private final EventLoopGroup io;
    private final List<Credential> vens;
    private final NettyHttpTransport[] transports;
    private final String[] venIds;
    private final String[] registrationIds;
    private final byte[][] pollBodies;
    private final AtomicIntegerArray inFlight;
    private final java.util.concurrent.atomic.AtomicLong fullHandshakes = new java.util.concurrent.atomic.AtomicLong();

    BenchFleet(URI vtn, Path caFile, List<Credential> vens, int ioThreads, Duration readTimeout) throws Exception {
        this(List.of(vtn), caFile, vens, ioThreads, readTimeout, false);
    }

    /**
     * @param perPoll each request on a connection of its own ({@code Connection: close}), TLS 1.2 (the protocol OpenADR
     *                2.0b mandates) with the VEN's previous session resumed when the VTN still holds it (issue #18)
     * @param vtnUrls one URL per node of the VTN; VEN {@code i} talks to node {@code i mod count} (issue #19)
     */
    BenchFleet(List<URI> vtnUrls, Path caFile, List<Credential> vens, int ioThreads, Duration readTimeout, boolean perPoll)
            throws Exception {
        this.vens = vens;
        this.io = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
        javax.net.ssl.TrustManagerFactory tmf = BenchTls.trust(caFile);
        int n = vens.size();
        this.transports = new NettyHttpTransport[n];
        this.venIds = new String[n];
        this.registrationIds = new String[n];
        this.pollBodies = new byte[n][];
        this.inFlight = new AtomicIntegerArray(n);
        RetryPolicy once = new RetryPolicy(1, Duration.ofMillis(100), Duration.ofMillis(100), 1.0, 0.0);
        for (int i = 0; i < n; i++) {
            String base = vtnUrls.get(i % vtnUrls.size()).toString().replaceFirst("/OpenADR2/Simple/2\\.0b/?$", "");
            SslContext mine = BenchTls.nettyClient(BenchTls.venContext(vens.get(i), tmf, fullHandshakes), perPoll);
            transports[i] = new NettyHttpTransport(io.next(), mine, URI.create(base), CONNECT_TIMEOUT,
                    readTimeout, once, new Random(i), 1 << 20);
            transports[i].setKeepAlive(!perPoll);
        }
    }

    int size() {
        return vens.size();
    }

    /**
     * @return {full handshakes, resumed handshakes} of the whole fleet so far: a full handshake asks for the VEN's
     *         certificate, a resumed one does not
     */
    long[] handshakes() {
        long all = 0;
        for (NettyHttpTransport t : transports) {
            all += t.handshakes();
        }
        long full = fullHandshakes.get();
        return new long[] {full, Math.max(0, all - full)};
    }

    String venId(int i) {
        return venIds[i];
    }

    OadrCodec codec() {
        return codec;
    }

    CompletableFuture<HttpReply> post(int ven, String service, byte[] body) {
        return transports[ven].post(service, body);
    }

    /**
     * Registers every VEN (oadrCreatePartyRegistration, OpenADR 2.0b §8.6), {@code concurrency} at a time, prepares
     * its oadrPoll and polls once (the distribution a registration queues). Fails on the first refused registration.
     * With thousands of VENs the VTN may close the first connections as idle before the last VEN is registered;
     * they reconnect on their next poll, so give large fleets a warm-up long enough for those handshakes.
     */
    void registerAll(int concurrency, Duration timeout) throws Exception {
        forEachVen(concurrency, timeout, v -> {
            byte[] body;
            try {
                body = codec.encodePayload(Messages.createPartyRegistration(vens.get(v).name(), null, null, false));
            } catch (XmlCodecException e) {
                throw new IllegalStateException(e);
            }
            return post(v, "EiRegisterParty", body).thenAccept(reply -> {
                try {
                    Object m = codec.decodeMessage(reply.body());
                    if (!(m instanceof OadrCreatedPartyRegistrationType c)
                            || !"200".equals(c.getEiResponse().getResponseCode())) {
                        throw new IllegalStateException("VEN " + vens.get(v).name() + " not registered: HTTP "
                                + reply.status() + " " + new String(reply.body(), StandardCharsets.UTF_8));
                    }
                    venIds[v] = c.getVenID();
                    registrationIds[v] = c.getRegistrationID();
                    pollBodies[v] = codec.encodePayload(Messages.poll(c.getVenID()));
                } catch (XmlCodecException e) {
                    throw new IllegalStateException("unreadable registration answer: " + e.getMessage(), e);
                }
            }).thenCompose(ok -> post(v, "OadrPoll", pollBodies[v])); // first poll: collects the registration's
        });                                                           // EVENTS_CHANGED on the same connection
    }

    /**
     * The first contact of pre-registered VENs ({@link #preregisterAll}): one oadrPoll each, {@code concurrency} at
     * a time, which makes its full TLS handshake (the VTN caches the session) and collects the registration's
     * EVENTS_CHANGED, as the first poll of {@link #registerAll} does.
     */
    void firstContact(int concurrency, Duration timeout) throws Exception {
        forEachVen(concurrency, timeout, v -> post(v, "OadrPoll", pollBodies[v]).thenAccept(reply -> {
            if (reply.status() != 200) {
                throw new IllegalStateException("VEN " + venIds[v] + ": first poll answered HTTP " + reply.status());
            }
        }));
    }

    /** Runs {@code call} for every VEN, at most {@code concurrency} in flight; fails on the first failure. */
    private void forEachVen(int concurrency, Duration timeout, java.util.function.IntFunction<CompletableFuture<?>> call)
            throws Exception {
        Semaphore permits = new Semaphore(concurrency);
        List<CompletableFuture<?>> all = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < vens.size(); i++) {
            if (!permits.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("set-up did not finish within " + timeout);
            }
            all.add(call.apply(i).whenComplete((ok, err) -> permits.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /**
     * Registers every VEN through the admin API's bulk pre-registration ({@code POST /vens/preregister}, issue #19),
     * {@code PreregistrationInput.MAX_VENS} per request, instead of one handshake and oadrCreatePartyRegistration
     * each; {@link #firstContact} then makes each VEN's full TLS handshake.
     */
    void preregisterAll(BenchSupport.Admin admin) throws Exception {
        int batch = org.openvtn.admin.api.PreregistrationInput.MAX_VENS;
        for (int from = 0; from < vens.size(); from += batch) {
            int to = Math.min(vens.size(), from + batch);
            List<java.util.Map<String, String>> list = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                list.add(java.util.Map.of("fingerprint", OadrFingerprint.of(vens.get(i).certificate()),
                        "venName", vens.get(i).name()));
            }
            com.fasterxml.jackson.databind.JsonNode done = admin.call("POST", "/vens/preregister",
                    java.util.Map.of("vens", list));
            for (int i = from; i < to; i++) {
                com.fasterxml.jackson.databind.JsonNode v = done.get(i - from);
                venIds[i] = v.get("venId").asText();
                registrationIds[i] = v.get("registrationId").asText();
                pollBodies[i] = codec.encodePayload(Messages.poll(venIds[i]));
            }
        }
    }

    /**
     * For a server that answers every POST with the same bytes (the nginx baseline of issue #18, bench/nginx): no
     * registration; each VEN's oadrPoll names a made-up venID. The VTN would refuse these polls (463).
     */
    void prepareUnregistered() throws XmlCodecException {
        for (int i = 0; i < vens.size(); i++) {
            venIds[i] = vens.get(i).name();
            pollBodies[i] = codec.encodePayload(Messages.poll(venIds[i]));
        }
    }

    /**
     * Open-loop load: VEN {@code i} polls at {@code start + i*interval/N + k*interval} whether or not earlier
     * answers came back (so a slow server shows as latency, measured from the scheduled time, not as a lower
     * request rate). A VEN with {@code maxInFlight} unanswered polls skips its turn; skips are reported.
     *
     * @return the number of skipped turns
     */
    long runOpenLoop(Duration interval, Duration length, int maxInFlight, ReplyListener listener,
                     java.util.function.BooleanSupplier stop) {
        int n = vens.size();
        double step = (double) interval.toNanos() / n;
        long start = System.nanoTime() + 1_000_000;
        long end = start + length.toNanos();
        long skipped = 0;
        for (long j = 0; ; j++) {
            long due = start + (long) (j * step);
            if (due >= end || stop.getAsBoolean()) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 20_000) {
                LockSupport.parkNanos(wait);
            }
            int v = (int) (j % n);
            if (inFlight.get(v) >= maxInFlight) {
                skipped++;
                continue;
            }
            inFlight.incrementAndGet(v);
            post(v, "OadrPoll", pollBodies[v]).whenComplete((reply, err) -> {
                inFlight.decrementAndGet(v);
                listener.onReply(v, due, reply, err);
            });
        }
        return skipped;
    }

    /** Waits (bounded) until no poll is outstanding. */
    void awaitQuiet(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean busy = false;
            for (int i = 0; i < inFlight.length() && !busy; i++) {
                busy = inFlight.get(i) > 0;
            }
            if (!busy) {
                return;
            }
            Thread.sleep(50); // polling a counter array, bounded by the deadline
        }
    }

    /** Cancels every registration this fleet made (oadrCancelPartyRegistration), so runs do not accumulate VENs. */
    int cancelAll(Duration timeout) throws Exception {
        AtomicInteger ok = new AtomicInteger();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < vens.size(); i++) {
            if (registrationIds[i] == null) {
                continue;
            }
            byte[] body = codec.encodePayload(Messages.cancelPartyRegistration(registrationIds[i], venIds[i]));
            all.add(post(i, "EiRegisterParty", body).thenAccept(r -> {
                if (r.status() == 200) {
                    ok.incrementAndGet();
                }
            }).exceptionally(e -> null));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return ok.get();
    }

    @Override
    public void close() {
        for (NettyHttpTransport t : transports) {
            if (t != null) {
                try {
                    t.close();
                } catch (Exception ignored) {
                    // closing at the end of a run
                }
            }
        }
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

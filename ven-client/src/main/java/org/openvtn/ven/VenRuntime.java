package org.openvtn.ven;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;

/**
 * Resources many {@link VenClient}s share: the network I/O threads, the protocol worker threads
 * and the schema-validating XML codec (built once, ~1 s). A data centre running hundreds of VENs in
 * one JVM creates one runtime and passes it to every client with
 * {@link VenClientBuilder#runtime(VenRuntime)}; a client built without one creates a private
 * runtime and closes it with itself.
 *
 * <p>Threads: {@code ioThreads} event-loop threads do TLS and HTTP only; {@code workerThreads}
 * threads decode, validate and run each client's protocol state machine (serially per client).
 * Neither runs application callbacks unless the application chooses so (callback executor).
 */
public final class VenRuntime implements AutoCloseable {

    private final EventLoopGroup io;
    private final ExecutorService workers;
    private final int workerThreads;
    private volatile OadrCodec codec;

    private VenRuntime(int ioThreads, int workerThreads) {
        this.io = new MultiThreadIoEventLoopGroup(ioThreads, daemon("openvtn-ven-io"), NioIoHandler.newFactory());
        this.workers = Executors.newFixedThreadPool(workerThreads, daemon("openvtn-ven-worker"));
        this.workerThreads = workerThreads;
    }

    /** A runtime with 2 I/O threads and one worker per core (at least 2). */
    public static VenRuntime create() {
        int cores = Runtime.getRuntime().availableProcessors();
        return create(Math.min(2, cores), Math.max(2, cores));
    }

    /** A runtime with the given thread counts (each ≥ 1). */
    public static VenRuntime create(int ioThreads, int workerThreads) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be >= 1, was " + ioThreads);
        }
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be >= 1, was " + workerThreads);
        }
        return new VenRuntime(ioThreads, workerThreads);
    }

    EventLoopGroup io() {
        return io;
    }

    ExecutorService workers() {
        return workers;
    }

    int workerThreads() {
        return workerThreads;
    }

    /** The shared codec, built on first use. */
    OadrCodec codec() {
        OadrCodec c = codec;
        if (c == null) {
            synchronized (this) {
                if (codec == null) {
                    codec = OadrCodec.create(new PublishedSchemas());
                }
                c = codec;
            }
        }
        return c;
    }

    /** Stops the threads. Close the clients first. */
    @Override
    public void close() {
        workers.shutdown();
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

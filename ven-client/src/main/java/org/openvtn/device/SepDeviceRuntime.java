package org.openvtn.device;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.XmlStandard;
import org.openvtn.device.walk.CsipAus;

/**
 * What many device clients share: the I/O threads, the worker threads and timers, and the sep.xsd codec (building the codec costs about a second and
 * a few MB, so a fleet builds it once). A client built without one creates a private runtime and closes it with
 * itself.
 */
public final class SepDeviceRuntime implements AutoCloseable {
    private final EventLoopGroup io;
    private final SepCodec codec;
    private final CsipAus csipAus;
    private final ScheduledThreadPoolExecutor scheduler;

    private SepDeviceRuntime(int ioThreads, int workerThreads) {
        this.io = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("openvtn-device-io", true));
        PublishedSchemas schemas = new PublishedSchemas();
        this.codec = SepCodec.create(schemas);
        this.csipAus = new CsipAus(() -> schemas.schema(XmlStandard.CSIP_AUS_13)); // compiled when first needed
        this.scheduler = new ScheduledThreadPoolExecutor(workerThreads,
                new DefaultThreadFactory("openvtn-device-worker", true));
        this.scheduler.setRemoveOnCancelPolicy(true); // re-armed timers of 10k devices must not pile up
    }

    /** A runtime with one I/O thread. */
    public static SepDeviceRuntime create() {
        return create(1);
    }

    /** A runtime with the given number of I/O threads (a few serve hundreds of devices). */
    public static SepDeviceRuntime create(int ioThreads) {
        return create(ioThreads, Math.max(2, ioThreads * 2));
    }

    /**
     * A runtime with the given I/O threads and worker threads. The workers run every client's walks, engine and
     * Responses (each client's tasks one at a time); a walk blocks its worker thread while it waits for the server,
     * so a fleet that must react fast gives more workers than cores.
     */
    public static SepDeviceRuntime create(int ioThreads, int workerThreads) {
        if (ioThreads < 1 || ioThreads > 256) {
            throw new IllegalArgumentException("ioThreads must be between 1 and 256, was " + ioThreads);
        }
        if (workerThreads < 1 || workerThreads > 1024) {
            throw new IllegalArgumentException("workerThreads must be between 1 and 1024, was " + workerThreads);
        }
        return new SepDeviceRuntime(ioThreads, workerThreads);
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    EventLoopGroup io() {
        return io;
    }

    CsipAus csipAus() {
        return csipAus;
    }

    SepCodec codec() {
        return codec;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        io.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}

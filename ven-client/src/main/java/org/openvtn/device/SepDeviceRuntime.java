package org.openvtn.device;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;

/**
 * What many device clients share: the I/O threads and the sep.xsd codec (building the codec costs about a second and
 * a few MB, so a fleet builds it once). A client built without one creates a private runtime and closes it with
 * itself.
 */
public final class SepDeviceRuntime implements AutoCloseable {
    private final EventLoopGroup io;
    private final SepCodec codec;

    private SepDeviceRuntime(int ioThreads) {
        this.io = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("openvtn-device-io", true));
        this.codec = SepCodec.create(new PublishedSchemas());
    }

    /** A runtime with one I/O thread. */
    public static SepDeviceRuntime create() {
        return create(1);
    }

    /** A runtime with the given number of I/O threads (a few serve hundreds of devices). */
    public static SepDeviceRuntime create(int ioThreads) {
        if (ioThreads < 1 || ioThreads > 256) {
            throw new IllegalArgumentException("ioThreads must be between 1 and 256, was " + ioThreads);
        }
        return new SepDeviceRuntime(ioThreads);
    }

    EventLoopGroup io() {
        return io;
    }

    SepCodec codec() {
        return codec;
    }

    @Override
    public void close() {
        io.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}

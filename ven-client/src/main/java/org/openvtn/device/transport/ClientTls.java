package org.openvtn.device.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * How a {@link SepHttpClient} gets the TLS handler of each new connection: from the device's own Netty context, or
 * from a context shared by a fleet that picks the device's identity per connection ({@code SepFleetTls}). Internal.
 */
public interface ClientTls {
    /** A handler for a new connection to {@code host:port}. */
    SslHandler newHandler(ByteBufAllocator alloc, String host, int port);

    /** Called after a handshake on a handler of {@link #newHandler} succeeded. */
    default void established(SslHandler handler) {
    }

    /** Releases what this identity holds in a shared context (no-op for a private one). */
    default void release() {
    }

    /** The handlers of a context of its own (its session cache is this identity's alone). */
    static ClientTls of(SslContext context) {
        return context::newHandler;
    }
}

package org.openvtn.listener;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLEngine;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The overload bound of a TLS listener (issue #18): at most {@code max} connections may be in their TLS handshake at
 * once; a connection accepted while that many are is closed at once, before the server creates its TLS engine or
 * reads its ClientHello ({@link TlsConnectors}' connection factory asks {@link #admit()}), and costs the server an
 * accept and a close instead of a handshake and a request. A connection counts from the moment
 * it is opened until its handshake succeeds or fails or it closes, so a client that connects and sends nothing
 * holds a place only until the idle timeout.
 *
 * <p>Why: a node offered more short connections than it can serve admitted all of them (up to
 * {@code maxConnections}), worked on thousands of handshakes and requests at once and answered each after seconds,
 * a third of its time in GC (BENCHMARKS.md section 10, "Session 9 (slice F)"); with this bound it does the work it
 * can finish and sheds the rest fast. Refusing the connection is what RFC 9110 §15.6.4 allows an overloaded server
 * besides a 503 ("Some servers might simply refuse the connection"); before the handshake there is no HTTP to
 * answer in. A VEN retries a closed connection at its next poll or after its retry delay; kept-alive connections
 * and requests on them are not affected. One WARN line a minute at most while connections are shed, and their
 * number in one INFO line at stop.
 */
public final class HandshakeLimit extends AbstractLifeCycle implements Connection.Listener, SslHandshakeListener {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeLimit.class);
    private static final long QUIET_NANOS = Duration.ofMinutes(1).toNanos();

    private final int max;
    private final String listener;
    private final AtomicInteger inHandshake = new AtomicInteger();
    private final Set<SSLEngine> pending = ConcurrentHashMap.newKeySet();
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - QUIET_NANOS);

    /**
     * @param max      connections in their TLS handshake at once, at least 1
     * @param listener the listener's name, for the log line
     */
    public HandshakeLimit(int max, String listener) {
        if (max < 1) {
            throw new IllegalArgumentException("maxHandshakes: must be >= 1, was " + max);
        }
        this.max = max;
        this.listener = listener;
    }

    /** The bound. */
    public int max() {
        return max;
    }

    /** Connections now in their handshake (opened, handshake not finished, not closed). */
    public int inHandshake() {
        return inHandshake.get();
    }

    /** Connections closed before their handshake because the bound was reached, since start. */
    public long shed() {
        return shed.get();
    }

    /** One INFO line at stop with the number shed, if any (the bench reads it from the log). */
    @Override
    protected void doStop() throws Exception {
        if (shed.get() > 0) {
            LOG.info("Listener {} closed {} connections before their TLS handshake since start (maxHandshakes {})",
                    listener, shed.get(), max);
        }
        super.doStop();
    }

    /**
     * Takes a place for a new connection's handshake; false (and counted as shed) when {@code max} are taken.
     * Called before the connection's TLS engine exists, so a shed connection costs no engine and no buffers.
     */
    boolean admit() {
        if (inHandshake.incrementAndGet() > max) {
            inHandshake.decrementAndGet();
            shed.incrementAndGet();
            warn();
            return false;
        }
        return true;
    }

    /** The admitted connection's engine: its place is given back when its handshake ends or it closes. */
    void track(SSLEngine engine) {
        pending.add(engine);
    }

    /** Gives back a place taken by {@link #admit()} whose connection could not be created. */
    void release() {
        inHandshake.decrementAndGet();
    }

    @Override
    public void onClosed(Connection connection) {
        if (connection instanceof SslConnection ssl) {
            done(ssl.getSSLEngine());
        }
    }

    @Override
    public void handshakeSucceeded(Event event) {
        done(event.getSSLEngine());
    }

    @Override
    public void handshakeFailed(Event event, Throwable failure) {
        done(event.getSSLEngine());
    }

    private void done(SSLEngine engine) {
        if (pending.remove(engine)) {
            inHandshake.decrementAndGet();
        }
    }

    private void warn() {
        long now = System.nanoTime();
        long last = lastWarn.get();
        if (now - last >= QUIET_NANOS && lastWarn.compareAndSet(last, now)) {
            LOG.warn("Listener {} is overloaded: {} TLS handshakes in progress (maxHandshakes), new connections are "
                    + "closed before their handshake ({} so far; clients retry); kept-alive connections are served "
                    + "(next such line in a minute at the earliest)", listener, max, shed.get());
        }
    }
}

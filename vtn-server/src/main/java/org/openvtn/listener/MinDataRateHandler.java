package org.openvtn.listener;

import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the connection of a request whose body arrives slower than a minimum rate (issue #12
 * item 9): a client trickling its upload would otherwise hold a request thread until the idle
 * timeout, reset by every byte. Measured per request from the first body read; enforced once
 * {@link ListenerLimits#DATA_RATE_GRACE} has passed. One WARN line per refused request.
 */
final class MinDataRateHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(MinDataRateHandler.class);
    private static final long GRACE_NANOS = ListenerLimits.DATA_RATE_GRACE.toNanos();

    private final long bytesPerSecond;
    private final String listener;

    MinDataRateHandler(Handler handler, long bytesPerSecond, String listener) {
        super(handler);
        this.bytesPerSecond = bytesPerSecond;
        this.listener = listener;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(new RateRequest(request), response, callback);
    }

    private final class RateRequest extends Request.Wrapper {
        private long start = -1;
        private long bytes;

        RateRequest(Request wrapped) {
            super(wrapped);
        }

        @Override
        public Content.Chunk read() {
            if (start < 0) {
                start = NanoTime.now();
            }
            Content.Chunk chunk = super.read();
            if (chunk != null && !Content.Chunk.isFailure(chunk)) {
                bytes += chunk.remaining();
            }
            long elapsed = NanoTime.since(start);
            if (chunk != null && !chunk.isLast() && elapsed > GRACE_NANOS
                    && bytes * 1_000_000_000L < bytesPerSecond * elapsed) {
                chunk.release();
                LOG.warn("{} request from {} refused: body arrives at {} bytes in {} ms, below the minimum of {}"
                        + " bytes/s; connection closed", listener,
                        Request.getRemoteAddr(getWrapped()) + ":" + Request.getRemotePort(getWrapped()), bytes,
                        elapsed / 1_000_000, bytesPerSecond);
                TimeoutException slow = new TimeoutException("request body below " + bytesPerSecond + " bytes/s");
                getConnectionMetaData().getConnection().getEndPoint().close(slow);
                return Content.Chunk.from(slow, true);
            }
            return chunk;
        }
    }
}

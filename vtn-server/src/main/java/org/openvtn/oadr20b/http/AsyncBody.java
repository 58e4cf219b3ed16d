package org.openvtn.oadr20b.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Reads a request body without blocking (issue #18): what has arrived is copied, and when nothing more is there the
 * read resumes from Jetty's demand callback, which runs on the selector thread that saw the bytes. With a
 * Content-Length the bytes go straight into an array of that length (a body longer than announced fails); without
 * one at most {@code limit + 1} bytes are kept (one more than allowed tells the caller the body is too large). The
 * listener's minimum data rate applies: its request wrapper checks every {@link Request#read()}.
 */
final class AsyncBody implements Runnable, Invocable {

    /** Where the body goes; called once, on the thread that read the last bytes. */
    interface Sink {
        void body(byte[] body);

        void failed(Throwable failure);
    }

    private final Request request;
    private final long length;
    private final int limit;
    private final Sink sink;
    private byte[] bytes;
    private int size;

    private AsyncBody(Request request, long length, int limit, Sink sink) {
        this.request = request;
        this.length = length;
        this.limit = limit;
        this.sink = sink;
        this.bytes = new byte[length >= 0 ? (int) length : Math.min(limit + 1, 4096)];
    }

    /** Starts reading {@code request}'s body ({@code length} = its Content-Length or -1, at most {@code limit}). */
    static void read(Request request, long length, int limit, Sink sink) {
        new AsyncBody(request, length, limit, sink).run();
    }

    /** The demand callback reads and copies only; what follows is the sink's to hand off if it may block. */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                sink.failed(chunk.getFailure());
                return;
            }
            boolean last = chunk.isLast();
            boolean over;
            try {
                over = !append(chunk.getByteBuffer());
            } finally {
                chunk.release();
            }
            if (over && length >= 0) {
                sink.failed(new IOException("body longer than its Content-Length of " + length + " bytes"));
                return;
            }
            if (over || last) {
                sink.body(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
                return;
            }
        }
    }

    /** @return false when the body is over its Content-Length, or over the limit without one */
    private boolean append(ByteBuffer buffer) {
        int n = buffer.remaining();
        if (length >= 0) {
            if (n > bytes.length - size) {
                return false;
            }
            buffer.get(bytes, size, n);
            size += n;
            return true;
        }
        int take = Math.min(n, limit + 1 - size);
        if (size + take > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit + 1, Math.max(size + take, bytes.length * 2)));
        }
        buffer.get(bytes, size, take);
        size += take;
        return size <= limit;
    }
}

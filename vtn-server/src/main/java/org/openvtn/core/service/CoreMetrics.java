package org.openvtn.core.service;

import java.util.concurrent.atomic.LongAdder;
import org.openvtn.core.SelectorSafe;

/**
 * Counters of the protocol work the core serves, for the admin API's {@code GET /api/v1/metrics} and the
 * benchmarks (issue 8). Contention-free ({@link LongAdder}); one instance per {@link VtnCore}.
 */
public final class CoreMetrics {
    private final LongAdder oadrPolls = new LongAdder();
    private final Runnable countPoll = oadrPolls::increment;
    private final java.util.List<java.util.function.IntSupplier> crlStaleSources =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Adds a TLS listener's count of CRLs past their nextUpdate (issue #12 item 2). */
    public void addCrlStaleSource(java.util.function.IntSupplier source) {
        crlStaleSources.add(source);
    }

    /** @return CRLs in force whose nextUpdate has passed, over every TLS listener of this core */
    public int crlStale() {
        int n = 0;
        for (java.util.function.IntSupplier s : crlStaleSources) {
            n += s.getAsInt();
        }
        return n;
    }

    /** Counts one OpenADR 2.0b oadrPoll answered (whatever the answer). */
    public void oadrPoll() {
        SelectorSafe.afterSuccess(countPoll); // once, even when a selector's attempt is re-run on a pool thread
    }

    /** @return oadrPoll requests answered since start */
    public long oadrPolls() {
        return oadrPolls.sum();
    }
}

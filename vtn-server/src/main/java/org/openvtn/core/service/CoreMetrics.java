package org.openvtn.core.service;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the protocol work the core serves, for the admin API's {@code GET /api/v1/metrics} and the
 * benchmarks (issue 8). Contention-free ({@link LongAdder}); one instance per {@link VtnCore}.
 */
public final class CoreMetrics {
    private final LongAdder oadrPolls = new LongAdder();

    /** Counts one OpenADR 2.0b oadrPoll answered (whatever the answer). */
    public void oadrPoll() {
        oadrPolls.increment();
    }

    /** @return oadrPoll requests answered since start */
    public long oadrPolls() {
        return oadrPolls.sum();
    }
}

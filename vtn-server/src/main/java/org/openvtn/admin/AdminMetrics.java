package org.openvtn.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.openvtn.core.service.CoreMetrics;

/**
 * {@code GET /api/v1/metrics}: process CPU load, heap, GC, threads and the protocol counters of the core, for
 * operators and the {@code openvtn bench} commands (issue 8). Read-only, cheap (JMX reads).
 */
final class AdminMetrics {
    private AdminMetrics() {
    }

    static ObjectNode snapshot(CoreMetrics metrics, org.openvtn.core.PushOutbox.Totals push) {
        ObjectNode n = AdminJson.MAPPER.createObjectNode();
        var os = ManagementFactory.getOperatingSystemMXBean();
        n.put("availableProcessors", os.getAvailableProcessors());
        n.put("systemLoadAverage", os.getSystemLoadAverage());
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            n.put("processCpuLoad", sun.getProcessCpuLoad());
            n.put("processCpuTimeNanos", sun.getProcessCpuTime());
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        n.put("heapUsedBytes", heap.getUsed());
        n.put("heapCommittedBytes", heap.getCommitted());
        n.put("heapMaxBytes", heap.getMax());
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        n.put("gcCount", gcCount);
        n.put("gcTimeMillis", gcMillis);
        n.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        n.put("uptimeMillis", ManagementFactory.getRuntimeMXBean().getUptime());
        n.put("oadrPolls", metrics.oadrPolls());
        n.put("crlStale", metrics.crlStale());
        // 2.0b push outbox (issue #14)
        n.put("pushQueued", push.queued());
        n.put("pushAttempts", push.attempts());
        n.put("pushFailures", push.failures());
        n.put("pushDelivered", push.delivered());
        n.put("pushUnreachableVens", push.unreachable());
        return n;
    }
}

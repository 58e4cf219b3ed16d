package org.openvtn.admin;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.openvtn.admin.api.MetricsJson;
import org.openvtn.core.service.CoreMetrics;

/**
 * {@code GET /api/v1/metrics}: process CPU load, heap, GC, threads and the protocol counters of the core, for
 * operators and the {@code openvtn bench} commands (issue 8). Read-only, cheap (JMX reads).
 */
final class AdminMetrics {
    private AdminMetrics() {
    }

    static MetricsJson snapshot(CoreMetrics metrics, org.openvtn.core.PushOutbox.Totals push) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        Double cpuLoad = null;
        Long cpuTime = null;
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            cpuLoad = sun.getProcessCpuLoad();
            cpuTime = sun.getProcessCpuTime();
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return new MetricsJson(os.getAvailableProcessors(), os.getSystemLoadAverage(), cpuLoad, cpuTime,
                heap.getUsed(), heap.getCommitted(), heap.getMax(), gcCount, gcMillis,
                ManagementFactory.getThreadMXBean().getThreadCount(), ManagementFactory.getRuntimeMXBean().getUptime(),
                metrics.oadrPolls(), metrics.crlStale(),
                // 2.0b push outbox (issue #14)
                push.queued(), push.attempts(), push.failures(), push.delivered(), push.unreachable());
    }
}

package org.openvtn.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Answer of {@code GET /metrics}: process figures (JMX) and the core's protocol counters, for operators and the
 * {@code openvtn bench} commands (issue 8).
 *
 * @param availableProcessors processors the JVM sees
 * @param systemLoadAverage   last-minute system load average, negative when the platform has none
 * @param processCpuLoad      recent CPU load of the VTN process (0..1); absent when the JVM does not report it
 * @param processCpuTimeNanos CPU time used by the VTN process; absent when the JVM does not report it
 * @param heapUsedBytes       heap in use
 * @param heapCommittedBytes  heap committed
 * @param heapMaxBytes        heap limit, -1 when undefined
 * @param gcCount             collections since start, all collectors
 * @param gcTimeMillis        time spent collecting since start, all collectors
 * @param threads             live threads
 * @param uptimeMillis        JVM uptime
 * @param oadrPolls           OpenADR oadrPoll requests answered
 * @param crlStale            CRLs past their nextUpdate (certificate revocation checks)
 * @param pushQueued          2.0b push outbox: messages waiting (issue #14)
 * @param pushAttempts        2.0b push outbox: delivery attempts
 * @param pushFailures        2.0b push outbox: failed attempts
 * @param pushDelivered       2.0b push outbox: messages delivered
 * @param pushUnreachableVens 2.0b push outbox: VENs whose push address does not answer
 */
@ApiSchema("Metrics")
public record MetricsJson(int availableProcessors, double systemLoadAverage,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Double processCpuLoad,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long processCpuTimeNanos,
                          long heapUsedBytes, long heapCommittedBytes, long heapMaxBytes, long gcCount,
                          long gcTimeMillis, int threads, long uptimeMillis, long oadrPolls, long crlStale,
                          long pushQueued, long pushAttempts, long pushFailures, long pushDelivered,
                          long pushUnreachableVens) {
}

package org.openvtn.ven.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openvtn.ven.ReportRequest;

/**
 * The VEN's active report requests and when each is due (OpenADR 2.0b §8.3.2). Pure: no threads;
 * time is passed in. A one-shot request (reportBackDuration zero, or HISTORY_USAGE) is due once,
 * at its start or now; a periodic one every reportBackDuration from its start until the report
 * interval ends (duration zero: until cancelled). Internal.
 */
public final class ReportScheduler {

    /** One report to send now, covering {@code [from, from+span)}. */
    public record Due(ReportRequest request, Instant from, Duration span, boolean last) {
    }

    private static final class Active {
        final ReportRequest request;
        Instant next;
        Instant lastSent;

        Active(ReportRequest request, Instant next, Instant lastSent) {
            this.request = request;
            this.next = next;
            this.lastSent = lastSent;
        }
    }

    private final Map<String, Active> active = new LinkedHashMap<>();

    /** Adds (or replaces) a request received at {@code now}. */
    public synchronized void add(ReportRequest r, Instant now) {
        Instant start = r.start() == null || r.start().isBefore(now) ? now : r.start();
        if (r.oneShot()) {
            active.put(r.reportRequestId(), new Active(r, start, start));
        } else {
            active.put(r.reportRequestId(), new Active(r, start.plus(r.reportBackDuration()), start));
        }
    }

    /** Removes requests; returns those that were active. */
    public synchronized List<ReportRequest> cancel(List<String> ids) {
        List<ReportRequest> out = new ArrayList<>();
        for (String id : ids) {
            Active a = active.remove(id);
            if (a != null) {
                out.add(a.request);
            }
        }
        return out;
    }

    /** The final report of a cancelled periodic request (reportToFollow, rule 345): what was not sent yet. */
    public synchronized Optional<Due> finalReport(String id, Instant now) {
        Active a = active.remove(id);
        if (a == null) {
            return Optional.empty();
        }
        Duration span = Duration.between(a.lastSent, now);
        if (span.isNegative()) {
            span = Duration.ZERO;
        }
        return Optional.of(new Due(a.request, a.lastSent, span, true));
    }

    /** The reports due at {@code now}; advances or retires the requests. */
    public synchronized List<Due> due(Instant now) {
        List<Due> out = new ArrayList<>();
        for (var it = active.values().iterator(); it.hasNext(); ) {
            Active a = it.next();
            ReportRequest r = a.request;
            if (a.next.isAfter(now)) {
                continue;
            }
            if (r.oneShot()) {
                Instant from = r.start() == null ? now : r.start();
                Duration span = r.duration().isZero() ? r.granularity() : r.duration();
                out.add(new Due(r, from, span, true));
                it.remove();
                continue;
            }
            Instant end = r.duration().isZero() ? null : (r.start() == null ? a.lastSent : r.start()).plus(r.duration());
            Instant to = end != null && end.isBefore(a.next) ? end : a.next;
            boolean last = end != null && !to.isBefore(end);
            out.add(new Due(r, a.lastSent, Duration.between(a.lastSent, to), last));
            a.lastSent = to;
            a.next = a.next.plus(r.reportBackDuration());
            if (last) {
                it.remove();
            }
        }
        return out;
    }

    /** When the next report falls due. */
    public synchronized Optional<Instant> nextDue() {
        return active.values().stream().map(a -> a.next).min(Instant::compareTo);
    }

    /** The IDs of the active requests (oadrPendingReports). */
    public synchronized List<String> pending() {
        return List.copyOf(active.keySet());
    }

    /** Forgets every request (new registration, rule 406). */
    public synchronized void clear() {
        active.clear();
    }
}

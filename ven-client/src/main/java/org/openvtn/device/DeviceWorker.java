package org.openvtn.device;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's worker on a fleet's shared scheduler: tasks of one device run one at a time and in submission order
 * (the client's state stays confined as on a private thread), while N devices share the runtime's few threads and
 * one timer queue instead of N threads (issue #16: fleets that scale). Internal.
 */
final class DeviceWorker implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceWorker.class);

    private final ScheduledExecutorService shared;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final java.util.List<ScheduledFuture<?>> periodic = new java.util.ArrayList<>();
    private boolean draining;
    private boolean shut;

    DeviceWorker(ScheduledExecutorService shared) {
        this.shared = shared;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (queue) {
            if (shut) {
                return;
            }
            queue.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        shared.execute(this::drain);
    }

    /** Runs the queued tasks; yields the shared thread after a few so that one busy device cannot starve others. */
    private void drain() {
        for (int i = 0; i < 16; i++) {
            Runnable next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.warn("device task failed: {}", e.toString(), e);
            }
        }
        shared.execute(this::drain);
    }

    /** Runs {@code task} on this worker after the delay; cancelling the future before it fires drops it. */
    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return shared.schedule(() -> execute(task), delay, unit);
    }

    /** Runs {@code task} on this worker every {@code period} (until {@link #shutdownNow()}). */
    void scheduleWithFixedDelay(Runnable task, long initial, long period, TimeUnit unit) {
        ScheduledFuture<?> f = shared.scheduleWithFixedDelay(() -> execute(task), initial, period, unit);
        synchronized (queue) {
            periodic.add(f);
        }
    }

    /** Drops queued tasks and periodic ones; a task running now completes. */
    void shutdownNow() {
        synchronized (queue) {
            shut = true;
            queue.clear();
            periodic.forEach(f -> f.cancel(false));
            periodic.clear();
        }
    }
}

package org.openvtn.ven.testing;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.openvtn.ven.DrEvent;
import org.openvtn.ven.RegistrationInfo;
import org.openvtn.ven.ReportRequest;
import org.openvtn.ven.VenException;
import org.openvtn.ven.VenListener;

/** Records every callback with the thread it ran on. */
public final class RecordingListener implements VenListener {

    /** One callback. */
    public record Call(String kind, Object value, String thread) {
    }

    public final LinkedBlockingQueue<Call> calls = new LinkedBlockingQueue<>();

    private void add(String kind, Object v) {
        calls.add(new Call(kind, v, Thread.currentThread().getName()));
    }

    @Override
    public void onEvent(DrEvent event) {
        add("event", event);
    }

    @Override
    public void onEventModified(DrEvent event, DrEvent previous) {
        add("modified", event);
    }

    @Override
    public void onEventCancelled(DrEvent event) {
        add("cancelled", event);
    }

    @Override
    public void onEventActive(DrEvent event) {
        add("active", event);
    }

    @Override
    public void onEventCompleted(DrEvent event) {
        add("completed", event);
    }

    @Override
    public void onReportRequest(ReportRequest request) {
        add("report", request);
    }

    @Override
    public void onRegistrationChanged(RegistrationInfo registration) {
        add("registration", registration);
    }

    @Override
    public void onError(VenException error) {
        add("error", error);
    }

    /** The next callback of this kind (others are skipped), within 20 s. */
    public Call await(String kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            Call c = calls.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (c == null) {
                throw new AssertionError("no '" + kind + "' callback within 20 s");
            }
            if (c.kind().equals(kind)) {
                return c;
            }
        }
    }
}

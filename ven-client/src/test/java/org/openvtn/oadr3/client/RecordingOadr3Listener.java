package org.openvtn.oadr3.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records callbacks as "kind id" lines (and the thread they ran on) for tests to await. */
final class RecordingOadr3Listener implements Oadr3VenListener {
    final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
    final java.util.List<String> all = new java.util.concurrent.CopyOnWriteArrayList<>();
    final BlockingQueue<String> threads = new LinkedBlockingQueue<>();
    final BlockingQueue<Oadr3ClientException> errors = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(Oadr3Event event) {
        record("new " + event.id());
    }

    @Override
    public void onEventModified(Oadr3Event event, Oadr3Event previous) {
        record("modified " + event.id() + " " + event.eventName() + " was " + previous.eventName());
    }

    @Override
    public void onEventCancelled(Oadr3Event event) {
        record("cancelled " + event.id());
    }

    @Override
    public void onNotification(String objectType, String operation, JsonNode object) {
        record("notification " + objectType + " " + operation + " " + object.path("id").asText());
    }

    @Override
    public void onError(Oadr3ClientException error) {
        errors.add(error);
    }

    private void record(String line) {
        threads.add(Thread.currentThread().getName());
        all.add(line);
        calls.add(line);
    }

    /** Waits (10 s at most) for a call starting with {@code prefix}, skipping others; fails otherwise. */
    String await(String prefix) throws InterruptedException {
        return await(prefix, 10);
    }

    /** Waits {@code seconds} at most for a call starting with {@code prefix}, skipping others; fails otherwise. */
    String await(String prefix, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String c = calls.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (c == null) {
                throw new AssertionError("no callback '" + prefix + "' within " + seconds + " s; errors " + errors
                        + "; seen " + all);
            }
            if (c.startsWith(prefix)) {
                return c;
            }
        }
    }
}

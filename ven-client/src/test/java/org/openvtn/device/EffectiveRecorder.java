package org.openvtn.device;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.openvtn.device.engine.EffectiveControl;
import org.openvtn.device.engine.EffectiveControlListener;

/** Records every effective-control change and awaits one with a deadline (no sleeps). */
final class EffectiveRecorder implements EffectiveControlListener {
    private final List<Map<String, EffectiveControl>> changes = new ArrayList<>();

    @Override
    public synchronized void changed(Map<String, EffectiveControl> effective) {
        changes.add(effective);
        notifyAll();
    }

    synchronized List<Map<String, EffectiveControl>> changes() {
        return List.copyOf(changes);
    }

    /** Waits until a recorded change satisfies the predicate; fails after the timeout with what was seen. */
    synchronized Map<String, EffectiveControl> await(Predicate<Map<String, EffectiveControl>> p, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (Map<String, EffectiveControl> m : changes) {
                if (p.test(m)) {
                    return m;
                }
            }
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                throw new AssertionError("no matching effective control within " + timeout + "; changes: " + changes);
            }
            wait(left);
        }
    }

    /** Watts of a power mode (value x 10^multiplier). */
    static double watts(EffectiveControl c) {
        return c.value().value() * Math.pow(10, c.value().multiplier());
    }
}

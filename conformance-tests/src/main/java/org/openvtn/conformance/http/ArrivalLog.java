package org.openvtn.conformance.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * What a listener of the suite received, in arrival order, and the one place a case waits for an arrival: with a
 * timeout on a condition, never by sleeping. Used by the 2.0b push listener, the harness VTN, the 2030.5
 * notification listener and the harness 2030.5 server. Thread-safe.
 *
 * @param <T> what arrives (a received payload with its evidence)
 */
public final class ArrivalLog<T> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<T> items = new ArrayList<>();

    /** Adds one arrival, made from its arrival number (0, 1, ...), and wakes the waiters; returns it. */
    public T add(IntFunction<T> make) {
        lock.lock();
        try {
            T item = make.apply(items.size());
            items.add(item);
            arrived.signalAll();
            return item;
        } finally {
            lock.unlock();
        }
    }

    /** Adds one arrival and wakes the waiters. */
    public void add(T item) {
        add(n -> item);
    }

    /** Number of arrivals so far (a case awaits only later ones). */
    public int count() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /** Everything so far, in arrival order. */
    public List<T> all() {
        lock.lock();
        try {
            return List.copyOf(items);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until an arrival numbered {@code from} or later matches (including ones already there), at most
     * {@code timeout}.
     *
     * @return the first match, or empty after the timeout
     */
    public Optional<T> await(int from, Predicate<? super T> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (int i = Math.max(0, from); i < items.size(); i++) {
                    if (match.test(items.get(i))) {
                        return Optional.of(items.get(i));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                arrived.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }
}

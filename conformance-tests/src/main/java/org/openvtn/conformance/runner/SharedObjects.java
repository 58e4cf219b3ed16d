package org.openvtn.conformance.runner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects shared by every case of one run ({@link org.openvtn.conformance.CaseContext#shared}), one per
 * type, created on first use; closed in reverse order of creation when the run ends.
 */
final class SharedObjects implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedObjects.class);

    private final Map<Class<?>, Object> objects = new HashMap<>();
    private final List<Object> order = new ArrayList<>();

    /** Not computeIfAbsent: a factory may itself ask for another shared object. */
    synchronized <T> T get(Class<T> type, Supplier<T> factory) {
        Object existing = objects.get(type);
        if (existing != null) {
            return type.cast(existing);
        }
        T created = factory.get();
        if (created == null) {
            throw new IllegalStateException("shared object factory for " + type.getName() + " returned null");
        }
        Object raced = objects.putIfAbsent(type, created);
        if (raced != null) {
            closeQuietly(created);
            return type.cast(raced);
        }
        order.add(created);
        return created;
    }

    @Override
    public synchronized void close() {
        for (int i = order.size() - 1; i >= 0; i--) {
            closeQuietly(order.get(i));
        }
        order.clear();
        objects.clear();
    }

    private static void closeQuietly(Object o) {
        if (o instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing shared {} failed: {}", o.getClass().getName(), e.toString());
            }
        }
    }
}

package org.openvtn.sep.service;

import java.util.function.Supplier;
import org.openvtn.schemas.sep.Resource;

/**
 * Queues the Notifications of a change that a request makes outside the core's events and the change log (a Reading
 * posted with a MirrorMeterReading, IEEE 2030.5-2018 §5.6; CSIP CORE-019 with a Condition), <b>inside the
 * request's own transaction</b>: the change and its queued Notifications commit together or not at all, so a crash
 * between the two can no longer keep the one and lose the other. The notifier ({@code sep.notify}) implements it.
 */
@FunctionalInterface
public interface ChangeNotices {
    /** Queues nothing (no notifier running). */
    ChangeNotices NONE = (deviceId, path, resource) -> { };

    /**
     * Called inside the transaction that changed {@code path}; queues a Notification for each subscription of
     * {@code deviceId} to it in that transaction (a conditional one only when its Condition holds).
     *
     * @param deviceId the owner of the changed resource (only its subscriptions are read)
     * @param path     the changed resource's href
     * @param resource the resource as the request left it (what the owner's GET serves now), built only when a
     *                 subscription to {@code path} exists
     * @throws RuntimeException when queueing fails: the caller's transaction rolls back, the change is not kept
     */
    void changed(long deviceId, String path, Supplier<? extends Resource> resource);
}

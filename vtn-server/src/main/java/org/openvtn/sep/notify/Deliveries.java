package org.openvtn.sep.notify;

import java.time.Duration;
import java.util.List;
import org.openvtn.sep.service.NotificationOutbox;
import org.openvtn.sep.store.SepSubscription;

/**
 * How {@link SepNotifier} hands queued Notifications (IEEE 2030.5-2018 §5.6) to delivery: {@link NotificationDispatcher}
 * on the embedded database (one process, in-memory lanes), {@link LeasedNotificationDispatcher} when several nodes
 * share a PostgreSQL database (issue #19: each queued row is leased by one node at a time).
 */
interface Deliveries extends AutoCloseable {
    /** A subscription exists (at start or when created); {@code queued} rows of it are already in the database. */
    void open(SepSubscription s, long queued);

    /** The subscription was deleted with its rows. */
    void close(long subscriptionId);

    /** The subscription was updated (PUT): later attempts use its new notificationURI. */
    void update(SepSubscription s);

    /** Its last Notification (status 4) was just accepted: the subscription ends once that is delivered or dropped. */
    void closeWhenDrained(long subscriptionId);

    /** @return whether notifications for this stored subscription are taken */
    boolean has(long subscriptionId);

    /** @return true when the subscription may take another notification (else it is refused and counted) */
    boolean admits(long subscriptionId);

    /** Rows just committed to the database. */
    void accepted(List<NotificationOutbox.Queued> rows);

    /** @return true when every accepted notification was delivered or dropped within the timeout */
    boolean awaitIdle(Duration timeout) throws InterruptedException;

    /** @return this process's delivery counters */
    DeliveryStats stats();

    @Override
    void close();
}

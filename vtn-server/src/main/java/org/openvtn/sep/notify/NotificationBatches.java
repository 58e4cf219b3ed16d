package org.openvtn.sep.notify;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.sep.service.NotificationOutbox;
import org.openvtn.sep.service.ReadingConditions;
import org.openvtn.sep.service.SepException;
import org.openvtn.sep.store.SepEndDevice;
import org.openvtn.sep.store.SepSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders and encodes the Notifications of one change (IEEE 2030.5-2018 §5.6): one per affected subscription that has
 * a delivery lane and room in it, a conditional subscription only when its Condition holds ({@link ReadingConditions},
 * issue #17). Used by the producer ({@link SepNotifier}) and by a request queueing in its own transaction
 * ({@link RequestNotices}); thread-safe (the lanes and the codec are).
 */
final class NotificationBatches {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationBatches.class);

    /** Encoded Notifications (subscription id, body) and the subscriptions whose one is their final notice. */
    record Batch(List<Map.Entry<Long, byte[]>> items, List<Long> ending) {
    }

    private final NotificationOutbox outbox;
    private final Deliveries dispatcher;
    private final NotificationBodies bodies;

    NotificationBatches(NotificationOutbox outbox, Deliveries dispatcher, NotificationBodies bodies) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.bodies = bodies;
    }

    /** @return a Notification for each affected subscription that takes one now (none queued yet) */
    Batch build(List<SepSubscription> candidates, NotificationScopes.Affected affected,
                SepNotifier.Renderer renderer) {
        List<Map.Entry<Long, byte[]>> batch = new ArrayList<>();
        List<Long> ending = new ArrayList<>();
        for (SepSubscription s : candidates) {
            try {
                if (!dispatcher.has(s.id()) || !affected.test(s) || !dispatcher.admits(s.id())) {
                    continue;
                }
                Optional<SepEndDevice> d = outbox.device(s.deviceId());
                Optional<SepNotifier.Rendered> r = d.flatMap(x -> renderer.render(x, s.subscribedResource(),
                        s.limit()));
                if (r.isPresent() && !ReadingConditions.holds(s.condition(), r.get().resource())) {
                    continue; // a conditional subscription whose Condition the resource does not meet (issue #17)
                }
                byte[] body = bodies.encode(s, r);
                if (r.isEmpty()) {
                    ending.add(s.id());
                }
                batch.add(new AbstractMap.SimpleImmutableEntry<>(s.id(), body));
            } catch (SepException e) {
                if (e.status() != 403) {
                    LOG.error("subscription {}: building the notification failed", s.id(), e);
                }
                // 403: the EndDevice is disabled (docs/ieee-2030.5.md "EndDevice lifecycle"): nothing is sent to it
                // while it is, and its subscription stays for when it is enabled again
            } catch (XmlCodecException | RuntimeException e) {
                LOG.error("subscription {}: building the notification failed", s.id(), e);
            }
        }
        return new Batch(batch, ending);
    }
}

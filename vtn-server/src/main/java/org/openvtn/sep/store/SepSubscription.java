package org.openvtn.sep.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored Subscription (IEEE 2030.5-2018 §5.6 Subscription/Notification, Subscription object):
 * durable, survives restarts.
 *
 * @param id                 server-assigned index ({@code /edev/{e}/sub/{id}})
 * @param deviceId           the subscribing EndDevice
 * @param subscribedResource href of the subscribed resource (a path on this server)
 * @param encoding           0 = application/sep+xml (1 = sep-exi is refused)
 * @param level              the Subscription {@code level} (e.g. {@code +S1})
 * @param limit              most list entries carried per Notification
 * @param notificationUri    where Notifications are POSTed (https)
 * @param createdAt          creation time
 * @param delivered          Notifications delivered (2xx from the listener)
 * @param dropped            Notifications given up after the retry budget
 * @param condition          the Subscription's {@code Condition}, or null for a non-conditional subscription
 */
public record SepSubscription(long id, long deviceId, String subscribedResource, short encoding, String level,
                              long limit, String notificationUri, Instant createdAt, long delivered, long dropped,
                              Condition condition) {
    public SepSubscription {
        Objects.requireNonNull(subscribedResource, "subscribedResource");
        Objects.requireNonNull(notificationUri, "notificationUri");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A non-conditional subscription. */
    public SepSubscription(long id, long deviceId, String subscribedResource, short encoding, String level,
                           long limit, String notificationUri, Instant createdAt, long delivered, long dropped) {
        this(id, deviceId, subscribedResource, encoding, level, limit, notificationUri, createdAt, delivered, dropped,
                null);
    }

    /**
     * IEEE 2030.5-2018 Subscription {@code Condition} ("a condition that must be satisfied for the Notification to be
     * triggered"), stored as plain values.
     *
     * @param attributeIdentifier 0 = Reading value (1-255 reserved)
     * @param lowerThreshold      Int48
     * @param upperThreshold      Int48
     */
    public record Condition(short attributeIdentifier, long lowerThreshold, long upperThreshold) {
    }
}

package org.openvtn.admin.api;

/**
 * A 2030.5 Subscription with its Notification counters (IEEE 2030.5-2018 §5.6).
 *
 * @param id                 subscription id
 * @param href               its href
 * @param endDeviceId        subscriber
 * @param subscribedResource the resource
 * @param notificationURI    where Notifications go
 * @param limit              list limit
 * @param createdAt          ISO-8601 instant
 * @param delivered          Notifications delivered
 * @param dropped            Notifications given up
 * @param pending            Notifications waiting
 */
public record SepSubscriptionJson(long id, String href, long endDeviceId, String subscribedResource,
                                  String notificationURI, long limit, String createdAt, long delivered, long dropped,
                                  long pending) {
}

package org.openvtn.sep.notify;

/**
 * Notification delivery counters (issue 6: a delivery metric observable from the admin API).
 *
 * @param subscriptions active subscriptions
 * @param delivered     notifications a listener acknowledged with 2xx
 * @param dropped       notifications given up (retry budget spent, or refused because the
 *                      subscription's queue was full); each one is logged
 * @param pending       notifications accepted and not yet delivered (memory and database)
 * @param retries       failed attempts that were retried
 */
public record DeliveryStats(long subscriptions, long delivered, long dropped, long pending, long retries) {
}

package org.openvtn.admin.api;

/**
 * Notification delivery totals ({@code /sep/delivery}).
 *
 * @param subscriptions subscriptions
 * @param delivered     delivered
 * @param dropped       given up
 * @param pending       waiting
 */
public record SepDeliveryJson(long subscriptions, long delivered, long dropped, long pending) {
}

package org.openvtn.sep.service;

/**
 * Which hosts a subscription's {@code notificationURI} may name (issue #12 item 10), as the subscription service
 * sees it when a Subscription is created or updated (IEEE 2030.5-2018 §5.6). The rule itself (public addresses
 * only, an allowlist) lives with the notification delivery ({@code sep.notify.NotificationTargets}), which applies it
 * again to every resolved address; the assembly hands it to {@link SepServices.Builder#notificationTargets}. This
 * port keeps the arrow one way: sep.notify uses sep.service, never the reverse.
 */
@FunctionalInterface
public interface NotificationUriRule {

    /** Refuses every host: services assembled without a 2030.5 listener (the operator view) take no subscriptions. */
    NotificationUriRule NONE = host -> "no notification targets are configured";

    /**
     * @param host the notificationURI's host (name or IP literal)
     * @return why the host is refused, or null when it is allowed
     */
    String refusal(String host);

    /**
     * Whether a plain {@code http} notificationURI may name this host. IEEE 2030.5-2018 §5.6 / §6.11 deliver
     * notifications over TLS, so production answers no; {@code openvtn dev --allow-http-notify-loopback} allows it for
     * loopback hosts only, for test harnesses that run a plain-http sink (issue #17).
     *
     * @param host the notificationURI's host (name or IP literal)
     * @return true when an http URI may name the host
     */
    default boolean plainHttpAllowed(String host) {
        return false;
    }
}

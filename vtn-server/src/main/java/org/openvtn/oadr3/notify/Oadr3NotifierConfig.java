package org.openvtn.oadr3.notify;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * How the 3.1 notifiers deliver (issue #20; 3.1 Definition "Webhooks" and its "Additional guidelines").
 *
 * @param trustAnchors      the CAs https callbacks (and an {@code ssl://} broker) must chain to; empty = the JDK's
 *                          default trust store. Host names are verified; nothing is trusted blindly
 * @param timeout           connect and request timeout of one delivery or echo challenge (Definition: 10-30 s)
 * @param allowHttpLoopback accept {@code http://} callbacks to a loopback host (for {@code openvtn dev} only: the
 *                          Definition requires HTTPS callbacks)
 * @param initialBackoff    delay after the first failed attempt; doubled after each further one
 * @param maxBackoff        cap of the delay
 * @param maxAttempts       attempts before a notification is dropped (Definition: retry "not forever")
 * @param maxInFlight       lanes delivered concurrently
 * @param mqtt              the MQTT notifier, or null for none
 * @param allowPrivateCallbacks accept callback URLs whose host resolves to a loopback, private (RFC 1918, RFC 4193),
 *                          link-local, shared (RFC 6598) or otherwise reserved address. Off by default (Definition
 *                          "Additional guidelines": "Check for private IPs and reserved IPs", SSRF); on for
 *                          {@code openvtn dev} and for VTNs whose VENs sit on the operator's own network
 */
public record Oadr3NotifierConfig(List<X509Certificate> trustAnchors, Duration timeout, boolean allowHttpLoopback,
                                  Duration initialBackoff, Duration maxBackoff, int maxAttempts, int maxInFlight,
                                  Oadr3MqttConfig mqtt, boolean allowPrivateCallbacks) {
    public Oadr3NotifierConfig {
        trustAnchors = trustAnchors == null ? List.of() : List.copyOf(trustAnchors);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("webhooks.timeout: must be > 0");
        }
        if (initialBackoff == null || initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("webhooks.initialBackoff: must be > 0");
        }
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("webhooks.maxBackoff: must be >= initialBackoff");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("webhooks.maxAttempts: must be >= 1");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("webhooks.maxInFlight: must be >= 1");
        }
    }

    /**
     * Lanes delivered at once by default. Every subscriber is its own TLS connection, so a fan-out is a burst of
     * handshakes on the notifier's two threads: with 256 at once on a busy 2-core machine each took longer than the
     * timeout, was retried on a new connection and delivered twice (BENCHMARKS.md "OpenADR 3.1"). 32 keep each
     * handshake short while a hung subscriber still holds only one of them until the timeout.
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 32;

    /**
     * Defaults: JDK trust store, 10 s timeout, https only, no private or reserved callback addresses, backoff 1 s
     * doubling to 5 min, 12 attempts, no MQTT.
     */
    public static Oadr3NotifierConfig defaults() {
        return new Oadr3NotifierConfig(List.of(), Duration.ofSeconds(10), false, Duration.ofSeconds(1),
                Duration.ofMinutes(5), 12, DEFAULT_MAX_IN_FLIGHT, null, false);
    }

    public Oadr3NotifierConfig withTrustAnchors(List<X509Certificate> anchors) {
        return new Oadr3NotifierConfig(anchors, timeout, allowHttpLoopback, initialBackoff, maxBackoff, maxAttempts,
                maxInFlight, mqtt, allowPrivateCallbacks);
    }

    public Oadr3NotifierConfig withAllowHttpLoopback(boolean on) {
        return new Oadr3NotifierConfig(trustAnchors, timeout, on, initialBackoff, maxBackoff, maxAttempts,
                maxInFlight, mqtt, allowPrivateCallbacks);
    }

    public Oadr3NotifierConfig withTimeout(Duration t) {
        return new Oadr3NotifierConfig(trustAnchors, t, allowHttpLoopback, initialBackoff, maxBackoff, maxAttempts,
                maxInFlight, mqtt, allowPrivateCallbacks);
    }

    public Oadr3NotifierConfig withBackoff(Duration initial, Duration max, int attempts) {
        return new Oadr3NotifierConfig(trustAnchors, timeout, allowHttpLoopback, initial, max, attempts,
                maxInFlight, mqtt, allowPrivateCallbacks);
    }

    /** @return this config accepting (true) or refusing (false) callbacks to private and reserved addresses */
    public Oadr3NotifierConfig withPrivateCallbacks(boolean allow) {
        return new Oadr3NotifierConfig(trustAnchors, timeout, allowHttpLoopback, initialBackoff, maxBackoff,
                maxAttempts, maxInFlight, mqtt, allow);
    }

    public Oadr3NotifierConfig withMqtt(Oadr3MqttConfig m) {
        return new Oadr3NotifierConfig(trustAnchors, timeout, allowHttpLoopback, initialBackoff, maxBackoff,
                maxAttempts, maxInFlight, m, allowPrivateCallbacks);
    }

    /** @return the delay before attempt {@code attempts + 1}, after {@code attempts} failures */
    public Duration backoff(int attempts) {
        Duration d = initialBackoff;
        for (int i = 1; i < attempts && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}

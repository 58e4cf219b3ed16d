package org.openvtn.sep.notify;

import java.time.Duration;

/**
 * How Notifications are delivered (IEEE 2030.5-2018 §5.6; issue 6: durable, retried with
 * backoff, no silent drops). Build with {@link #builder()}; {@link Builder#build()} names the bad field.
 *
 * @param laneCapacity        notifications held in memory per subscription; more wait in the database
 * @param maxQueued           undelivered notifications kept per subscription (database included); beyond
 *                            it a new notification is refused, counted as dropped and logged
 * @param maxAttempts         attempts per notification before it is given up (counted as dropped)
 * @param initialBackoff      first retry delay; doubles per attempt
 * @param maxBackoff          largest retry delay
 * @param requestTimeout      timeout of one POST
 * @param connectionsPerHost  keep-alive connections per notification listener
 * @param clientThreads       threads of the HTTP client
 * @param targets             which hosts a notificationURI may name (issue #12 item 10); default
 *                            {@link NotificationTargets#publicOnly(java.util.List)} with an empty allowlist
 * @param lease               several nodes on one PostgreSQL database (issue #19): how long a node holds the head
 *                            Notification of a subscription while it delivers it (renewed every third of it); a dead
 *                            node's rows are taken over after it lapses. Unused on the embedded database
 */
public record DeliveryPolicy(int laneCapacity, int maxQueued, int maxAttempts, Duration initialBackoff,
                             Duration maxBackoff, Duration requestTimeout, int connectionsPerHost, int clientThreads,
                             NotificationTargets targets, Duration lease) {

    /**
     * @return the defaults: 256 in memory, 100 000 queued, 16 attempts (~38 min), 1 s .. 5 min backoff, 10 s timeout,
     *         30 s lease
     */
    public static DeliveryPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return this policy with another notificationURI host rule */
    public DeliveryPolicy withTargets(NotificationTargets t) {
        return new DeliveryPolicy(laneCapacity, maxQueued, maxAttempts, initialBackoff, maxBackoff, requestTimeout,
                connectionsPerHost, clientThreads, java.util.Objects.requireNonNull(t, "targets"), lease);
    }

    /** @return the delay before retry number {@code attempt} (1-based) */
    public Duration backoff(int attempt) {
        long ms = initialBackoff.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }

    /** Builder with the defaults of {@link #defaults()}. */
    public static final class Builder {
        private int laneCapacity = 256;
        private int maxQueued = 100_000;
        // 1 s doubling to 5 min: the 16th attempt comes ~38 min after the first, so a notification outlives a
        // communication loss of the client's endpoint far longer than CSIP-AUS S-ALL-46's 5 minutes
        private int maxAttempts = 16;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int connectionsPerHost = 2;
        private int clientThreads = 8;
        private NotificationTargets targets = NotificationTargets.publicOnly(java.util.List.of());
        private Duration lease = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder laneCapacity(int n) { laneCapacity = n; return this; }
        public Builder maxQueued(int n) { maxQueued = n; return this; }
        public Builder maxAttempts(int n) { maxAttempts = n; return this; }
        public Builder initialBackoff(Duration d) { initialBackoff = d; return this; }
        public Builder maxBackoff(Duration d) { maxBackoff = d; return this; }
        public Builder requestTimeout(Duration d) { requestTimeout = d; return this; }
        public Builder connectionsPerHost(int n) { connectionsPerHost = n; return this; }
        public Builder clientThreads(int n) { clientThreads = n; return this; }
        /** Which hosts a notificationURI may name; {@link NotificationTargets#any()} only for development. */
        public Builder targets(NotificationTargets t) { targets = t; return this; }
        /** Lease of a delivery on a shared database (issue #19); at least 1 s. */
        public Builder lease(Duration d) { lease = d; return this; }

        /** @throws IllegalArgumentException naming the bad field */
        public DeliveryPolicy build() {
            if (laneCapacity < 1) {
                throw new IllegalArgumentException("laneCapacity: must be >= 1");
            }
            if (maxQueued < laneCapacity) {
                throw new IllegalArgumentException("maxQueued: must be >= laneCapacity");
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts: must be >= 1");
            }
            if (initialBackoff == null || initialBackoff.isNegative() || initialBackoff.isZero()) {
                throw new IllegalArgumentException("initialBackoff: must be positive");
            }
            if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff: must be >= initialBackoff");
            }
            if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout: must be positive");
            }
            if (connectionsPerHost < 1) {
                throw new IllegalArgumentException("connectionsPerHost: must be >= 1");
            }
            if (clientThreads < 2) {
                throw new IllegalArgumentException("clientThreads: must be >= 2");
            }
            if (targets == null) {
                throw new IllegalArgumentException("targets: required");
            }
            if (lease == null || lease.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("lease: must be >= 1 s");
            }
            return new DeliveryPolicy(laneCapacity, maxQueued, maxAttempts, initialBackoff, maxBackoff, requestTimeout,
                    connectionsPerHost, clientThreads, targets, lease);
        }
    }
}

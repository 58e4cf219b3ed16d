package org.openvtn.oadr20b.push;

import java.time.Duration;
import java.util.List;
import org.openvtn.sep.notify.NotificationTargets;

/**
 * Settings of the OpenADR 2.0b push exchange model (issue #14): how the VTN delivers to VENs registered with
 * {@code oadrHttpPullModel=false}. Build with {@link #builder()}; {@link Builder#build()} names the bad field.
 *
 * @param connectTimeout  TCP connect timeout of one attempt; also how long an idle connection to a VEN stays
 *                        open after its delivery
 * @param handshakeTimeout TCP connect plus TLS handshake of one attempt, until the request is written: a VEN that
 *                        accepts TCP and never completes the handshake (a "black hole") fails after this, not after
 *                        {@code requestTimeout}
 * @param requestTimeout  whole-exchange timeout of one attempt (the VEN answers synchronously)
 * @param maxAttempts     failed attempts of one outbox entry before the VEN is marked unreachable
 * @param initialBackoff  wait after the first failure; doubled per failure, with +-20% jitter
 * @param maxBackoff      largest wait between attempts
 * @param concurrency     pushes in flight over all VENs (one per VEN at most, to keep order); exchanges are
 *                        non-blocking, so this bounds open connections, not threads. Retries of VENs whose last
 *                        attempt failed have {@link #retryConcurrency()} slots of their own on top
 * @param urlForm         default service-URL rule for a VEN that has none remembered
 * @param detectUrlForm   on HTTP 404 try the other rule once and remember the one that answered
 * @param allowAnyHost    accept every oadrTransportAddress host (development: {@code openvtn dev})
 * @param allowedHosts    host names / CIDR blocks allowed although not public (production rule otherwise)
 * @param lease           several nodes on one PostgreSQL database (issue #19): how long a node holds the head entry
 *                        of a VEN's outbox it delivers; renewed every third of it while the exchange runs, so it only
 *                        bounds how long a dead node's pushes wait before another node takes them over
 */
public record PushConfig(Duration connectTimeout, Duration handshakeTimeout, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
                         Duration maxBackoff, int concurrency, PushUrls.Form urlForm, boolean detectUrlForm,
                         boolean allowAnyHost, List<String> allowedHosts, Duration lease) {

    /** Defaults: 5 s connect, 5 s connect + handshake, 30 s request, 8 attempts, 1 s .. 5 min backoff, 256 in flight, spec URL rule. */
    public static final PushConfig DEFAULT = builder().build();

    public PushConfig {
        allowedHosts = List.copyOf(allowedHosts);
    }

    /**
     * @return retries (attempts after a failure) in flight at most, besides {@link #concurrency()}: an eighth of it,
     *         at least 1. Unreachable VENs retry within these, so they never hold the slots of the others
     */
    public int retryConcurrency() {
        return Math.max(1, concurrency / 8);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the host rule for oadrTransportAddress (the same rule as 2030.5 notification targets) */
    public NotificationTargets targets() {
        return allowAnyHost ? NotificationTargets.any() : NotificationTargets.publicOnly(allowedHosts);
    }

    /** Builder with secure defaults. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration handshakeTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxAttempts = 8;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(5);
        private int concurrency = 256;
        private PushUrls.Form urlForm = PushUrls.Form.SPEC;
        private boolean detectUrlForm = true;
        private boolean allowAnyHost;
        private List<String> allowedHosts = List.of();
        private Duration lease = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder connectTimeout(Duration d) { connectTimeout = d; return this; }
        public Builder handshakeTimeout(Duration d) { handshakeTimeout = d; return this; }
        public Builder requestTimeout(Duration d) { requestTimeout = d; return this; }
        public Builder maxAttempts(int n) { maxAttempts = n; return this; }
        public Builder initialBackoff(Duration d) { initialBackoff = d; return this; }
        public Builder maxBackoff(Duration d) { maxBackoff = d; return this; }
        public Builder concurrency(int n) { concurrency = n; return this; }
        public Builder urlForm(PushUrls.Form f) { urlForm = f; return this; }
        public Builder detectUrlForm(boolean on) { detectUrlForm = on; return this; }
        /** Development only: push to loopback and private addresses too. */
        public Builder allowAnyHost(boolean on) { allowAnyHost = on; return this; }
        public Builder allowedHosts(List<String> hosts) { allowedHosts = hosts; return this; }
        /** Several nodes: how long a node's claim on a VEN's head entry lasts without renewal (default 30 s). */
        public Builder lease(Duration d) { lease = d; return this; }

        /**
         * @return the validated settings
         * @throws IllegalArgumentException naming the bad field
         */
        public PushConfig build() {
            positive("push.connectTimeout", connectTimeout);
            positive("push.handshakeTimeout", handshakeTimeout);
            positive("push.requestTimeout", requestTimeout);
            if (handshakeTimeout.compareTo(requestTimeout) > 0) {
                throw new IllegalArgumentException("push.handshakeTimeout: must be <= push.requestTimeout");
            }
            positive("push.initialBackoff", initialBackoff);
            positive("push.lease", lease);
            if (lease.compareTo(Duration.ofMillis(300)) < 0) {
                throw new IllegalArgumentException("push.lease: must be >= PT0.3S (renewed every third of it)");
            }
            positive("push.maxBackoff", maxBackoff);
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("push.maxBackoff: must be >= push.initialBackoff");
            }
            if (maxAttempts < 1 || maxAttempts > 1000) {
                throw new IllegalArgumentException("push.maxAttempts: must be 1..1000, was " + maxAttempts);
            }
            if (concurrency < 1 || concurrency > 4096) {
                throw new IllegalArgumentException("push.concurrency: must be 1..4096, was " + concurrency);
            }
            if (urlForm == null) {
                throw new IllegalArgumentException("push.urlForm: required (spec or short)");
            }
            if (allowedHosts == null) {
                throw new IllegalArgumentException("push.allowedHosts: required (may be empty)");
            }
            try {
                NotificationTargets.publicOnly(allowedHosts);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("push.allowedHosts: "
                        + e.getMessage().replace("allowedNotificationHosts: ", ""), e);
            }
            return new PushConfig(connectTimeout, handshakeTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, concurrency,
                    urlForm, detectUrlForm, allowAnyHost, allowedHosts, lease);
        }

        private static void positive(String field, Duration d) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(field + ": must be > 0");
            }
        }
    }
}

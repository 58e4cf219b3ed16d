package org.openvtn.core.service;

import java.time.Duration;

/**
 * Delivery and per-participant storage limits (issue #12 items 6 and 8), part of {@link CoreConfig}. Build with
 * {@link #builder()}; {@link Builder#build()} validates and names the bad field. Retention rules are in
 * docs/configuration.md ("Delivery and storage limits").
 *
 * @param pollRedeliveryAfter      how long a poll item that an answer carried waits for the VEN's acknowledgement
 *                                 before a later poll carries it again
 * @param pollMaxDeliveries        how many poll answers may carry one item; then it is dropped with a warning
 * @param maxEventResponsesPerVen  oadrCreatedEvent rows kept per VEN; the oldest beyond it are deleted
 * @param maxOptsPerVen            oadrCreateOpt rows kept per VEN; cancelled ones are deleted oldest first, and a
 *                                 new opt is refused (451) when the active ones fill the quota
 * @param maxTelemetryPerVen       oadrUpdateReport values kept per VEN (settlement data): a report that would
 *                                 exceed it is refused (451), nothing is deleted
 * @param maxLogEventsPerDevice    IEEE 2030.5 LogEvents kept per EndDevice; the oldest beyond it are deleted
 * @param maxResponsesPerDevice    IEEE 2030.5 Responses kept per EndDevice; the oldest beyond it are deleted
 * @param maxReadingSetsPerReading IEEE 2030.5 MirrorReadingSets kept per MirrorMeterReading; the oldest (by
 *                                 startTime) beyond it are deleted
 * @param maxMirrorsPerDevice      IEEE 2030.5 MirrorUsagePoints per EndDevice, and MirrorMeterReadings per
 *                                 MirrorUsagePoint: a POST creating one more is refused (400 reasonCode 2)
 */
public record StoreLimits(Duration pollRedeliveryAfter, int pollMaxDeliveries, int maxEventResponsesPerVen,
                          int maxOptsPerVen, long maxTelemetryPerVen, int maxLogEventsPerDevice,
                          int maxResponsesPerDevice, int maxReadingSetsPerReading, int maxMirrorsPerDevice) {

    /** The production defaults. */
    public static final StoreLimits DEFAULT = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the production defaults. */
    public static final class Builder {
        private Duration pollRedeliveryAfter = Duration.ofSeconds(30);
        private int pollMaxDeliveries = 3;
        private int maxEventResponsesPerVen = 10_000;
        private int maxOptsPerVen = 1_000;
        private long maxTelemetryPerVen = 1_000_000L;
        private int maxLogEventsPerDevice = 1_000;
        private int maxResponsesPerDevice = 1_000;
        private int maxReadingSetsPerReading = 1_000;
        private int maxMirrorsPerDevice = 100;

        private Builder() {
        }

        public Builder pollRedeliveryAfter(Duration d) { pollRedeliveryAfter = d; return this; }
        public Builder pollMaxDeliveries(int n) { pollMaxDeliveries = n; return this; }
        public Builder maxEventResponsesPerVen(int n) { maxEventResponsesPerVen = n; return this; }
        public Builder maxOptsPerVen(int n) { maxOptsPerVen = n; return this; }
        public Builder maxTelemetryPerVen(long n) { maxTelemetryPerVen = n; return this; }
        public Builder maxLogEventsPerDevice(int n) { maxLogEventsPerDevice = n; return this; }
        public Builder maxResponsesPerDevice(int n) { maxResponsesPerDevice = n; return this; }
        public Builder maxReadingSetsPerReading(int n) { maxReadingSetsPerReading = n; return this; }
        public Builder maxMirrorsPerDevice(int n) { maxMirrorsPerDevice = n; return this; }

        /**
         * @return the validated limits
         * @throws IllegalArgumentException naming the bad field
         */
        public StoreLimits build() {
            if (pollRedeliveryAfter == null || pollRedeliveryAfter.isZero() || pollRedeliveryAfter.isNegative()) {
                throw new IllegalArgumentException("pollRedeliveryAfter: must be > 0");
            }
            atLeast("pollMaxDeliveries", pollMaxDeliveries, 1);
            atLeast("maxEventResponsesPerVen", maxEventResponsesPerVen, 1);
            atLeast("maxOptsPerVen", maxOptsPerVen, 1);
            atLeast("maxTelemetryPerVen", maxTelemetryPerVen, 1);
            atLeast("maxLogEventsPerDevice", maxLogEventsPerDevice, 1);
            atLeast("maxResponsesPerDevice", maxResponsesPerDevice, 1);
            atLeast("maxReadingSetsPerReading", maxReadingSetsPerReading, 1);
            atLeast("maxMirrorsPerDevice", maxMirrorsPerDevice, 1);
            return new StoreLimits(pollRedeliveryAfter, pollMaxDeliveries, maxEventResponsesPerVen, maxOptsPerVen,
                    maxTelemetryPerVen, maxLogEventsPerDevice, maxResponsesPerDevice, maxReadingSetsPerReading,
                    maxMirrorsPerDevice);
        }

        private static void atLeast(String field, long v, long min) {
            if (v < min) {
                throw new IllegalArgumentException(field + ": must be at least " + min + ", was " + v);
            }
        }
    }
}

package org.openvtn.sep.http;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.listener.ListenerLimits;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.schemas.SepCodec;
import org.openvtn.sep.notify.DeliveryPolicy;
import org.openvtn.sep.service.SepMrids;

/**
 * Immutable configuration of the IEEE 2030.5 listener. Build with {@link #builder()};
 * {@link Builder#build()} validates and names the bad field.
 *
 * @param tls          mutual-TLS config with {@link TlsProfile#IEEE_2030_5} (TLS 1.2,
 *                     TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 on BCJSSE; IEEE 2030.5-2018 §6.11, CSIP COMM-003)
 * @param codec        the validating 2030.5 codec (every response is validated before it leaves)
 * @param clock        time source (Time resource, event status)
 * @param host         bind address
 * @param port         port, 0 for ephemeral
 * @param pollRate     pollRate in seconds (IEEE 2030.5 default 900)
 * @param inBandRegistration whether clients may POST their EndDevice (off: CSIP-AUS S-OPT-01, operator-provisioned
 *                     EndDevices only)
 * @param zone         local time zone advertised in {@code /tm}
 * @param timeQuality  Time.quality (3..7)
 * @param primacy      DERProgram / DemandResponseProgram primacy
 * @param maxBodyBytes largest request body accepted
 * @param delivery     Notification delivery policy (IEEE 2030.5-2018 §5.6; queue sizes, retries, backoff)
 * @param limits       listener bounds: header size, idle timeout, minimum body rate, threads (issue #12 item 9)
 * @param pen          IANA Private Enterprise Number in the low 32 bits of every server mRID (sep.xsd mRIDType);
 *                     default {@link SepMrids#PLACEHOLDER_PEN} (documentation number, operators set their own)
 * @param enrolment    who may take part through this listener (issue #12 item 5); builder default {@code OPEN},
 *                     {@code openvtn serve} defaults to {@code APPROVE}
 * @param dnsSd        DNS-SD / mDNS advertisement of {@code _smartenergy._tcp} (IEEE 2030.5-2018 §6.5, CSIP COMM-001);
 *                     default off
 * @param eventRetention how long a completed, cancelled or superseded DERControl / EndDeviceControl stays in its
 *                     lists after its interval ended (default ZERO; docs/ieee-2030.5.md "Retention")
 */
public record SepConfig(TlsConfig tls, SepCodec codec, Clock clock, String host, int port, long pollRate, ZoneId zone,
                        short timeQuality, short primacy, int maxBodyBytes, DeliveryPolicy delivery,
                        long pen, EnrolmentPolicy enrolment, ListenerLimits limits, int dersPerEndDevice,
                        SepDnsSd.Settings dnsSd, boolean inBandRegistration, java.time.Duration eventRetention) {

    /** @return the mRID factory with this config's PEN */
    public SepMrids mrids() {
        return new SepMrids(pen);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the standard's defaults (pollRate 900 s, UTC, quality 4, primacy 1, 64 KiB bodies). */
    public static final class Builder {
        private TlsConfig tls;
        private SepCodec codec;
        private Clock clock = Clock.systemUTC();
        private String host = "0.0.0.0";
        private int port = 8443;
        private long pollRate = 900;
        private int dersPerEndDevice = 1;
        private java.time.Duration eventRetention = java.time.Duration.ZERO;
        private ZoneId zone = ZoneOffset.UTC;
        private short timeQuality = 4;
        private short primacy = 1;
        private int maxBodyBytes = 64 * 1024;
        private DeliveryPolicy delivery = DeliveryPolicy.defaults();
        private long pen = SepMrids.PLACEHOLDER_PEN;
        private EnrolmentPolicy enrolment = EnrolmentPolicy.OPEN;
        // listener bounds (issue #12 item 9)
        private ListenerLimits limits = ListenerLimits.DEFAULT;
        private SepDnsSd.Settings dnsSd = SepDnsSd.Settings.off();
        private boolean inBandRegistration = true;

        private Builder() {
        }

        public Builder tls(TlsConfig t) { this.tls = t; return this; }
        /** 2030.5 listener bounds (default {@link ListenerLimits#DEFAULT}). */
        public Builder limits(ListenerLimits l) { this.limits = l; return this; }
        public Builder codec(SepCodec c) { this.codec = c; return this; }
        public Builder clock(Clock c) { this.clock = c; return this; }
        public Builder host(String h) { this.host = h; return this; }
        public Builder port(int p) { this.port = p; return this; }
        public Builder pollRate(long seconds) { this.pollRate = seconds; return this; }
        /**
         * How many DERs each EndDevice's DERList holds (IEEE 2030.5-2018 §10.10.4.1; CSIP-AUS MUL-01..03: several
         * DERs behind one EndDevice), 1..64, default 1.
         */
        public Builder dersPerEndDevice(int n) { this.dersPerEndDevice = n; return this; }
        /**
         * How long a control stays listed after its interval ended (completed, cancelled or superseded; IEEE
         * 2030.5-2018 §10.3 / §10.10 lists), 0..P366D, whole seconds; default ZERO.
         */
        public Builder eventRetention(java.time.Duration d) { this.eventRetention = d; return this; }
        public Builder zone(ZoneId z) { this.zone = z; return this; }
        public Builder timeQuality(int q) { this.timeQuality = (short) q; return this; }
        public Builder primacy(int p) { this.primacy = (short) p; return this; }
        public Builder maxBodyBytes(int n) { this.maxBodyBytes = n; return this; }
        public Builder delivery(DeliveryPolicy d) { this.delivery = d; return this; }
        /** IANA Private Enterprise Number ending every server mRID (sep.xsd mRIDType). */
        public Builder pen(long p) { this.pen = p; return this; }
        /** Enrolment policy of this listener: open (default), approve or allowlist. */
        public Builder enrolment(EnrolmentPolicy p) { this.enrolment = p; return this; }
        /** DNS-SD advertisement (IEEE 2030.5-2018 §6.5, CSIP COMM-001); default {@link SepDnsSd.Settings#off()}. */
        public Builder dnsSd(SepDnsSd.Settings d) { this.dnsSd = d; return this; }
        /**
         * Whether a client may create its EndDevice by POSTing to the EndDeviceList (IEEE 2030.5-2018 §6.3 in-band
         * registration; default true). Off, only EndDevices the operator provisioned exist: a POST for one of them is
         * the duplicate it always was (409 + Location), any other POST is refused with 403 (CSIP-AUS S-OPT-01
         * "Discovery Rejecting In-Band Registration").
         */
        public Builder inBandRegistration(boolean on) { this.inBandRegistration = on; return this; }

        /**
         * @return the validated config
         * @throws IllegalArgumentException naming the bad field
         */
        public SepConfig build() {
            if (tls == null) {
                throw new IllegalArgumentException("tls: required");
            }
            if (tls.profile() != TlsProfile.IEEE_2030_5) {
                throw new IllegalArgumentException("tls: profile must be IEEE_2030_5, was " + tls.profile());
            }
            if (codec == null) {
                throw new IllegalArgumentException("codec: required");
            }
            if (clock == null) {
                throw new IllegalArgumentException("clock: required");
            }
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host: required");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: must be 0..65535");
            }
            if (pollRate <= 0 || pollRate > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("pollRate: must be 1..4294967295 seconds");
            }
            if (zone == null) {
                throw new IllegalArgumentException("zone: required");
            }
            if (timeQuality < 3 || timeQuality > 7) {
                throw new IllegalArgumentException("timeQuality: must be 3..7");
            }
            if (primacy < 0 || primacy > 255) {
                throw new IllegalArgumentException("primacy: must be 0..255");
            }
            if (maxBodyBytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes: must be >= 1024");
            }
            if (delivery == null) {
                throw new IllegalArgumentException("delivery: required");
            }
            if (pen < 0 || pen > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("pen: must be 0..4294967295 (an IANA Private Enterprise Number)");
            }
            if (enrolment == null) {
                throw new IllegalArgumentException("enrolment: required (open, approve or allowlist)");
            }
            if (limits == null) {
                throw new IllegalArgumentException("limits: required");
            }
            if (dersPerEndDevice < 1 || dersPerEndDevice > 64) {
                throw new IllegalArgumentException("dersPerEndDevice: must be 1..64, was " + dersPerEndDevice);
            }
            if (eventRetention == null || eventRetention.isNegative() || eventRetention.getNano() != 0
                    || eventRetention.compareTo(java.time.Duration.ofDays(366)) > 0) {
                throw new IllegalArgumentException("eventRetention: must be whole seconds from PT0S to P366D, was "
                        + eventRetention);
            }
            return new SepConfig(tls, codec, clock, host, port, pollRate, zone, timeQuality, primacy, maxBodyBytes,
                    delivery, pen, enrolment, limits, dersPerEndDevice,
                    dnsSd == null ? SepDnsSd.Settings.off() : dnsSd, inBandRegistration, eventRetention);
        }
    }
}

package org.openvtn.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.openvtn.admin.AdminConfig;
import org.openvtn.certs.pki.PkiGenerator;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.listener.ListenerLimits;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.oadr20b.security.OadrSignatureConfig;
import org.openvtn.schemas.XmlLimits;

/**
 * Immutable configuration of a {@link VtnServer}. Build with {@link #builder()};
 * {@link Builder#build()} validates and names the bad field. Mutual TLS is always on for the
 * OpenADR listener: {@code tls} is required.
 *
 * @param dataDir        file database directory; null when in memory
 * @param memoryName     in-memory database name (tests, demos); null when file-backed
 * @param vtnId          ei:vtnID, default {@value #DEFAULT_VTN_ID} (some certified VENs reject an
 *                       all-lower-case vtnID)
 * @param oadrHost       bind address of the OpenADR listener, default {@code 0.0.0.0}
 * @param oadrPort       port of the OpenADR listener, 0 = ephemeral, default 8443
 * @param basePath       prefix before {@code /OpenADR2/Simple/2.0b}, "" or {@code /x/y}
 * @param tls            OpenADR 2.0b server TLS configuration (client certificates required)
 * @param pollFreq       poll frequency offered to VENs (oadrRequestedOadrPollFreq)
 * @param nearWindow     how long before start an event is {@code near} (also x-eiNotification)
 * @param maxBodyBytes   largest accepted request body; also the codec's document limit
 * @param stopTimeout    how long a graceful stop waits for requests in flight
 * @param clock          time source
 * @param admin          admin API listener, null = none
 * @param signatures     OpenADR 2.0b XML signatures: require on VEN payloads, sign answers, replay window
 * @param enrolment      who may take part through the OpenADR listener (issue #12 item 5); builder default
 *                       {@code OPEN} (development), {@code openvtn serve} defaults to {@code APPROVE}
 * @param limits         OpenADR listener bounds: header size, idle timeout, minimum body rate, threads
 *                       (issue #12 item 9)
 * @param storeLimits    poll redelivery and per-participant storage quotas (issue #12 items 6, 8)
 * @param push           OpenADR 2.0b push exchange model: timeouts, retries, backoff, concurrency, service-URL rule,
 *                       allowed transport hosts (issue #14)
 * @param sep            IEEE 2030.5 listener on the same Jetty server and core (issue #13), null = none
 * @param database       PostgreSQL database holding the state (issue #19); null = embedded Derby in {@code dataDir}
 *                       (or in memory)
 * @param oadr3          OpenADR 3.1 REST listener on the same Jetty server and core (issue #20), null = none
 */
public record VtnConfig(Path dataDir, String memoryName, String vtnId, String oadrHost, int oadrPort,
                        String basePath, TlsConfig tls, Duration pollFreq, Duration nearWindow, int maxBodyBytes,
                        Duration stopTimeout, Clock clock, AdminConfig admin, OadrSignatureConfig signatures,
                        EnrolmentPolicy enrolment, ListenerLimits limits,
                        org.openvtn.core.service.StoreLimits storeLimits,
                        org.openvtn.oadr20b.push.PushConfig push,
                        org.openvtn.sep.http.SepConfig sep,
                        org.openvtn.store.DatabaseConfig database,
                        org.openvtn.oadr3.http.Oadr3Config oadr3) {

    /** Default vtnID: upper case on purpose. */
    public static final String DEFAULT_VTN_ID = "OPENVTN";

    /**
     * @param sepConfig the IEEE 2030.5 listener to assemble with the OpenADR one, null = none
     * @return this configuration with that listener
     */
    public VtnConfig withSep(org.openvtn.sep.http.SepConfig sepConfig) {
        return new VtnConfig(dataDir, memoryName, vtnId, oadrHost, oadrPort, basePath, tls, pollFreq, nearWindow,
                maxBodyBytes, stopTimeout, clock, admin, signatures, enrolment, limits, storeLimits, push, sepConfig,
                database, oadr3);
    }

    /**
     * @param oadr3Config the OpenADR 3.1 listener to assemble with the others, null = none
     * @return this configuration with that listener
     */
    public VtnConfig withOadr3(org.openvtn.oadr3.http.Oadr3Config oadr3Config) {
        return new VtnConfig(dataDir, memoryName, vtnId, oadrHost, oadrPort, basePath, tls, pollFreq, nearWindow,
                maxBodyBytes, stopTimeout, clock, admin, signatures, enrolment, limits, storeLimits, push, sep,
                database, oadr3Config);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with secure defaults. */
    public static final class Builder {
        private Path dataDir;
        private String memoryName;
        private org.openvtn.store.DatabaseConfig database;
        private String vtnId = DEFAULT_VTN_ID;
        private String oadrHost = "0.0.0.0";
        private int oadrPort = 8443;
        private String basePath = "";
        private TlsConfig tls;
        private Duration pollFreq = Duration.ofSeconds(10);
        private Duration nearWindow = Duration.ofHours(1);
        private int maxBodyBytes = XmlLimits.DEFAULT.maxDocumentBytes();
        private Duration stopTimeout = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();
        private AdminConfig admin;
        private boolean requireSignatures;
        private boolean signResponses;
        private Duration signatureReplayWindow = OadrSignatureConfig.DEFAULT.replayWindow();
        private java.util.List<OadrSignatureConfig.SigningKey> signingKeys = java.util.List.of();
        private EnrolmentPolicy enrolment = EnrolmentPolicy.OPEN;
        // listener bounds (issue #12 item 9)
        private ListenerLimits limits = ListenerLimits.DEFAULT;
        private org.openvtn.core.service.StoreLimits storeLimits = org.openvtn.core.service.StoreLimits.DEFAULT;
        private org.openvtn.oadr20b.push.PushConfig push = org.openvtn.oadr20b.push.PushConfig.DEFAULT;
        private org.openvtn.sep.http.SepConfig sep;
        private org.openvtn.oadr3.http.Oadr3Config oadr3;

        private Builder() {
        }

        /** File database under {@code dir} (state survives restarts). */
        public Builder dataDir(Path dir) { dataDir = dir; return this; }
        /** In-memory database, dropped on close. */
        public Builder inMemory(String name) { memoryName = name; return this; }
        /** PostgreSQL holds the state instead of the embedded Derby database (issue #19); null = Derby. */
        public Builder database(org.openvtn.store.DatabaseConfig d) { database = d; return this; }
        public Builder vtnId(String id) { vtnId = id; return this; }
        public Builder oadrHost(String host) { oadrHost = host; return this; }
        public Builder oadrPort(int port) { oadrPort = port; return this; }
        public Builder basePath(String path) { basePath = path; return this; }
        public Builder tls(TlsConfig config) { tls = config; return this; }
        public Builder pollFreq(Duration d) { pollFreq = d; return this; }
        public Builder nearWindow(Duration d) { nearWindow = d; return this; }
        public Builder maxBodyBytes(int n) { maxBodyBytes = n; return this; }
        public Builder stopTimeout(Duration d) { stopTimeout = d; return this; }
        public Builder clock(Clock c) { clock = c; return this; }
        public Builder admin(AdminConfig a) { admin = a; return this; }
        /** OpenADR listener bounds (default {@link ListenerLimits#DEFAULT}). */
        public Builder limits(ListenerLimits l) { limits = l; return this; }
        /** Poll redelivery and per-participant storage quotas (docs/configuration.md "Delivery and storage limits"). */
        public Builder storeLimits(org.openvtn.core.service.StoreLimits l) { storeLimits = l; return this; }
        /** 2.0b push settings (default {@link org.openvtn.oadr20b.push.PushConfig#DEFAULT}). */
        public Builder push(org.openvtn.oadr20b.push.PushConfig p) { push = p; return this; }
        /** The IEEE 2030.5 listener, a connector of the same server on the same core (default none). */
        public Builder sep(org.openvtn.sep.http.SepConfig s) { sep = s; return this; }
        /** Adds the OpenADR 3.1 REST listener (issue #20). */
        public Builder oadr3(org.openvtn.oadr3.http.Oadr3Config o) { oadr3 = o; return this; }
        /** Refuse unsigned VEN payloads (459); signed ones are verified either way. */
        public Builder requireSignatures(boolean on) { requireSignatures = on; return this; }
        /** Sign every answer (needs {@link #signingKeys}; {@link #pki} sets them from vtn.p12). */
        public Builder signResponses(boolean on) { signResponses = on; return this; }
        /** Accepted ReplayProtect timestamp distance, default 5 minutes. */
        public Builder signatureReplayWindow(Duration d) { signatureReplayWindow = d; return this; }
        /** Enrolment policy of the OpenADR listener: open (default), approve or allowlist. */
        public Builder enrolment(EnrolmentPolicy p) { enrolment = p; return this; }
        /** The VTN's signing keys (usually the same key store as its TLS identity). */
        public Builder signingKeys(java.util.List<OadrSignatureConfig.SigningKey> keys) {
            signingKeys = keys == null ? java.util.List.of() : keys;
            return this;
        }

        /**
         * TLS from a directory written by the PKI generator ({@code openvtn pki}): the dual-key
         * {@code vtn/vtn.p12}, trust anchors {@code ca.crt} and, when present, the OpenADR
         * intermediate's CRL.
         *
         * @param pkiDir   generator output directory
         * @param password PKCS#12 password
         */
        public Builder pki(Path pkiDir, char[] password) {
            TlsConfig.Builder b = TlsConfig.builder().profile(TlsProfile.OPENADR_20B)
                    .keyStore(pkiDir.resolve(PkiGenerator.VTN_DUAL_P12), password)
                    .trustAnchorFile(pkiDir.resolve(PkiGenerator.CA_FILE));
            Path crl = pkiDir.resolve(PkiGenerator.OADR_CRL_FILE);
            if (Files.isRegularFile(crl)) {
                b.crlFile(crl);
            }
            tls = b.build();
            signingKeys = OadrSignatureConfig.keysFrom(pkiDir.resolve(PkiGenerator.VTN_DUAL_P12), password);
            return this;
        }

        /**
         * @return the validated config
         * @throws IllegalArgumentException naming the bad field
         */
        public VtnConfig build() {
            if (database == null && (dataDir == null) == (memoryName == null)) {
                throw new IllegalArgumentException("dataDir: exactly one of dataDir or inMemory must be set");
            }
            if (database != null && (memoryName != null || !database.postgres())) {
                throw new IllegalArgumentException("database: a PostgreSQL database, not with inMemory");
            }
            if (vtnId == null || vtnId.isBlank() || vtnId.length() > 128 || !vtnId.matches("\\S+")) {
                throw new IllegalArgumentException("vtnId: 1-128 characters without spaces required");
            }
            if (oadrHost == null || oadrHost.isBlank()) {
                throw new IllegalArgumentException("oadrHost: required (0.0.0.0 for every interface)");
            }
            if (oadrPort < 0 || oadrPort > 65535) {
                throw new IllegalArgumentException("oadrPort: must be 0..65535, was " + oadrPort);
            }
            if (basePath == null || !(basePath.isEmpty() || basePath.matches("(/[A-Za-z0-9._~-]+)+"))) {
                throw new IllegalArgumentException("basePath: must be empty or like /segment[/segment], was '"
                        + basePath + "'");
            }
            if (tls == null) {
                throw new IllegalArgumentException("tls: required; the OpenADR listener always uses mutual TLS");
            }
            if (tls.profile() != TlsProfile.OPENADR_20B) {
                throw new IllegalArgumentException("tls: profile must be OPENADR_20B, was " + tls.profile());
            }
            positive("pollFreq", pollFreq);
            if (nearWindow == null || nearWindow.isNegative()) {
                throw new IllegalArgumentException("nearWindow: must be >= 0");
            }
            if (maxBodyBytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes: must be at least 1024, was " + maxBodyBytes);
            }
            if (stopTimeout == null || stopTimeout.isNegative()) {
                throw new IllegalArgumentException("stopTimeout: must be >= 0");
            }
            if (clock == null) {
                throw new IllegalArgumentException("clock: required");
            }
            if (enrolment == null) {
                throw new IllegalArgumentException("enrolment: required (open, approve or allowlist)");
            }
            if (limits == null) {
                throw new IllegalArgumentException("limits: required");
            }
            if (push == null) {
                throw new IllegalArgumentException("push: required");
            }
            OadrSignatureConfig signatures = new OadrSignatureConfig(requireSignatures, signResponses,
                    signatureReplayWindow, signingKeys);
            return new VtnConfig(dataDir, memoryName, vtnId, oadrHost, oadrPort, basePath, tls, pollFreq, nearWindow,
                    maxBodyBytes, stopTimeout, clock, admin, signatures, enrolment, limits, storeLimits, push,
                    sep, database, oadr3);
        }

        private static void positive(String f, Duration d) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(f + ": must be > 0");
            }
        }
    }
}

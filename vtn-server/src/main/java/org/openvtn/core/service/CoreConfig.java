package org.openvtn.core.service;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.openvtn.store.DatabaseConfig;

/**
 * Immutable configuration of the protocol-neutral core. Build with {@link #builder()}; the
 * builder validates in {@link Builder#build()} and names the bad field.
 *
 * @param dataDir         file database directory ({@code <dataDir>/db}); null when in memory
 * @param memoryName      in-memory database name; null when file-backed
 * @param clock           time source for every service
 * @param vtnId           VTN ID (ei:vtnID)
 * @param defaultPollFreq poll frequency offered to VENs
 * @param nearWindow      how long before start an event is NEAR
 * @param eventRetention  how long after its end a terminal event is still delivered
 * @param limits          poll redelivery and per-participant storage quotas (issue #12 items 6, 8)
 * @param database        PostgreSQL database holding the state (issue #19); null = embedded Derby
 */
public record CoreConfig(Path dataDir, String memoryName, Clock clock, String vtnId, Duration defaultPollFreq,
                         Duration nearWindow, Duration eventRetention, StoreLimits limits, DatabaseConfig database) {

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with secure, sensible defaults. */
    public static final class Builder {
        private Path dataDir;
        private String memoryName;
        private DatabaseConfig database;
        private Clock clock = Clock.systemUTC();
        private String vtnId = "openvtn";
        private Duration defaultPollFreq = Duration.ofSeconds(10);
        private Duration nearWindow = Duration.ofHours(1);
        private Duration eventRetention = Duration.ofDays(7);
        private StoreLimits limits = StoreLimits.DEFAULT;

        private Builder() {
        }

        /** File database under {@code dir/db}. */
        public Builder dataDir(Path dir) { this.dataDir = dir; return this; }
        /** In-memory database (tests, demos); dropped on close. */
        public Builder inMemory(String name) { this.memoryName = name; return this; }
        /** PostgreSQL holds the state (issue #19); the data directory, if any, keeps only files. Null = Derby. */
        public Builder database(DatabaseConfig d) { this.database = d; return this; }
        public Builder clock(Clock c) { this.clock = c; return this; }
        public Builder vtnId(String id) { this.vtnId = id; return this; }
        public Builder defaultPollFreq(Duration d) { this.defaultPollFreq = d; return this; }
        public Builder nearWindow(Duration d) { this.nearWindow = d; return this; }
        public Builder eventRetention(Duration d) { this.eventRetention = d; return this; }
        /** Poll redelivery and storage quotas; default {@link StoreLimits#DEFAULT}. */
        public Builder limits(StoreLimits l) { this.limits = l; return this; }

        /**
         * @return the validated config
         * @throws IllegalArgumentException naming the bad field
         */
        public CoreConfig build() {
            if (database == null && (dataDir == null) == (memoryName == null)) {
                throw new IllegalArgumentException("dataDir: exactly one of dataDir or inMemory must be set");
            }
            if (database != null && memoryName != null) {
                throw new IllegalArgumentException("inMemory: not with a PostgreSQL database");
            }
            if (memoryName != null && !memoryName.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("inMemory: name must match [A-Za-z0-9_-]{1,64}");
            }
            if (clock == null) {
                throw new IllegalArgumentException("clock: required");
            }
            if (vtnId == null || vtnId.isBlank()) {
                throw new IllegalArgumentException("vtnId: required");
            }
            positive("defaultPollFreq", defaultPollFreq);
            if (nearWindow == null || nearWindow.isNegative()) {
                throw new IllegalArgumentException("nearWindow: must be >= 0");
            }
            positive("eventRetention", eventRetention);
            if (limits == null) {
                throw new IllegalArgumentException("limits: required");
            }
            if (database != null && !database.postgres()) {
                throw new IllegalArgumentException("database: only PostgreSQL (Derby is dataDir or inMemory)");
            }
            return new CoreConfig(dataDir, memoryName, clock, vtnId, defaultPollFreq, nearWindow, eventRetention,
                    limits, database);
        }

        private static void positive(String f, Duration d) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(f + ": must be > 0");
            }
        }
    }
}

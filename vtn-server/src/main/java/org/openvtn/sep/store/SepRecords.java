package org.openvtn.sep.store;

import java.time.Instant;

/** Row types of {@link JdbcSepRecordStore} (2030.5 state the core has no place for; migration V3). */
public final class SepRecords {
    private SepRecords() {
    }

    /**
     * A client Response (IEEE 2030.5-2018 Response function set) as received.
     *
     * @param id          index in its ResponseSet's ResponseList
     * @param deviceId    responding EndDevice
     * @param responseSet ResponseSet id (the core program id)
     * @param kind        schema type posted (Response, DERControlResponse...)
     * @param subject     mRID of the event responded to (32 hex digits)
     * @param status      Response.status (Table 27), may be null
     * @param createdTime Response.createdDateTime, may be null
     * @param receivedAt  when the server stored it
     * @param eventId     the core event the subject maps to, null when unknown
     */
    public record Response(long id, long deviceId, String responseSet, String kind, String subject, Short status,
                           Instant createdTime, Instant receivedAt, String eventId) {
    }

    /** A stored document (LogEvent, MirrorUsagePoint) with its index, owner and time key. */
    public record Document(long id, long deviceId, String key, Instant time, byte[] body) {
    }

    /**
     * A MirrorMeterReading's metadata (what later reading POSTs need to scale values).
     *
     * @param id          index below its MirrorUsagePoint
     * @param mupId       MirrorUsagePoint
     * @param mrid        mRID (32 hex digits)
     * @param description description (the telemetry rId when present), may be null
     * @param powerOfTen  ReadingType.powerOfTenMultiplier (0 when absent)
     * @param uom         ReadingType.uom, may be null
     */
    public record MirrorReading(long id, long mupId, String mrid, String description, short powerOfTen, Short uom) {
    }

    /**
     * An operator-set DefaultDERControl of a program.
     *
     * @param programId core program
     * @param settings  the settings in the service's text form
     * @param version   1, 2, ... on each change
     * @param updatedAt last change
     */
    public record DefaultControl(String programId, String settings, long version, Instant updatedAt) {
    }

    /** A change the operator side recorded for the notifier. */
    public record Change(long id, String kind, Long deviceId, String programId) {
    }
}

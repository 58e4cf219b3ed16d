package org.openvtn.sep.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.sep.DERAvailability;
import org.openvtn.schemas.sep.DERCapability;
import org.openvtn.schemas.sep.DERSettings;
import org.openvtn.schemas.sep.DERStatus;
import org.openvtn.schemas.sep.LogEvent;
import org.openvtn.sep.store.JdbcSepRecordStore;
import org.openvtn.sep.store.SepEndDevice;
import org.openvtn.sep.store.SepRecords;

/**
 * Client-owned resources below an EndDevice: the device-side DER resources a DER client PUTs
 * (IEEE 2030.5-2018 §10.10 DER: DERCapability, DERSettings, DERStatus, DERAvailability; CSIP
 * requires them to be reported) and the LogEvent list (§10.x Log Event; CSIP-AUS). Documents are
 * stored as received (schema-valid; DERSettings without its required setGradW/setMaxW/updatedTime
 * fails validation, so incomplete settings are refused with 400 before reaching this service).
 */
public final class DeviceDataService {
    /** URL segment -> schema type of the device-side DER resources. */
    public static final Map<String, Class<?>> DER_KINDS = Map.of("dercap", DERCapability.class,
            "derg", DERSettings.class, "ders", DERStatus.class, "dera", DERAvailability.class);

    /** Store kind of the CSIP-AUS ConnectionPoint (kept beside the DER resources of the device). */
    static final String CONNECTION_POINT = "csipaus-cp";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeviceDataService.class);

    private final JdbcSepRecordStore records;
    private final SepCodec codec;
    private final Clock clock;
    private final int maxLogEvents;

    public DeviceDataService(JdbcSepRecordStore records, SepCodec codec, Clock clock) {
        this(records, codec, clock, org.openvtn.core.service.StoreLimits.DEFAULT.maxLogEventsPerDevice());
    }

    /** @param maxLogEvents LogEvents kept per EndDevice; the oldest beyond it are deleted (issue #12 item 8) */
    public DeviceDataService(JdbcSepRecordStore records, SepCodec codec, Clock clock, int maxLogEvents) {
        this.records = records;
        this.codec = codec;
        this.clock = clock;
        this.maxLogEvents = maxLogEvents;
    }

    /**
     * PUT of a DER resource.
     *
     * @param kind one of {@link #DER_KINDS}
     * @return true when the resource was created (201), false when replaced (204)
     */
    public boolean putDer(SepEndDevice device, String kind, Object doc) {
        return putDer(device, 1, kind, doc);
    }

    /** @return the stored DER resource, if the client has PUT one */
    public Optional<Object> der(SepEndDevice device, String kind) {
        return der(device, 1, kind);
    }

    /**
     * PUT of a resource of DER {@code n} (1-based) of an EndDevice with several (CSIP-AUS MUL-01..03); DER 1's are
     * stored as {@link #putDer(SepEndDevice, String, Object)} stores them, DER n's under the kind {@code n/kind}.
     */
    public boolean putDer(SepEndDevice device, int n, String kind, Object doc) {
        if (!DER_KINDS.containsKey(kind) || !DER_KINDS.get(kind).isInstance(doc)) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "not a " + kind + " document");
        }
        return records.putDer(device.id(), storeKind(n, kind), encode(doc), clock.instant());
    }

    /** @return the stored resource of DER {@code n} (1-based), if the client has PUT one */
    public Optional<Object> der(SepEndDevice device, int n, String kind) {
        return records.der(device.id(), storeKind(n, kind)).map(b -> decode(b, DER_KINDS.get(kind)));
    }

    private static String storeKind(int n, String kind) {
        return n == 1 ? kind : n + "/" + kind;
    }

    /**
     * PUT of the CSIP-AUS 1.3 ConnectionPoint of an EndDevice ({@code connectionPointId}, the NMI in Australia).
     *
     * @return true when created (201), false when replaced (204)
     */
    public boolean putConnectionPoint(SepEndDevice device, String connectionPointId) {
        return records.putDer(device.id(), CONNECTION_POINT, connectionPointId.getBytes(
                java.nio.charset.StandardCharsets.UTF_8), clock.instant());
    }

    /** @return the EndDevice's CSIP-AUS connectionPointId, if the client has PUT one */
    public Optional<String> connectionPoint(SepEndDevice device) {
        return records.der(device.id(), CONNECTION_POINT).map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** POST of a LogEvent; @return its index */
    public long postLogEvent(SepEndDevice device, LogEvent e) {
        byte[] body = encode(e);
        return records.inTransaction(() -> {
            long id = records.insertLogEvent(device.id(), Instant.ofEpochSecond(e.getCreatedDateTime().getValue()),
                    body);
            int dropped = records.trimLogEvents(device.id(), maxLogEvents);
            if (dropped > 0) {
                LOG.info("EndDevice {}: {} oldest LogEvent(s) dropped, LogEventList keeps {}", device.lfdi(), dropped,
                        maxLogEvents);
            }
            return id;
        });
    }

    /** @return one page of the device's LogEventList, read in the store (issue #12 item 8) */
    public ListQuery.Page<StoredLogEvent> logEventPage(SepEndDevice device, ListQuery q) {
        return records.inTransaction(() -> q.page(records.logEventCount(device.id()),
                (start, limit) -> records.logEventPage(device.id(), start, limit).stream()
                        .map(d -> new StoredLogEvent(d.id(), decode(d.body(), LogEvent.class))).toList()));
    }

    /** @return one LogEvent of the device */
    public Optional<StoredLogEvent> logEvent(SepEndDevice device, long id) {
        return records.logEvent(device.id(), id).map(d -> new StoredLogEvent(d.id(), decode(d.body(),
                LogEvent.class)));
    }

    /** A stored LogEvent with its index. */
    public record StoredLogEvent(long id, LogEvent event) {
    }

    /** @return the device's LogEvents, newest first (LogEventList order: createdDateTime descending) */
    public List<StoredLogEvent> logEvents(SepEndDevice device) {
        return records.logEvents(device.id()).stream()
                .map(d -> new StoredLogEvent(d.id(), decode(d.body(), LogEvent.class))).toList();
    }

    private byte[] encode(Object o) {
        try {
            return codec.encode(o);
        } catch (XmlCodecException e) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "cannot store: " + e.getMessage());
        }
    }

    private <T> T decode(byte[] b, Class<T> type) {
        try {
            return codec.decode(b, type);
        } catch (XmlCodecException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " no longer decodes", e);
        }
    }

}

package org.openvtn.sep.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.sep.MirrorMeterReading;
import org.openvtn.schemas.sep.MirrorReadingSet;
import org.openvtn.schemas.sep.MirrorUsagePoint;
import org.openvtn.schemas.sep.Reading;
import org.openvtn.schemas.sep.ReadingType;
import org.openvtn.sep.store.JdbcSepRecordStore;
import org.openvtn.sep.store.SepEndDevice;
import org.openvtn.sep.store.SepRecords;
import org.openvtn.core.ReportService;

/**
 * Metering Mirror function set (IEEE 2030.5-2018 §10.x Metering Mirror; CSIP-AUS site/DER
 * telemetry): a client POSTs a MirrorUsagePoint to {@code /mup} (its deviceLFDI must be the
 * certificate's), then MirrorMeterReadings with readings to {@code /mup/{id}}. Every Reading with a
 * value becomes one core {@link TelemetryPoint} (the same telemetry OpenADR reports fill, shown by
 * {@code GET /api/v1/reports}): venId = the device LFDI, rId = the MirrorMeterReading description
 * (its mRID when absent), reportRequestId = {@code sep:/mup/{id}}, timestamp = the reading's
 * timePeriod start (else the reading set's, else lastUpdateTime, else receipt time), value =
 * value × 10^powerOfTenMultiplier of the reading's ReadingType, quality = qualityFlags in hex.
 *
 * <p>The Reading values are also kept as posted and read back under {@code /upt} ({@link MeterReadingService}).
 *
 * <p>A MirrorUsagePoint POST repeating an mRID the device already posted creates nothing, replaces the stored
 * representation (roleFlags, status, description...; CSIP-AUS S-ALL-07) and points at the existing one. mRIDs are
 * globally unique (IEEE 2030.5-2018 IdentifiedObject.mRID): a MirrorUsagePoint or MirrorMeterReading whose mRID
 * another device (or another usage point) already uses is refused with 400 reasonCode 1 (CSIP-AUS S-ALL-05).
 */
public final class MirrorService {
    private final JdbcSepRecordStore records;
    private final MeterReadingService values;
    private final ReportService telemetry;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MirrorService.class);

    private final SepCodec codec;
    private final Clock clock;
    private final long maxTelemetry;
    private final int maxMirrors;
    /** Queues a posted Reading's Notifications in the posting transaction (set by the running notifier). */
    private volatile ChangeNotices notices = ChangeNotices.NONE;

    public MirrorService(JdbcSepRecordStore records, MeterReadingService values, ReportService telemetry, SepCodec codec,
                         Clock clock) {
        this(records, values, telemetry, codec, clock, org.openvtn.core.service.StoreLimits.DEFAULT);
    }

    /**
     * @param limits {@code maxTelemetryPerVen}: mirrored values kept per device (settlement data), and
     *               {@code maxMirrorsPerDevice}: MirrorUsagePoints per device and MirrorMeterReadings per usage
     *               point; a POST that would exceed one is refused with 400 reasonCode 2 and stores nothing (issue
     *               #12 item 8)
     */
    public MirrorService(JdbcSepRecordStore records, MeterReadingService values, ReportService telemetry, SepCodec codec,
                         Clock clock, org.openvtn.core.service.StoreLimits limits) {
        this.maxTelemetry = limits.maxTelemetryPerVen();
        this.maxMirrors = limits.maxMirrorsPerDevice();
        this.records = records;
        this.values = values;
        this.telemetry = telemetry;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * @return the stored (or existing) MirrorUsagePoint
     * @throws SepException 403 when deviceLFDI is not the caller's
     */
    public SepRecords.Document postUsagePoint(SepEndDevice device, MirrorUsagePoint mup) {
        if (!Arrays.equals(mup.getDeviceLFDI(), HexFormat.of().parseHex(device.lfdi()))) {
            throw SepException.forbidden("deviceLFDI does not match the certificate");
        }
        String mrid = hex(mup.getMRID().getValue());
        if (records.mirrorUsagePointOfOther(device.id(), mrid)) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "MirrorUsagePoint mRID " + mrid
                    + " is already in use");
        }
        List<MirrorMeterReading> readings = List.copyOf(mup.getMirrorMeterReading());
        mup.getMirrorMeterReading().clear();
        byte[] body = encode(mup);
        return records.inTransaction(() -> {
            records.lockDevice(device.id()); // several nodes: the quota counted below holds across them
            SepRecords.Document d = records.mirrorUsagePoint(device.id(), mrid, body, clock.instant());
            refuseBeyond(records.mirrorUsagePointCount(device.id()), device, "MirrorUsagePoints");
            for (MirrorMeterReading mmr : readings) {
                postReading(device, d.id(), mmr);
            }
            return d;
        });
    }

    /** @return the device's MirrorUsagePoint */
    public SepRecords.Document usagePoint(SepEndDevice device, long id) {
        return records.findMirrorUsagePoint(id).filter(d -> d.deviceId() == device.id())
                .orElseThrow(() -> SepException.notFound("MirrorUsagePoint " + id));
    }

    /** @return the id of the EndDevice a MirrorUsagePoint belongs to, if it exists */
    public java.util.Optional<Long> ownerOf(long mupId) {
        return records.findMirrorUsagePoint(mupId).map(SepRecords.Document::deviceId);
    }

    /** @return the device's MirrorUsagePoints */
    public List<SepRecords.Document> usagePoints(SepEndDevice device) {
        return records.mirrorUsagePoints(device.id());
    }

    /**
     * POST of a MirrorMeterReading to {@code /mup/{id}}.
     *
     * @return the reading's metadata (its index below the usage point)
     * @throws SepException 404 when the usage point is not the caller's
     */
    public SepRecords.MirrorReading postReading(SepEndDevice device, long mupId, MirrorMeterReading mmr) {
        usagePoint(device, mupId);
        String mrid = hex(mmr.getMRID().getValue());
        if (records.mirrorReadingElsewhere(mupId, mrid)) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "MirrorMeterReading mRID " + mrid
                    + " belongs to another MirrorUsagePoint");
        }
        ReadingType rt = mmr.getReadingType();
        short p10 = rt != null && rt.getPowerOfTenMultiplier() != null ? rt.getPowerOfTenMultiplier().getValue() : 0;
        Short uom = rt != null && rt.getUom() != null ? rt.getUom().getValue() : null;
        return records.inTransaction(() -> {
            records.lockDevice(device.id()); // several nodes: the quotas counted below hold across them
            SepRecords.MirrorReading meta = records.mirrorReading(mupId, mrid, mmr.getDescription(), p10, uom);
            refuseBeyond(records.mirrorReadingCount(mupId), device, "MirrorMeterReadings of /mup/" + mupId);
            short scale = rt != null && rt.getPowerOfTenMultiplier() != null ? p10 : meta.powerOfTen();
            String rId = meta.description() != null ? meta.description() : mrid;
            Instant fallback = mmr.getLastUpdateTime() != null
                    ? Instant.ofEpochSecond(mmr.getLastUpdateTime().getValue()) : clock.instant();
            List<TelemetryPoint> points = new ArrayList<>();
            if (mmr.getReading() != null) {
                point(device, mupId, rId, mmr.getReading(), fallback, scale).ifPresent(points::add);
            }
            for (MirrorReadingSet set : mmr.getMirrorReadingSet()) {
                Instant setStart = set.getTimePeriod() != null && set.getTimePeriod().getStart() != null
                        ? Instant.ofEpochSecond(set.getTimePeriod().getStart().getValue()) : fallback;
                for (Reading r : set.getReading()) {
                    point(device, mupId, rId, r, setStart, scale).ifPresent(points::add);
                }
            }
            if (!points.isEmpty() && telemetry.recordReadings(points) > 0
                    && telemetry.telemetryCount(device.lfdi()) > maxTelemetry) {
                LOG.warn("EndDevice {}: mirrored readings refused, quota of {} values reached (operator: export and "
                        + "prune, or raise limits.maxTelemetryPerVen)", device.lfdi(), maxTelemetry);
                throw SepException.badRequest(SepException.RESOURCE_LIMIT, "reading quota of " + maxTelemetry
                        + " values for this EndDevice reached");
            }
            values.record(meta.id(), mmr);
            if (mmr.getReading() != null) {
                // the Reading's Notifications are queued in this transaction: kept with the reading or not at all
                Reading posted = mmr.getReading();
                notices.changed(device.id(), MeterReadingService.currentHref(meta), () -> values.served(meta, posted));
            }
            return meta;
        });
    }

    /**
     * Connects the notifier: a posted Reading's subscribers ({@code /upt/{u}/mr/{m}/r}, conditional or not) get
     * their Notifications queued in the transaction that stores the reading (durable together).
     */
    public void notices(ChangeNotices notices) {
        this.notices = notices == null ? ChangeNotices.NONE : notices;
    }

    /**
     * POST of a MirrorMeterReadingList to {@code /mup/{id}} (CSIP-AUS S-ALL-06): every reading as if POSTed alone,
     * in one transaction (one refused reading refuses them all, nothing is stored).
     *
     * @return the readings' metadata, in the order posted
     */
    public List<SepRecords.MirrorReading> postReadings(SepEndDevice device, long mupId, List<MirrorMeterReading> list) {
        usagePoint(device, mupId);
        return records.inTransaction(() -> {
            List<SepRecords.MirrorReading> out = new ArrayList<>();
            for (MirrorMeterReading mmr : list) {
                out.add(postReading(device, mupId, mmr));
            }
            return out;
        });
    }

    /** A new mirror beyond the quota: the transaction rolls back, nothing of the POST is stored. */
    private void refuseBeyond(long count, SepEndDevice device, String what) {
        if (count > maxMirrors) {
            LOG.warn("EndDevice {}: POST refused, quota of {} {} reached (limits.maxMirrorsPerDevice)", device.lfdi(),
                    maxMirrors, what);
            throw SepException.badRequest(SepException.RESOURCE_LIMIT, "quota of " + maxMirrors + " " + what
                    + " reached");
        }
    }

    private static java.util.Optional<TelemetryPoint> point(SepEndDevice device, long mupId, String rId, Reading r,
                                                            Instant fallback, short scale) {
        if (r.getValue() == null) {
            return java.util.Optional.empty();
        }
        Instant ts = r.getTimePeriod() != null && r.getTimePeriod().getStart() != null
                ? Instant.ofEpochSecond(r.getTimePeriod().getStart().getValue()) : fallback;
        double value = r.getValue() * Math.pow(10, scale);
        String quality = r.getQualityFlags() == null ? null : hex(r.getQualityFlags());
        return java.util.Optional.of(new TelemetryPoint(device.lfdi(), rId, "sep:" + SepPaths.mup(mupId), ts, value,
                quality));
    }

    /** @return the read-back of the mirrored values (Reading, ReadingSet) */
    public MeterReadingService values() {
        return values;
    }

    /** @return the MirrorMeterReadings of a usage point (already authorised), by index */
    public List<SepRecords.MirrorReading> readings(long mupId) {
        return records.mirrorReadings(mupId);
    }

    /** @return a MirrorMeterReading's metadata below a usage point (already authorised) */
    public java.util.Optional<SepRecords.MirrorReading> reading(long mupId, long id) {
        return records.mirrorReadingById(mupId, id);
    }

    /** Decodes a stored MirrorUsagePoint. */
    public MirrorUsagePoint decode(SepRecords.Document d) {
        try {
            return codec.decode(d.body(), MirrorUsagePoint.class);
        } catch (XmlCodecException e) {
            throw new IllegalStateException("stored MirrorUsagePoint " + d.id() + " no longer decodes", e);
        }
    }

    private byte[] encode(Object o) {
        try {
            return codec.encode(o);
        } catch (XmlCodecException e) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "cannot store: " + e.getMessage());
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().withUpperCase().formatHex(b);
    }
}

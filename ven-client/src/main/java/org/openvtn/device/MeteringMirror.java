package org.openvtn.device;

import java.time.Clock;
import java.util.HexFormat;

import org.openvtn.device.transport.SepHttpClient;
import org.openvtn.device.walk.SepFetcher;
import org.openvtn.device.walk.WalkResult;
import org.openvtn.schemas.sep.AccumulationBehaviourType;
import org.openvtn.schemas.sep.CommodityType;
import org.openvtn.schemas.sep.DataQualifierType;
import org.openvtn.schemas.sep.FlowDirectionType;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.MirrorMeterReading;
import org.openvtn.schemas.sep.MirrorUsagePoint;
import org.openvtn.schemas.sep.PowerOfTenMultiplierType;
import org.openvtn.schemas.sep.Reading;
import org.openvtn.schemas.sep.ReadingType;
import org.openvtn.schemas.sep.RoleFlagsType;
import org.openvtn.schemas.sep.ServiceKind;
import org.openvtn.schemas.sep.TimeType;
import org.openvtn.schemas.sep.UomType;

/**
 * The metering mirror (IEEE 2030.5-2018 §10.11; Annex C Table C.15): one MirrorUsagePoint per device, POSTed to the
 * DeviceCapability's MirrorUsagePointListLink once, then one MirrorMeterReading with its latest Reading per
 * {@link TelemetryReading} POSTed to the MirrorUsagePoint. Internal; used on one thread at a time.
 */
final class MeteringMirror {
    /** RoleFlagsType: bit 0 isMirror, bit 3 isDER. */
    private static final byte ROLE_MIRROR_DER = 0x09;

    private final SepFetcher fetch;
    private final Clock clock;
    private final byte[] lfdi;
    private String mupHref;
    /** The MirrorUsagePoint's postRate (s) as last read, or null. */
    private volatile Long postRate;

    MeteringMirror(SepFetcher fetch, Clock clock, byte[] lfdi) {
        this.fetch = fetch;
        this.clock = clock;
        this.lfdi = lfdi.clone();
    }

    /** Mirrors the readings; returns how many were accepted. */
    synchronized int post(WalkResult w, java.util.List<TelemetryReading> readings) throws SepDeviceException {
        if (readings.isEmpty()) {
            return 0;
        }
        if (mupHref == null) {
            mupHref = createUsagePoint(w);
        }
        int ok = 0;
        for (TelemetryReading r : readings) {
            SepHttpClient.Reply reply = fetch.post(mupHref, reading(r));
            if (reply.status() == 404) {
                mupHref = null; // the server forgot the usage point: create it again next time
                throw new SepDeviceException(404, -1, "MirrorUsagePoint gone at the server", null);
            }
            if (reply.status() / 100 != 2) {
                throw new SepDeviceException(reply.status(), -1, "POST " + mupHref + ": HTTP " + reply.status(), null);
            }
            ok++;
        }
        readPostRate();
        return ok;
    }

    /** The postRate (s) of the MirrorUsagePoint as last read, or null (none set, or not read yet). */
    Long postRate() {
        return postRate;
    }

    /**
     * Reads the MirrorUsagePoint back for its postRate (IEEE 2030.5-2018 MirrorUsagePoint postRate, set by the
     * server: the rate at which the client should post; CSIP-AUS telemetry post rate updates). A server that does
     * not answer leaves the last known rate; one that answers without postRate resets it.
     */
    private void readPostRate() {
        String href = mupHref;
        if (href == null) {
            return;
        }
        try {
            MirrorUsagePoint m = fetch.getOptional(href, MirrorUsagePoint.class);
            if (m != null) {
                Long rate = m.getPostRate();
                postRate = rate != null && rate > 0 ? rate : null;
            }
        } catch (SepDeviceException | RuntimeException e) {
            // keep the last known rate; the posts themselves succeeded
        }
    }

    private String createUsagePoint(WalkResult w) throws SepDeviceException {
        String list = w.links().mirrorUsagePointList();
        if (list == null) {
            throw new SepDeviceException(0, -1, "the DeviceCapability links no MirrorUsagePointList", null);
        }
        MirrorUsagePoint m = new MirrorUsagePoint();
        MRIDType id = new MRIDType();
        byte[] mrid = new byte[16];
        System.arraycopy(lfdi, 0, mrid, 0, 16); // device-chosen, stable: the LFDI's first 16 bytes
        id.setValue(mrid);
        m.setMRID(id);
        m.setDescription("device mirror");
        RoleFlagsType role = new RoleFlagsType();
        role.setValue(new byte[] {0, ROLE_MIRROR_DER});
        m.setRoleFlags(role);
        ServiceKind kind = new ServiceKind();
        kind.setValue((short) 0); // electricity
        m.setServiceCategoryKind(kind);
        m.setStatus((short) 1);
        m.setDeviceLFDI(lfdi.clone());
        SepHttpClient.Reply reply = fetch.post(list, m);
        if (reply.status() / 100 != 2 || reply.location() == null) {
            throw new SepDeviceException(reply.status(), -1, "POST " + list + " (MirrorUsagePoint): HTTP "
                    + reply.status(), null);
        }
        return ResponsePoster.path(reply.location());
    }

    private MirrorMeterReading reading(TelemetryReading r) {
        MirrorMeterReading mmr = new MirrorMeterReading();
        MRIDType id = new MRIDType();
        id.setValue(HexFormat.of().parseHex(r.mrid()));
        mmr.setMRID(id);
        mmr.setDescription(r.description());
        TimeType now = new TimeType();
        now.setValue(clock.millis() / 1000);
        mmr.setLastUpdateTime(now);
        Reading reading = new Reading();
        reading.setValue(r.value());
        mmr.setReading(reading);
        ReadingType t = new ReadingType();
        AccumulationBehaviourType acc = new AccumulationBehaviourType();
        acc.setValue((short) r.accumulation());
        t.setAccumulationBehaviour(acc);
        CommodityType commodity = new CommodityType();
        commodity.setValue((short) 1); // electricity secondary metered
        t.setCommodity(commodity);
        DataQualifierType q = new DataQualifierType();
        q.setValue((short) 0);
        t.setDataQualifier(q);
        FlowDirectionType flow = new FlowDirectionType();
        flow.setValue((short) r.flowDirection());
        t.setFlowDirection(flow);
        PowerOfTenMultiplierType p = new PowerOfTenMultiplierType();
        p.setValue((byte) r.powerOfTenMultiplier());
        t.setPowerOfTenMultiplier(p);
        UomType uom = new UomType();
        uom.setValue((short) r.uom());
        t.setUom(uom);
        mmr.setReadingType(t);
        return mmr;
    }
}

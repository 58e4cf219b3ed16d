package org.openvtn.device;

import java.time.Clock;

import org.openvtn.device.transport.SepHttpClient;
import org.openvtn.device.walk.SepFetcher;
import org.openvtn.device.walk.WalkResult;
import org.openvtn.schemas.sep.DER;
import org.openvtn.schemas.sep.DERList;
import org.openvtn.schemas.sep.DERStatus;
import org.openvtn.schemas.sep.LogEvent;
import org.openvtn.schemas.sep.OperationalModeStatusType;
import org.openvtn.schemas.sep.PENType;
import org.openvtn.schemas.sep.PerCent;
import org.openvtn.schemas.sep.TimeType;

/**
 * Device data the client sends up, to the links the server gives (IEEE 2030.5-2018 §10.10 DER: DERStatus; §10.9
 * LogEvent). Only hrefs from the walk are used. Internal.
 */
final class DeviceData {
    private final SepFetcher fetch;
    private final Clock clock;

    DeviceData(SepFetcher fetch, Clock clock) {
        this.fetch = fetch;
        this.clock = clock;
    }

    /** PUT DERStatus to the first DER of the EndDevice's DERList (§10.10.4.5). */
    void derStatus(WalkResult w, DerStatusReport r) throws SepDeviceException {
        String derList = w.links().derList();
        if (derList == null) {
            throw new SepDeviceException(0, -1, "the EndDevice links no DERList", null);
        }
        java.util.List<DER> ders = fetch.all(derList, DERList.class, DERList::getDER, DERList::getAll);
        if (ders.isEmpty() || ders.get(0).getDERStatusLink() == null) {
            throw new SepDeviceException(0, -1, "the DERList at " + derList + " offers no DERStatusLink", null);
        }
        long now = clock.millis() / 1000;
        DERStatus s = new DERStatus();
        s.setReadingTime(time(now));
        if (r.genConnectStatus() != null) {
            org.openvtn.schemas.sep.ConnectStatusType c = new org.openvtn.schemas.sep.ConnectStatusType();
            c.setDateTime(time(now));
            c.setValue(new byte[] {(byte) (r.genConnectStatus() & 0xFF)});
            s.setGenConnectStatus(c);
        }
        if (r.operationalModeStatus() != null) {
            OperationalModeStatusType o = new OperationalModeStatusType();
            o.setDateTime(time(now));
            o.setValue(r.operationalModeStatus().shortValue());
            s.setOperationalModeStatus(o);
        }
        if (r.inverterStatus() != null) {
            org.openvtn.schemas.sep.InverterStatusType i = new org.openvtn.schemas.sep.InverterStatusType();
            i.setDateTime(time(now));
            i.setValue(r.inverterStatus().shortValue());
            s.setInverterStatus(i);
        }
        if (r.stateOfChargePercent() != null) {
            org.openvtn.schemas.sep.StateOfChargeStatusType soc = new org.openvtn.schemas.sep.StateOfChargeStatusType();
            soc.setDateTime(time(now));
            PerCent p = new PerCent();
            p.setValue(r.stateOfChargePercent());
            soc.setValue(p);
            s.setStateOfChargeStatus(soc);
        }
        String href = ders.get(0).getDERStatusLink().getHref();
        SepHttpClient.Reply reply = fetch.put(href, s);
        if (reply.status() / 100 != 2) {
            throw new SepDeviceException(reply.status(), -1, "PUT " + href + ": HTTP " + reply.status(), null);
        }
    }

    /** POST a LogEvent to the EndDevice's LogEventList (§10.9); returns its Location. */
    String logEvent(WalkResult w, LogEventReport r) throws SepDeviceException {
        String list = w.links().logEventList();
        if (list == null) {
            throw new SepDeviceException(0, -1, "the EndDevice links no LogEventList", null);
        }
        LogEvent e = new LogEvent();
        e.setCreatedDateTime(time(clock.millis() / 1000));
        e.setDetails(r.details());
        e.setFunctionSet((short) r.functionSet());
        e.setLogEventCode((short) r.logEventCode());
        e.setLogEventID(r.logEventId());
        PENType pen = new PENType();
        pen.setValue(r.pen());
        e.setLogEventPEN(pen);
        e.setProfileID((short) 0);
        SepHttpClient.Reply reply = fetch.post(list, e);
        if (reply.status() / 100 != 2) {
            throw new SepDeviceException(reply.status(), -1, "POST " + list + ": HTTP " + reply.status(), null);
        }
        return reply.location();
    }

    private static TimeType time(long v) {
        TimeType t = new TimeType();
        t.setValue(v);
        return t;
    }
}

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
final class DeviceDataPoster {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeviceDataPoster.class);
    private final SepFetcher fetch;
    private final Clock clock;

    DeviceDataPoster(SepFetcher fetch, Clock clock) {
        this.fetch = fetch;
        this.clock = clock;
    }

    /**
     * PUT DERStatus to DER number {@code der} (0-based, in the server's order) of the EndDevice's DERList
     * (§10.10.4.5; CSIP-AUS MUL-01: each DER of an EndDevice with several reports its own status).
     */
    void derStatus(WalkResult w, int der, DerStatusReport r) throws SepDeviceException {
        String derList = w.links().derList();
        if (derList == null) {
            throw new SepDeviceException(0, -1, "the EndDevice links no DERList", null);
        }
        java.util.List<DER> ders = fetch.all(derList, DERList.class, DERList::getDER, DERList::getAll);
        if (ders.size() <= der || ders.get(der).getDERStatusLink() == null) {
            throw new SepDeviceException(0, -1, "the DERList at " + derList + " offers no DERStatusLink for DER "
                    + (der + 1) + " (" + ders.size() + " DERs listed)", null);
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
        if (r.storageModeStatus() != null) {
            org.openvtn.schemas.sep.StorageModeStatusType m = new org.openvtn.schemas.sep.StorageModeStatusType();
            m.setDateTime(time(now));
            m.setValue(r.storageModeStatus().shortValue());
            s.setStorageModeStatus(m);
        }
        String href = ders.get(der).getDERStatusLink().getHref();
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

    /**
     * PUTs each part of {@code d} to its link (DeviceInformationLink and PowerStatusLink of the EndDevice; the
     * DERCapability, DERSettings and DERAvailability links of the first DER in its DERList, §10.10.4). A part whose
     * link the server does not offer is skipped.
     *
     * @return part name (schema type) -> href PUT to, in the order sent
     */
    java.util.Map<String, String> report(WalkResult w, DeviceData d, byte[] lfdi) throws SepDeviceException {
        return report(w, java.util.List.of(d), lfdi);
    }

    /**
     * PUTs the EndDevice parts of the first entry (DeviceInformationLink, PowerStatusLink) and, for each entry i,
     * its DERCapability, DERSettings and DERAvailability to the links of DER i of the EndDevice's DERList, in the
     * server's order (§10.10.4; CSIP-AUS MUL-03: several DERs behind one EndDevice). A part whose link the server
     * does not offer (or a DER the list does not hold) is skipped and logged.
     *
     * @return part name (schema type; "DERCapability#2" for the second DER's) -> href PUT to, in the order sent
     */
    java.util.Map<String, String> report(WalkResult w, java.util.List<DeviceData> perDer, byte[] lfdi)
            throws SepDeviceException {
        java.util.Map<String, String> sent = new java.util.LinkedHashMap<>();
        long now = clock.millis() / 1000;
        DeviceData first = perDer.get(0);
        if (first.information() != null) {
            put(sent, "DeviceInformation", w.links().deviceInformation(), information(first.information(), lfdi));
        }
        if (first.powerStatus() != null) {
            put(sent, "PowerStatus", w.links().powerStatus(), power(first.powerStatus(), now));
        }
        java.util.List<DER> ders = null;
        for (int i = 0; i < perDer.size(); i++) {
            DeviceData d = perDer.get(i);
            if (d.ratings() == null && d.settings() == null && d.availability() == null) {
                continue;
            }
            if (ders == null) {
                ders = w.links().derList() == null ? java.util.List.of()
                        : fetch.all(w.links().derList(), DERList.class, DERList::getDER, DERList::getAll);
            }
            DER der = i < ders.size() ? ders.get(i) : null;
            String suffix = i == 0 ? "" : "#" + (i + 1);
            if (d.ratings() != null) {
                put(sent, "DERCapability" + suffix, der == null ? null : href(der.getDERCapabilityLink()),
                        DeviceDataTypes.storage(DeviceDataTypes.capability(d.ratings()), d.storage()));
            }
            if (d.settings() != null) {
                put(sent, "DERSettings" + suffix, der == null ? null : href(der.getDERSettingsLink()),
                        DeviceDataTypes.storage(DeviceDataTypes.settings(d.settings(), time(now)), d.storage()));
            }
            if (d.availability() != null) {
                put(sent, "DERAvailability" + suffix, der == null ? null : href(der.getDERAvailabilityLink()),
                        DeviceDataTypes.availability(d.availability(), time(now)));
            }
        }
        return sent;
    }

    private void put(java.util.Map<String, String> sent, String what, String href, Object doc)
            throws SepDeviceException {
        if (href == null) {
            LOG.info("{} not reported: the server offers no link for it", what);
            return;
        }
        SepHttpClient.Reply reply = fetch.put(href, doc);
        if (reply.status() / 100 != 2) {
            throw new SepDeviceException(reply.status(), -1, "PUT " + what + " to " + href + ": HTTP "
                    + reply.status(), null);
        }
        sent.put(what, href);
    }

    private static String href(org.openvtn.schemas.sep.Link l) {
        return l == null ? null : l.getHref();
    }

    private static org.openvtn.schemas.sep.DeviceInformation information(DeviceData.Information i, byte[] lfdi) {
        org.openvtn.schemas.sep.DeviceInformation x = new org.openvtn.schemas.sep.DeviceInformation();
        x.setLFDI(lfdi.clone());
        x.setMfDate(time(i.mfDate().getEpochSecond()));
        x.setMfHwVer(i.mfHwVer());
        PENType pen = new PENType();
        pen.setValue(i.mfId());
        x.setMfID(pen);
        x.setMfModel(i.mfModel());
        x.setMfSerNum(i.mfSerNum());
        x.setPrimaryPower(DeviceDataTypes.source(i.primaryPower()));
        x.setSecondaryPower(DeviceDataTypes.source(i.secondaryPower()));
        x.setSwActTime(time(i.swActTime().getEpochSecond()));
        x.setSwVer(i.swVer());
        return x;
    }

    private static org.openvtn.schemas.sep.PowerStatus power(DeviceData.Power p, long now) {
        org.openvtn.schemas.sep.PowerStatus x = new org.openvtn.schemas.sep.PowerStatus();
        x.setBatteryStatus((short) p.batteryStatus());
        x.setChangedTime(time(now));
        x.setCurrentPowerSource(DeviceDataTypes.source(p.currentPowerSource()));
        if (p.estimatedChargeRemaining() != null) {
            PerCent c = new PerCent();
            c.setValue(p.estimatedChargeRemaining());
            x.setEstimatedChargeRemaining(c);
        }
        return x;
    }

    static TimeType time(long v) {
        TimeType t = new TimeType();
        t.setValue(v);
        return t;
    }
}

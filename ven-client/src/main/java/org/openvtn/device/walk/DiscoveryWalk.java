package org.openvtn.device.walk;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openvtn.device.SepDeviceException;
import org.openvtn.device.engine.EventView;
import org.openvtn.device.engine.ModeValue;
import org.openvtn.device.engine.ProgramView;
import org.openvtn.device.transport.SepHttpClient;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.schemas.sep.DERCurveList;
import org.openvtn.schemas.sep.DERProgram;
import org.openvtn.schemas.sep.DERProgramList;
import org.openvtn.schemas.sep.DefaultDERControl;
import org.openvtn.schemas.sep.DemandResponseProgram;
import org.openvtn.schemas.sep.DemandResponseProgramList;
import org.openvtn.schemas.sep.DeviceCapability;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.EndDeviceControl;
import org.openvtn.schemas.sep.EndDeviceControlList;
import org.openvtn.schemas.sep.EndDeviceList;
import org.openvtn.schemas.sep.FunctionSetAssignments;
import org.openvtn.schemas.sep.FunctionSetAssignmentsList;
import org.openvtn.schemas.sep.Link;
import org.openvtn.schemas.sep.Registration;
import org.openvtn.schemas.sep.SFDIType;
import org.openvtn.schemas.sep.SubscribableResource;
import org.openvtn.schemas.sep.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discovery walk (IEEE 2030.5-2018 §6.1.2 DeviceCapability, §6.3 Time, §8.2 EndDevice, §8.3 Registration,
 * §6.4 FunctionSetAssignments, §10.10 DER, §10.7 DRLC), following links only: no path is built, no list size or
 * order is assumed, every list is read to its {@code all}. Internal.
 */
public final class DiscoveryWalk {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryWalk.class);

    private final SepFetcher fetch;
    private final byte[] lfdi;
    private final long sfdi;
    private final Long pin;
    private final boolean selfRegister;
    private final Clock deviceClock;

    /**
     * @param fetch        typed server access
     * @param lfdi         the device's LFDI (20 bytes, §6.3.4)
     * @param sfdi         the device's SFDI (§6.3.4)
     * @param pin          the PIN the Registration must carry, or null for no check
     * @param selfRegister POST an EndDevice when the list holds none of ours
     * @param deviceClock  the device's own (uncorrected) clock
     */
    public DiscoveryWalk(SepFetcher fetch, byte[] lfdi, long sfdi, Long pin, boolean selfRegister, Clock deviceClock) {
        this.fetch = fetch;
        this.lfdi = lfdi.clone();
        this.sfdi = sfdi;
        this.pin = pin;
        this.selfRegister = selfRegister;
        this.deviceClock = deviceClock;
    }

    /** Walks from the DeviceCapability at {@code dcapHref}. */
    public WalkResult walk(String dcapHref) throws SepDeviceException {
        fetch.clearCsipModes();
        DeviceCapability dcap = fetch.get(dcapHref, DeviceCapability.class);
        long pollRate = dcap.getPollRate();
        long offsetMs = 0;
        int tz = 0;
        int dst = 0;
        long dstStart = 0;
        long dstEnd = 0;
        if (href(dcap.getTimeLink()) != null) {
            long before = deviceClock.millis();
            Time t = fetch.get(href(dcap.getTimeLink()), Time.class);
            long after = deviceClock.millis();
            // §6.3.2: currentTime is whole seconds; take the middle of the exchange as the reading instant
            offsetMs = t.getCurrentTime().getValue() * 1000 - (before + after) / 2;
            tz = t.getTzOffset() == null ? 0 : t.getTzOffset().getValue();
            dst = t.getDstOffset() == null ? 0 : t.getDstOffset().getValue();
            dstStart = t.getDstStartTime() == null ? 0 : t.getDstStartTime().getValue();
            dstEnd = t.getDstEndTime() == null ? 0 : t.getDstEndTime().getValue();
            pollRate = Math.min(pollRate, t.getPollRate());
        }
        if (href(dcap.getEndDeviceListLink()) == null) {
            throw new SepDeviceException(0, -1, "the DeviceCapability at " + dcapHref + " links no EndDeviceList", null);
        }
        EndDevice self = ownEndDevice(href(dcap.getEndDeviceListLink()), offsetMs);
        checkRegistration(self);

        Set<String> subscribable = new LinkedHashSet<>();
        Set<String> watched = new LinkedHashSet<>();
        if (subscribable(self)) {
            subscribable.add(self.getHref());
        }
        Map<String, ProgramView> programs = new LinkedHashMap<>();
        int[] curves = {0};
        Set<String> drHrefs = new LinkedHashSet<>();
        Map<String, WalkResult.Target> targets = new LinkedHashMap<>();
        String fsaHref = href(self.getFunctionSetAssignmentsListLink());
        if (fsaHref != null) {
            long[] fsaPoll = {pollRate};
            List<FunctionSetAssignments> fsas = fetch.all(fsaHref, FunctionSetAssignmentsList.class,
                    FunctionSetAssignmentsList::getFunctionSetAssignments, FunctionSetAssignmentsList::getAll, head -> {
                        fsaPoll[0] = Math.min(fsaPoll[0], head.getPollRate());
                        mark(fsaHref, head, subscribable);
                        watched.add(fsaHref);
                    });
            for (FunctionSetAssignments fsa : fsas) {
                derPrograms(href(fsa.getDERProgramListLink()), programs, subscribable, curves, watched, targets,
                        fsaPoll);
                drPrograms(href(fsa.getDemandResponseProgramListLink()), programs, subscribable, watched, drHrefs,
                        targets);
            }
            pollRate = fsaPoll[0];
        }
        WalkResult.DeviceLinks links = new WalkResult.DeviceLinks(href(self.getDERListLink()),
                href(self.getLogEventListLink()), href(self.getDeviceInformationLink()), href(self.getPowerStatusLink()),
                href(dcap.getMirrorUsagePointListLink()));
        return new WalkResult(self.getHref(), offsetMs, tz, dst, dstStart, dstEnd, Math.max(1, pollRate),
                List.copyOf(programs.values()), List.copyOf(subscribable), href(self.getSubscriptionListLink()), links,
                curves[0], List.copyOf(watched), Set.copyOf(drHrefs), targets);
    }

    private EndDevice ownEndDevice(String listHref, long offsetMs) throws SepDeviceException {
        for (EndDevice e : fetch.all(listHref, EndDeviceList.class, EndDeviceList::getEndDevice, EndDeviceList::getAll)) {
            if (isOurs(e)) {
                return e.getHref() == null ? e : fetch.get(e.getHref(), EndDevice.class);
            }
        }
        if (!selfRegister) {
            throw new SepDeviceException(404, -1, "the server's EndDeviceList " + listHref
                    + " holds no EndDevice with this device's LFDI and self-registration is off", null);
        }
        EndDevice mine = new EndDevice();
        mine.setLFDI(lfdi.clone());
        SFDIType s = new SFDIType();
        s.setValue(sfdi);
        mine.setSFDI(s);
        org.openvtn.schemas.sep.TimeType changed = new org.openvtn.schemas.sep.TimeType();
        changed.setValue((deviceClock.millis() + offsetMs) / 1000);
        mine.setChangedTime(changed);
        SepHttpClient.Reply r = fetch.post(listHref, mine);
        if (r.status() == 409) {
            // CSIP-AUS S-ALL-51: the LFDI is registered already (e.g. between our list read and the POST). The
            // server's Location names the existing EndDevice; without one, the list holds it by now.
            if (r.location() == null) {
                for (EndDevice e : fetch.all(listHref, EndDeviceList.class, EndDeviceList::getEndDevice,
                        EndDeviceList::getAll)) {
                    if (isOurs(e)) {
                        return e.getHref() == null ? e : fetch.get(e.getHref(), EndDevice.class);
                    }
                }
                throw new SepDeviceException(409, -1, "self-registration: POST " + listHref + " answered 409 "
                        + "(already registered) but the EndDeviceList holds no EndDevice of ours", null);
            }
        } else if (r.status() != 201 && r.status() != 200 && r.status() != 204 || r.location() == null) {
            throw new SepDeviceException(r.status(), -1, "self-registration: POST " + listHref + " answered HTTP "
                    + r.status() + (r.location() == null ? " without Location" : ""), null);
        }
        String at = path(r.location());
        LOG.info("registered EndDevice {} at {}", Long.toString(sfdi), at);
        EndDevice e = fetch.get(at, EndDevice.class);
        if (!isOurs(e)) {
            throw new SepDeviceException(0, -1, "the EndDevice at " + at + " carries another LFDI/SFDI", null);
        }
        return e;
    }

    private boolean isOurs(EndDevice e) {
        if (e.getLFDI() != null) {
            return Arrays.equals(e.getLFDI(), lfdi);
        }
        return e.getSFDI() != null && e.getSFDI().getValue() == sfdi;
    }

    /** §8.3 Registration / CSIP-AUS ALL-05: the PIN the server holds must be the device's. */
    private void checkRegistration(EndDevice self) throws SepDeviceException {
        if (pin == null) {
            return;
        }
        String reg = href(self.getRegistrationLink());
        if (reg == null) {
            throw new SepDeviceException(0, -1, "PIN check: the EndDevice " + self.getHref()
                    + " links no Registration (not registered by the operator yet)", null);
        }
        Registration r = fetch.get(reg, Registration.class);
        if (r.getPIN() == null || r.getPIN().getValue() != pin) {
            throw new SepDeviceException(0, -1, "PIN check: the Registration at " + reg
                    + " carries another PIN than the one configured; not this device's server", null);
        }
    }

    /**
     * @param poll the walk's pollRate so far: lowered to the DERProgramList's pollRate (§10.10.3.2 DERProgramList
     *             pollRate, the server's polling hint for that list; CSIP-AUS ALL-20)
     */
    private void derPrograms(String listHref, Map<String, ProgramView> out, Set<String> subscribable, int[] curves,
                             Set<String> watched, Map<String, WalkResult.Target> targets, long[] poll)
            throws SepDeviceException {
        if (listHref == null) {
            return;
        }
        watched.add(listHref);
        List<DERProgram> list = fetch.all(listHref, DERProgramList.class, DERProgramList::getDERProgram,
                DERProgramList::getAll, head -> {
                    mark(listHref, head, subscribable);
                    poll[0] = Math.min(poll[0], head.getPollRate());
                });
        targets.putIfAbsent(listHref, new WalkResult.Target(WalkResult.Kind.DER_PROGRAMS, null,
                TargetedRefetch.derSignature(list)));
        for (DERProgram p : list) {
            if (p.getHref() == null || out.containsKey(p.getHref())) {
                continue;
            }
            List<EventView> events = new ArrayList<>();
            String dercHref = href(p.getDERControlListLink());
            if (dercHref != null) {
                watched.add(dercHref);
                targets.putIfAbsent(dercHref, new WalkResult.Target(WalkResult.Kind.DER_CONTROLS, p.getHref()));
                for (DERControl c : fetch.all(dercHref, DERControlList.class, DERControlList::getDERControl,
                        DERControlList::getAll, head -> mark(dercHref, head, subscribable))) {
                    events.add(SepViews.view(c, p.getHref(), fetch.csipModes(SepViews.mrid(c.getMRID()))));
                }
            }
            Map<String, ModeValue> defaults = Map.of();
            String ddercHref = href(p.getDefaultDERControlLink());
            if (ddercHref != null) {
                watched.add(ddercHref);
                targets.putIfAbsent(ddercHref, new WalkResult.Target(WalkResult.Kind.DEFAULT_CONTROL, p.getHref()));
                DefaultDERControl d = fetch.getOptional(ddercHref, DefaultDERControl.class);
                if (d != null) {
                    Map<String, ModeValue> dm = SepViews.modes(d.getDERControlBase());
                    dm.putAll(fetch.csipModes(SepViews.mrid(d.getMRID())));
                    defaults = dm;
                    if (subscribable(d)) {
                        subscribable.add(ddercHref);
                    }
                }
            }
            String curveHref = href(p.getDERCurveListLink());
            if (curveHref != null) {
                curves[0] += fetch.all(curveHref, DERCurveList.class, DERCurveList::getDERCurve, DERCurveList::getAll)
                        .size();
            }
            int primacy = p.getPrimacy() == null ? 0 : p.getPrimacy().getValue();
            out.put(p.getHref(), new ProgramView(p.getHref(), SepViews.mrid(p.getMRID()), primacy, events, defaults));
        }
    }

    private void drPrograms(String listHref, Map<String, ProgramView> out, Set<String> subscribable,
                            Set<String> watched, Set<String> drHrefs, Map<String, WalkResult.Target> targets)
            throws SepDeviceException {
        if (listHref == null) {
            return;
        }
        List<DemandResponseProgram> list;
        try {
            list = fetch.all(listHref, DemandResponseProgramList.class,
                    DemandResponseProgramList::getDemandResponseProgram, DemandResponseProgramList::getAll,
                    head -> mark(listHref, head, subscribable));
        } catch (SepDeviceException e) {
            if (e.httpStatus() != 404 && e.httpStatus() != 501) {
                throw e;
            }
            // CSIP CORE-002: a function set the server links but does not implement (501) or no longer has (404)
            // does not derail the walk; the DER function set next to it still applies
            LOG.debug("DemandResponseProgramList {} answered {}: no DRLC programs this walk", listHref, e.httpStatus());
            return;
        }
        watched.add(listHref);
        targets.putIfAbsent(listHref, new WalkResult.Target(WalkResult.Kind.DR_PROGRAMS, null,
                TargetedRefetch.drSignature(list)));
        for (DemandResponseProgram p : list) {
            if (p.getHref() == null || out.containsKey(p.getHref())) {
                continue;
            }
            List<EventView> events = new ArrayList<>();
            drHrefs.add(p.getHref());
            String edcHref = href(p.getEndDeviceControlListLink());
            if (edcHref != null) {
                watched.add(edcHref);
                targets.putIfAbsent(edcHref, new WalkResult.Target(WalkResult.Kind.END_DEVICE_CONTROLS, p.getHref()));
                for (EndDeviceControl c : fetch.all(edcHref, EndDeviceControlList.class,
                        EndDeviceControlList::getEndDeviceControl, EndDeviceControlList::getAll,
                        head -> mark(edcHref, head, subscribable))) {
                    events.add(SepViews.view(c, p.getHref()));
                }
            }
            int primacy = p.getPrimacy() == null ? 0 : p.getPrimacy().getValue();
            out.put(p.getHref(), new ProgramView(p.getHref(), SepViews.mrid(p.getMRID()), primacy, events, Map.of()));
        }
    }

    /** §5.6: a resource the server marks subscribable="1" (or "2") may be subscribed to. */
    private static void mark(String href, SubscribableResource r, Set<String> out) {
        if (subscribable(r)) {
            out.add(href);
        }
    }

    private static boolean subscribable(SubscribableResource r) {
        return r.getSubscribable() > 0;
    }

    private static String href(Link l) {
        return l == null ? null : l.getHref();
    }

    /** A Location may be absolute (§5.5: a URI); the walk stays on the provisioned server, so keep the path. */
    static String path(String location) {
        if (location.startsWith("/")) {
            return location;
        }
        java.net.URI u = java.net.URI.create(location);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
}

package org.openvtn.device.walk;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.openvtn.device.SepDeviceException;
import org.openvtn.device.transport.SepHttpClient;
import org.openvtn.schemas.sep.DeviceCapability;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.EndDeviceList;
import org.openvtn.schemas.sep.Link;
import org.openvtn.schemas.sep.Registration;
import org.openvtn.schemas.sep.SFDIType;
import org.openvtn.schemas.sep.SubscribableResource;
import org.openvtn.schemas.sep.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discovery walk (IEEE 2030.5-2018 §6.1.2 DeviceCapability, §6.3 Time, §8.2 EndDevice, §8.3 Registration,
 * §6.4 FunctionSetAssignments, §10.10 DER, §10.3 DRLC), following links only: no path is built, no list size or
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
        if (subscribable(self)) {
            subscribable.add(self.getHref());
        }
        FunctionSetWalk below = new FunctionSetWalk(fetch, null, pollRate, subscribable);
        String fsaHref = href(self.getFunctionSetAssignmentsListLink());
        if (fsaHref != null) {
            below.run(fsaHref);
        }
        below.targets.put(self.getHref(), new WalkResult.Target(WalkResult.Kind.END_DEVICE, null,
                TargetedRefetch.endDeviceSignature(self), Long.MAX_VALUE));
        WalkResult.DeviceLinks links = new WalkResult.DeviceLinks(href(self.getDERListLink()),
                href(self.getLogEventListLink()), href(self.getDeviceInformationLink()), href(self.getPowerStatusLink()),
                href(dcap.getMirrorUsagePointListLink()));
        return result(self.getHref(), offsetMs, tz, dst, dstStart, dstEnd, pollRate, below, subscribable,
                href(self.getSubscriptionListLink()), links);
    }

    /**
     * Walks again from the last walk's FunctionSetAssignmentsList only (a Notification for it, for a changed program
     * list or for an EndDevice whose links did not change, §5.6.2): DeviceCapability, Time and the EndDevice are not
     * read; the program lists are, but programs whose list entry is unchanged keep their events and defaults
     * (§10.10: their own lists are subscribed or polled, and re-read when notified).
     *
     * @param last the last complete walk (must have a FunctionSetAssignmentsList)
     * @return the walk with its programs read again
     * @throws SepDeviceException when a GET fails (the caller walks fully)
     */
    public WalkResult rewalkFunctionSets(WalkResult last) throws SepDeviceException {
        String fsaHref = last.functionSetAssignmentsHref();
        if (fsaHref == null) {
            throw new IllegalStateException("the last walk read no FunctionSetAssignmentsList");
        }
        Set<String> subscribable = new LinkedHashSet<>();
        if (last.subscribable().contains(last.endDeviceHref())) {
            subscribable.add(last.endDeviceHref());
        }
        FunctionSetWalk below = new FunctionSetWalk(fetch, last, last.headPollRate(), subscribable);
        below.run(fsaHref);
        WalkResult.Target self = last.targets().get(last.endDeviceHref());
        if (self != null) {
            below.targets.put(last.endDeviceHref(), self);
        }
        return result(last.endDeviceHref(), last.serverTimeOffsetMs(), last.tzOffset(), last.dstOffset(),
                last.dstStart(), last.dstEnd(), last.headPollRate(), below, subscribable, last.subscriptionListHref(),
                last.links());
    }

    private static WalkResult result(String self, long offsetMs, int tz, int dst, long dstStart, long dstEnd,
                                     long headPoll, FunctionSetWalk below, Set<String> subscribable, String subs,
                                     WalkResult.DeviceLinks links) {
        return new WalkResult(self, offsetMs, tz, dst, dstStart, dstEnd, Math.max(1, Math.min(headPoll, below.poll)),
                List.copyOf(below.programs.values()), List.copyOf(subscribable), subs, links, below.curves,
                List.copyOf(below.watched), Set.copyOf(below.drHrefs), below.targets, headPoll);
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

package org.openvtn.sep.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.openvtn.certs.identity.CertificateIdentity;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.sep.store.SepEndDevice;
import org.openvtn.sep.store.SepStore;

/**
 * EndDevice and Registration function set rules (IEEE 2030.5-2018 §8.3 security / device
 * identification, CSIP CORE-009, CSIP-AUS S-ALL-01..05, S-ALL-52, S-ALL-56).
 *
 * <p>A client is the LFDI/SFDI of its TLS certificate. It only ever sees the EndDevice with that
 * LFDI (S-ALL-05); any other id answers 404 so existence is not disclosed. A client POST of an
 * EndDevice must carry its own LFDI and/or SFDI (S-ALL-52 -> 403); a second POST for the same LFDI
 * creates nothing and points at the existing resource (see docs/ieee-2030.5.md).
 */
public final class EndDeviceService {
    private final SepStore store;
    private final Clock clock;
    private final ChangeLog changes;
    private final Activity activity;
    private final org.openvtn.sep.store.JdbcAggregatorStore aggregators;

    /** Where operator changes are recorded so that subscribers are notified (IEEE 2030.5-2018 §5.6). */
    @FunctionalInterface
    public interface ChangeLog {
        /** @param kind {@code edev} (the EndDevice resource) or {@code groups} (everything the device sees) */
        void record(String kind, long deviceId);
    }

    /** Where a device's last request time is recorded (the operator's "last seen"). */
    @FunctionalInterface
    public interface Activity {
        void seen(long deviceId, Instant at);
    }

    /**
     * @param store persistence
     * @param clock time source (changedTime, registration time)
     */
    public EndDeviceService(SepStore store, Clock clock) {
        this(store, clock, (k, d) -> { });
    }

    /**
     * @param store   persistence
     * @param clock   time source
     * @param changes change log for notifications
     */
    public EndDeviceService(SepStore store, Clock clock, ChangeLog changes) {
        this(store, clock, changes, (d, at) -> { });
    }

    /**
     * @param store    persistence
     * @param clock    time source
     * @param changes  change log for notifications
     * @param activity where last-seen times go
     */
    public EndDeviceService(SepStore store, Clock clock, ChangeLog changes, Activity activity) {
        this(store, clock, changes, activity, null);
    }

    /**
     * @param store       persistence
     * @param clock       time source
     * @param changes     change log for notifications
     * @param activity    where last-seen times go
     * @param aggregators aggregator clients and their sites (CSIP AGG-*, CSIP-AUS S-ALL-03); null: none
     */
    public EndDeviceService(SepStore store, Clock clock, ChangeLog changes, Activity activity,
                            org.openvtn.sep.store.JdbcAggregatorStore aggregators) {
        this.store = store;
        this.clock = clock;
        this.changes = changes;
        this.activity = activity;
        this.aggregators = aggregators;
    }

    /** @return the aggregator the caller's certificate is registered as, if any */
    public Optional<org.openvtn.sep.store.SepAggregator> aggregator(CertificateIdentity caller) {
        return aggregators == null ? Optional.empty()
                : aggregators.find(caller.lfdi().toUpperCase(Locale.ROOT));
    }

    /** @return the LFDI of the aggregator that manages the device, if any (notifications admit through it) */
    public Optional<String> aggregatorOf(SepEndDevice device) {
        return aggregators == null ? Optional.empty() : aggregators.aggregatorOf(device.lfdi());
    }

    /** Records that the caller's EndDevice (if it exists) made a request at {@code at}. */
    public void seen(CertificateIdentity caller, Instant at) {
        own(caller).ifPresent(d -> activity.seen(d.id(), at));
    }

    /** @return every EndDevice, by id (operator view) */
    public List<SepEndDevice> list() {
        return store.list();
    }

    /** @return the EndDevice with that LFDI (operator view) */
    public Optional<SepEndDevice> byLfdi(String lfdi) {
        return store.findByLfdi(normaliseLfdi(lfdi));
    }

    /** Outcome of a client EndDevice POST: the device and whether it was created now. */
    public record Posted(SepEndDevice device, boolean created) {
    }

    /**
     * Client self-registration (in-band EndDevice creation, CSIP-AUS S-ALL-02).
     *
     * @param caller the certificate identity of the TLS peer
     * @param posted the decoded (schema-valid) EndDevice
     * @return the device
     * @throws SepException 400 when neither lFDI nor sFDI is given; 403 when either does not match
     *                      the certificate (S-ALL-52)
     */
    public Posted post(CertificateIdentity caller, EndDevice posted) {
        String callerLfdi = caller.lfdi().toUpperCase(Locale.ROOT);
        byte[] lfdi = posted.getLFDI();
        if (lfdi == null && posted.getSFDI() == null) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "EndDevice without lFDI and sFDI");
        }
        Optional<org.openvtn.sep.store.SepAggregator> agg = aggregator(caller);
        if (agg.isPresent() && lfdi != null && !Arrays.equals(lfdi, HexFormat.of().parseHex(callerLfdi))) {
            return postForSite(agg.get(), HexFormat.of().withUpperCase().formatHex(lfdi), posted);
        }
        if (lfdi != null && !Arrays.equals(lfdi, HexFormat.of().parseHex(callerLfdi))) {
            throw SepException.forbidden("lFDI " + HexFormat.of().formatHex(lfdi) + " does not match the certificate");
        }
        if (posted.getSFDI() != null && posted.getSFDI().getValue() != caller.sfdi()) {
            throw SepException.forbidden("sFDI " + posted.getSFDI().getValue() + " does not match the certificate");
        }
        return store.inTransaction(() -> {
            Optional<SepEndDevice> existing = store.findByLfdi(callerLfdi);
            if (existing.isPresent()) {
                return new Posted(existing.get(), false);
            }
            return new Posted(store.insert(callerLfdi, caller.sfdi(), clock.instant()), true);
        });
    }

    /**
     * An aggregator POSTs the EndDevice of one of its sites (CSIP AGG-*, CSIP-AUS S-ALL-03; docs/ieee-2030.5.md
     * "Aggregator clients"): the site's own lFDI, and an sFDI (when given) that is the one §6.3.3 derives from that
     * LFDI. Allowed for a site the operator named, or, when the aggregator may self-register, for an LFDI no one
     * else manages and no EndDevice has yet (it becomes the aggregator's site). Anything else -> 403, as for a device
     * posting another certificate's LFDI (S-ALL-52).
     */
    private Posted postForSite(org.openvtn.sep.store.SepAggregator agg, String siteLfdi, EndDevice posted) {
        long sfdi = SepIdentity.sfdiFromLfdi(siteLfdi);
        if (posted.getSFDI() != null && posted.getSFDI().getValue() != sfdi) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "sFDI " + posted.getSFDI().getValue()
                    + " is not the sFDI of lFDI " + siteLfdi + " (IEEE 2030.5-2018 §6.3.3)");
        }
        return store.inTransaction(() -> {
            Optional<SepEndDevice> existing = store.findByLfdi(siteLfdi);
            if (agg.managed().contains(siteLfdi)) {
                return existing.map(d -> new Posted(d, false))
                        .orElseGet(() -> new Posted(store.insert(siteLfdi, sfdi, clock.instant()), true));
            }
            if (!agg.selfRegister() || existing.isPresent() || aggregators.aggregatorOf(siteLfdi).isPresent()
                    || aggregators.find(siteLfdi).isPresent()) {
                throw SepException.forbidden("lFDI " + siteLfdi + " is not a site aggregator " + agg.lfdi()
                        + " may register");
            }
            aggregators.addSelfRegistered(agg.lfdi(), siteLfdi);
            return new Posted(store.insert(siteLfdi, sfdi, clock.instant()), true);
        });
    }

    /** @return the caller's own EndDevice, if it exists (the EndDeviceList a client sees: S-ALL-05) */
    public Optional<SepEndDevice> own(CertificateIdentity caller) {
        return store.findByLfdi(caller.lfdi().toUpperCase(Locale.ROOT));
    }

    /**
     * @return the EndDevices the caller may see, by sFDI: its own (0 or 1 entries); for an aggregator also the
     *         EndDevices of every site it manages (CSIP AGG-*, CSIP-AUS S-ALL-03), never another client's (S-ALL-05)
     */
    public List<SepEndDevice> visibleTo(CertificateIdentity caller) {
        Optional<org.openvtn.sep.store.SepAggregator> agg = aggregator(caller);
        if (agg.isEmpty()) {
            return own(caller).map(List::of).orElse(List.of());
        }
        List<SepEndDevice> out = new java.util.ArrayList<>();
        own(caller).ifPresent(out::add);
        for (String site : agg.get().managed()) {
            store.findByLfdi(site).ifPresent(out::add);
        }
        out.sort(java.util.Comparator.comparingLong(SepEndDevice::sfdi).thenComparingLong(SepEndDevice::id));
        return List.copyOf(out);
    }

    /**
     * The device a request acts for when the device is named in the body (MirrorUsagePoint.deviceLFDI,
     * Response.endDeviceLFDI): one the caller may see.
     *
     * @param lfdi the LFDI in the body, null when absent (then the caller's own EndDevice)
     * @throws SepException 400 reasonCode 1 when the caller has no EndDevice yet; 403 when the LFDI is not one of
     *                      the caller's
     */
    public SepEndDevice actingFor(CertificateIdentity caller, byte[] lfdi) {
        List<SepEndDevice> visible = visibleTo(caller);
        if (visible.isEmpty()) {
            throw SepException.badRequest(SepException.INVALID_VALUES,
                    "the client has no EndDevice yet (POST /edev first)");
        }
        if (lfdi == null) {
            return own(caller).orElseThrow(() -> SepException.badRequest(SepException.INVALID_VALUES,
                    "the body names no device and the client has no EndDevice of its own"));
        }
        String key = HexFormat.of().withUpperCase().formatHex(lfdi);
        return visible.stream().filter(d -> d.lfdi().equals(key)).findFirst()
                .orElseThrow(() -> SepException.forbidden("LFDI " + key + " is not the caller's"));
    }

    /**
     * @param caller TLS peer
     * @param id     the {id} of {@code /edev/{id}}
     * @return the device when it is the caller's
     * @throws SepException 404 for an unknown id or another device's id (S-ALL-05)
     */
    public SepEndDevice ownById(CertificateIdentity caller, long id) {
        Optional<SepEndDevice> own = own(caller).filter(d -> d.id() == id);
        if (own.isPresent() || aggregators == null) {
            return own.orElseThrow(() -> SepException.notFound("EndDevice " + id + " is not the caller's"));
        }
        return visibleTo(caller).stream().filter(d -> d.id() == id).findFirst()
                .orElseThrow(() -> SepException.notFound("EndDevice " + id + " is not the caller's"));
    }

    /**
     * Operator action: provisions the out-of-band registration PIN for an LFDI (creating the
     * EndDevice when it does not exist yet, CSIP-AUS S-ALL-01).
     *
     * @param lfdi 40 hex digits
     * @param pin  six digits whose last is the check digit (§6.3.4, SepIdentity#isValidPin)
     * @return the updated device
     * @throws IllegalArgumentException naming {@code lfdi} or {@code pin} when malformed
     */
    public SepEndDevice provision(String lfdi, int pin) {
        String key = normaliseLfdi(lfdi);
        if (!SepIdentity.isValidPin(pin)) {
            throw new IllegalArgumentException(String.format("pin: %06d is not a valid registration PIN: six decimal "
                    + "digits whose last is the IEEE 2030.5 §6.3.4 check digit of the first five", pin));
        }
        return store.inTransaction(() -> {
            SepEndDevice d = store.findByLfdi(key)
                    .orElseGet(() -> store.insert(key, SepIdentity.sfdiFromLfdi(key), clock.instant()));
            store.updatePin(d.id(), pin, clock.instant());
            changes.record("edev", d.id());
            return store.find(d.id()).orElseThrow();
        });
    }

    /**
     * Operator action: removes the registration PIN of a device (its EndDevice then carries no RegistrationLink and
     * {@code /reg} answers 404, as before provisioning). Rotating a PIN is {@link #provision} with the new one.
     *
     * @return the updated device
     * @throws IllegalArgumentException naming {@code lfdi} when unknown or malformed
     */
    public SepEndDevice clearPin(String lfdi) {
        String key = normaliseLfdi(lfdi);
        return store.inTransaction(() -> {
            SepEndDevice d = store.findByLfdi(key)
                    .orElseThrow(() -> new IllegalArgumentException("lfdi: no EndDevice " + key));
            store.clearPin(d.id(), clock.instant());
            changes.record("edev", d.id());
            return store.find(d.id()).orElseThrow();
        });
    }

    /**
     * Operator action: sets the groups of a device; core events targeting one of them apply to it
     * (FunctionSetAssignments membership).
     *
     * @throws IllegalArgumentException naming {@code lfdi} when unknown or malformed
     */
    public SepEndDevice assignGroups(String lfdi, Set<String> groupIds) {
        String key = normaliseLfdi(lfdi);
        return store.inTransaction(() -> {
            SepEndDevice d = store.findByLfdi(key)
                    .orElseThrow(() -> new IllegalArgumentException("lfdi: no EndDevice " + key));
            store.updateGroups(d.id(), groupIds);
            changes.record("groups", d.id());
            return store.find(d.id()).orElseThrow();
        });
    }

    private static String normaliseLfdi(String lfdi) {
        if (lfdi == null || !lfdi.matches("[0-9A-Fa-f]{40}")) {
            throw new IllegalArgumentException("lfdi: 40 hex digits required");
        }
        return lfdi.toUpperCase(Locale.ROOT);
    }
}

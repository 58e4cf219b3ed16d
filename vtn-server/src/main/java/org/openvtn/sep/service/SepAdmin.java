package org.openvtn.sep.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvtn.sep.store.JdbcSepRecordStore;
import org.openvtn.sep.store.JdbcSubscriptionStore;
import org.openvtn.sep.store.SepEndDevice;
import org.openvtn.sep.store.SepRecords;
import org.openvtn.sep.store.SepSubscription;

/**
 * The operator's view of the IEEE 2030.5 adapter over the 2030.5 services the assembly built once (works whether or
 * not the 2030.5 listener runs in this process): EndDevices with registration PIN and last-seen time,
 * groups, DefaultDERControls, subscriptions and the delivery counters persisted by the notifier
 * (IEEE 2030.5-2018 §5.6; issue 6 admin API). Changes go to the change log so a running listener
 * notifies subscribers.
 */
public final class SepAdmin {
    private final EndDeviceService endDevices;
    private final DefaultControlService defaults;
    private final JdbcSubscriptionStore subscriptions;
    private final JdbcSepRecordStore records;
    private final org.openvtn.sep.store.JdbcSepDeletions deletions;
    private final java.time.Clock clock;
    private final org.openvtn.sep.store.JdbcAggregatorStore aggregators;
    private final EndDeviceLifecycle lifecycle;

    private SepAdmin(SepServices services) {
        this.records = services.records();
        this.deletions = org.openvtn.sep.store.JdbcSepDeletions.on(services.core().store());
        this.clock = services.clock();
        this.endDevices = services.endDevices();
        this.defaults = services.defaultControls();
        this.subscriptions = services.subscriptionStore();
        this.aggregators = services.aggregators();
        this.lifecycle = services.endDeviceLifecycle();
    }

    /** @return EndDevice.enabled (docs/ieee-2030.5.md "EndDevice lifecycle") */
    public EndDeviceLifecycle endDeviceLifecycle() {
        return lifecycle;
    }

    /** @return the operator view over the 2030.5 services the VTN runs */
    public static SepAdmin of(SepServices services) {
        return new SepAdmin(services);
    }

    /** An EndDevice as the operator sees it. */
    public record Device(SepEndDevice device, Instant lastSeen, long subscriptions) {
    }

    /** Totals of the durable delivery counters (delivered/dropped as of the last flush, pending now). */
    public record Delivery(long subscriptions, long delivered, long dropped, long pending) {
    }

    public EndDeviceService endDevices() {
        return endDevices;
    }

    public DefaultControlService defaultControls() {
        return defaults;
    }

    /** @return every EndDevice with last-seen time and subscription count */
    public List<Device> devices() {
        Map<Long, Long> subs = new java.util.HashMap<>();
        subscriptions.list().forEach(s -> subs.merge(s.deviceId(), 1L, Long::sum));
        return endDevices.list().stream().map(d -> new Device(d, records.lastSeen(d.id()).orElse(null),
                subs.getOrDefault(d.id(), 0L))).toList();
    }

    /** @return one EndDevice by LFDI */
    public Optional<Device> device(String lfdi) {
        return endDevices.byLfdi(lfdi).map(d -> new Device(d, records.lastSeen(d.id()).orElse(null),
                subscriptions.byDevice(d.id()).size()));
    }

    /** A subscription with its undelivered count. */
    public record Subscription(SepSubscription subscription, long pending) {
    }

    /** @return every subscription with its persisted counters */
    public List<Subscription> subscriptions() {
        Map<Long, Long> pending = subscriptions.pendingBySubscription();
        return subscriptions.list().stream().map(s -> new Subscription(s, pending.getOrDefault(s.id(), 0L))).toList();
    }

    /** @return delivery totals over all subscriptions */
    public Delivery delivery() {
        List<SepSubscription> all = subscriptions.list();
        return new Delivery(all.size(), all.stream().mapToLong(SepSubscription::delivered).sum(),
                all.stream().mapToLong(SepSubscription::dropped).sum(), subscriptions.pendingCount());
    }

    /**
     * Operator: deletes the EndDevice with that LFDI and what it posted (mirrors with their readings, Responses,
     * LogEvents, DER resources; issue #17). Its subscriptions end with a Notification of status 4 ("subscription
     * canceled, resource deleted", IEEE 2030.5-2018 §5.6) through the change log. The device may register again
     * (a new EndDevice, a new index). Core telemetry and event responses stay.
     *
     * @return false when no EndDevice has that LFDI
     * @throws IllegalArgumentException naming {@code lfdi} when malformed
     */
    public boolean deleteDevice(String lfdi) {
        Optional<SepEndDevice> d = endDevices.byLfdi(lfdi);
        if (d.isEmpty() || !deletions.deleteEndDevice(d.get().id())) {
            return false;
        }
        records.recordChange("groups", d.get().id(), null, clock.instant());
        return true;
    }

    /** @return the MirrorUsagePoints of the device with that LFDI (empty when unknown), by index */
    public List<SepRecords.Document> mirrorUsagePoints(String lfdi) {
        return endDevices.byLfdi(lfdi).map(d -> records.mirrorUsagePoints(d.id())).orElse(List.of());
    }

    /**
     * Operator: deletes one MirrorUsagePoint of a device with its MirrorMeterReadings and their values (issue #17).
     *
     * @return false when the device has no MirrorUsagePoint with that index
     */
    public boolean deleteMirrorUsagePoint(String lfdi, long mupId) {
        Optional<SepEndDevice> d = endDevices.byLfdi(lfdi);
        return d.isPresent() && records.findMirrorUsagePoint(mupId).filter(m -> m.deviceId() == d.get().id())
                .isPresent() && deletions.deleteMirrorUsagePoint(mupId);
    }

    /** @return every aggregator client, by LFDI */
    public List<org.openvtn.sep.store.SepAggregator> aggregators() {
        return aggregators.list();
    }

    /** @return the aggregator with that LFDI */
    public Optional<org.openvtn.sep.store.SepAggregator> aggregator(String lfdi) {
        return aggregators.find(lfdi(lfdi, "lfdi"));
    }

    /**
     * Operator: registers or replaces an aggregator client (CSIP AGG-*, CSIP-AUS S-ALL-03). Its certificate then sees
     * the EndDevices of its sites (and its own, if it has one) and may POST theirs; the sites' subscribers are told
     * (the EndDevice lists they see change).
     *
     * @param lfdi         the aggregator certificate's LFDI
     * @param selfRegister whether it may register EndDevices for LFDIs not in {@code sites}
     * @param sites        LFDIs of its sites (named ones replace the previous named ones; self-registered ones stay)
     * @throws IllegalArgumentException naming {@code lfdi} or {@code sites}: malformed; a site that is the aggregator
     *                                  itself, another aggregator, or another aggregator's site; an aggregator that is
     *                                  another aggregator's site
     */
    public org.openvtn.sep.store.SepAggregator putAggregator(String lfdi, boolean selfRegister,
                                                             java.util.Set<String> sites) {
        String key = lfdi(lfdi, "lfdi");
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (String s : sites) {
            String site = lfdi(s, "sites");
            if (site.equals(key)) {
                throw new IllegalArgumentException("sites: " + site + " is the aggregator itself");
            }
            if (aggregators.find(site).isPresent()) {
                throw new IllegalArgumentException("sites: " + site + " is an aggregator");
            }
            keys.add(site);
        }
        if (aggregators.aggregatorOf(key).isPresent()) {
            throw new IllegalArgumentException("lfdi: " + key + " is a site of aggregator "
                    + aggregators.aggregatorOf(key).get());
        }
        org.openvtn.sep.store.SepAggregator a = aggregators.put(key, selfRegister, keys, clock.instant());
        endDevices.byLfdi(key).ifPresent(d -> records.recordChange("groups", d.id(), null, clock.instant()));
        return a;
    }

    /** Operator: removes an aggregator; the EndDevices of its sites stay (each visible to its own certificate). */
    public boolean deleteAggregator(String lfdi) {
        return aggregators.delete(lfdi(lfdi, "lfdi"));
    }

    private static String lfdi(String lfdi, String field) {
        if (lfdi == null || !lfdi.matches("[0-9A-Fa-f]{40}")) {
            throw new IllegalArgumentException(field + ": 40 hex digits required, got " + lfdi);
        }
        return lfdi.toUpperCase(java.util.Locale.ROOT);
    }

    /** @return every 2030.5 Response received, oldest first */
    public List<SepRecords.Response> responses() {
        return records.allResponses();
    }
}

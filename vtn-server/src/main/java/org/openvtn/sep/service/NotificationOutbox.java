package org.openvtn.sep.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvtn.sep.store.JdbcNotificationLeases;
import org.openvtn.sep.store.JdbcNotificationLeases.Claimed;
import org.openvtn.sep.store.JdbcSepRecordStore;
import org.openvtn.sep.store.JdbcSubscriptionStore;
import org.openvtn.sep.store.SepEndDevice;
import org.openvtn.sep.store.SepRecords;
import org.openvtn.sep.store.SepStore;
import org.openvtn.sep.store.SepSubscription;

/**
 * The durable Notification outbox of IEEE 2030.5-2018 §5.6 as a service (issue #13: adapters talk to services, not
 * stores): the notification worker ({@code sep.notify}) reads subscriptions, the operator change log and devices,
 * queues rendered Notifications and records their outcome only through this class. Queued Notifications survive a
 * restart; delivery counters are persisted per subscription.
 */
public final class NotificationOutbox {
    private final JdbcSubscriptionStore subscriptions;
    private final JdbcNotificationLeases leases;
    private final JdbcSepRecordStore records;
    private final SepStore devices;

    /** One queued Notification: its outbox row, the subscription it goes to, the encoded body. */
    public record Queued(long id, long subscriptionId, byte[] body) {
    }

    NotificationOutbox(JdbcSubscriptionStore subscriptions, JdbcSepRecordStore records, SepStore devices) {
        this.subscriptions = subscriptions;
        this.leases = subscriptions.leases();
        this.records = records;
        this.devices = devices;
    }

    /** @return every stored subscription */
    public List<SepSubscription> subscriptions() {
        return subscriptions.list();
    }

    /** @return the subscriptions of one EndDevice (indexed read) */
    public List<SepSubscription> subscriptionsOf(long deviceId) {
        return subscriptions.byDevice(deviceId);
    }

    /** @return undelivered Notifications per subscription id */
    public Map<Long, Long> pendingBySubscription() {
        return subscriptions.pendingBySubscription();
    }

    /**
     * Queues Notifications in one transaction.
     *
     * @param items subscription id and encoded Notification, in order
     * @return the queued rows, in the same order
     */
    public List<Queued> enqueue(List<Map.Entry<Long, byte[]>> items, Instant now) {
        return subscriptions.enqueue(items, now).stream().map(NotificationOutbox::queued).toList();
    }

    /**
     * Queues Notifications in one transaction; those of the {@code ending} subscriptions are their final notice
     * (status 4).
     */
    public List<Queued> enqueue(List<Map.Entry<Long, byte[]>> items, java.util.Set<Long> ending, Instant now) {
        return subscriptions.enqueue(items, ending, now).stream().map(NotificationOutbox::queued).toList();
    }

    /**
     * Queues the Notifications of a producer step (change log, clock) and records the producer's cursors with them, in
     * one transaction, while {@code node} holds the producer lease (issue #19: a takeover never produces twice).
     *
     * @return the queued rows; empty when the lease was lost and nothing was queued
     */
    public Optional<List<Queued>> enqueueProduced(List<Map.Entry<Long, byte[]>> items, java.util.Set<Long> ending,
                                                  Instant now, String node, long lastChange, Instant lastTick,
                                                  java.util.Set<String> programs) {
        return subscriptions.enqueueProduced(items, ending, now, node, lastChange, lastTick, programs)
                .map(rows -> rows.stream().map(NotificationOutbox::queued).toList());
    }

    /**
     * Runs {@code committed} after every commit and {@code rolledBack} after every rollback of an outermost transaction
     * (on the thread that ran it; on Derby under the database lock, so both must be quick): how a request that queued
     * Notifications in its own transaction ({@link ChangeNotices}) hands them to delivery once they are durable.
     */
    public void afterTransactions(Runnable committed, Runnable rolledBack) {
        subscriptions.afterTransactions(committed, rolledBack);
    }

    /**
     * Several nodes (issue #19): {@code queued} hears of every subscription any node queued a Notification for, after
     * the commit (LISTEN/NOTIFY); {@code missed} runs after a lost listening connection came back. No-op on Derby.
     */
    public void onQueuedOnAnyNode(java.util.function.LongConsumer queued, Runnable missed) {
        subscriptions.onQueuedOnAnyNode(queued, missed);
    }

    /**
     * @return whether several nodes share this outbox (PostgreSQL): deliveries are then leased (issue #19,
     *         {@link JdbcNotificationLeases})
     */
    public boolean shared() {
        return leases.shared();
    }

    /** Leases the head of a subscription's queue for {@code node} (several nodes); empty when none is free. */
    public Optional<Claimed> claimHead(long subscriptionId, String node, Instant now, Duration lease) {
        return leases.claimHead(subscriptionId, node, now, lease);
    }

    /** Extends a held lease; false when it was lost. */
    public boolean renew(long id, String node, Instant now, Duration lease) {
        return leases.renew(id, node, now, lease);
    }

    /** Removes a leased row after delivery ({@code delivered}) or giving up; false when the lease was lost. */
    public boolean finish(Claimed row, String node, boolean delivered) {
        return leases.finish(row, node, delivered);
    }

    /** Gives a leased row back after a failed attempt, not to be tried before {@code notBefore}. */
    public boolean retryLater(long id, String node, int attempts, Instant notBefore) {
        return leases.retryLater(id, node, attempts, notBefore);
    }

    /** Gives a leased row back at once (stopping). */
    public void release(long id, String node) {
        leases.release(id, node);
    }

    /** @return subscriptions whose head row no node holds: the sweep's work */
    public List<Long> claimable(Instant now, int max) {
        return leases.claimable(now, max);
    }

    /**
     * Takes or renews the notifier's producer duties (change log, clock) for {@code node} on a shared database.
     *
     * @return where the duties stopped when {@code node} holds them now, empty when another node does
     */
    public Optional<JdbcNotificationLeases.ProducerCursor> leadProducer(String node, Instant now, Duration lease) {
        return leases.leadProducer(node, now, lease);
    }

    /** Records how far the producer duties got (while {@code node} holds them). */
    public boolean advanceProducer(String node, long lastChange, Instant lastTick, java.util.Set<String> programs) {
        return leases.advanceProducer(node, lastChange, lastTick, programs);
    }

    /** @return queued Notifications of one subscription */
    public long queued(long subscriptionId) {
        return leases.queued(subscriptionId);
    }

    /** @return queued Notifications of all subscriptions */
    public long pendingCount() {
        return subscriptions.pendingCount();
    }

    /** @return up to {@code max} queued Notifications of a subscription after row {@code afterId}, oldest first */
    public List<Queued> pending(long subscriptionId, long afterId, int max) {
        return subscriptions.pending(subscriptionId, afterId, max).stream().map(NotificationOutbox::queued).toList();
    }

    /**
     * Removes finished rows and adds to the subscriptions' persisted delivered/dropped counters, in one transaction.
     */
    public void complete(Collection<Long> finished, Map<Long, Long> delivered, Map<Long, Long> dropped) {
        subscriptions.complete(finished, delivered, dropped);
    }

    /**
     * Ends a subscription whose resource is gone (its final status-4 Notification was delivered or given up), with
     * its undelivered Notifications.
     *
     * @return the number of queued Notifications discarded with it, or -1 when there was no subscription
     */
    public long end(long subscriptionId) {
        return subscriptions.delete(subscriptionId);
    }

    /** @return the id of the newest operator change-log row (0 when empty) */
    public long lastChangeId() {
        return records.lastChangeId();
    }

    /** @return change-log rows (DefaultDERControl, EndDevice, groups, programs) after {@code afterId}, oldest first */
    public List<SepRecords.Change> changesAfter(long afterId) {
        return records.changesAfter(afterId);
    }

    /** @return the EndDevice with this id */
    public Optional<SepEndDevice> device(long id) {
        return devices.find(id);
    }

    private static Queued queued(JdbcSubscriptionStore.Queued q) {
        return new Queued(q.id(), q.subscriptionId(), q.body());
    }
}

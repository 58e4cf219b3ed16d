package org.openvtn.sep.notify;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.openvtn.schemas.sep.Resource;
import org.openvtn.sep.service.ChangeNotices;
import org.openvtn.sep.service.NotificationOutbox;
import org.openvtn.sep.service.ReadingConditions;
import org.openvtn.sep.store.SepSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Notifications of a change a request makes outside the core's events and the change log (a Reading posted with a
 * MirrorMeterReading, {@code /upt/{u}/mr/{m}/r}; IEEE 2030.5-2018 §5.6, CSIP CORE-019 with a Condition), queued
 * <b>in that request's transaction</b> through the durable queue, like the producer queues the change log's with its
 * cursor: the reading and its Notifications commit together or not at all, on Derby and PostgreSQL. A crash before
 * the commit keeps neither; after it, both (the next start, or another node, delivers the queued rows). Once the
 * transaction commits, its rows go to this node's delivery lanes on the producer thread.
 */
final class RequestNotices implements ChangeNotices {
    private static final Logger LOG = LoggerFactory.getLogger(RequestNotices.class);

    /** Rows an open transaction queued, awaiting its commit (or dropped by its rollback). */
    private record Queued(List<NotificationOutbox.Queued> rows, List<Long> ending) {
    }

    private final NotificationOutbox outbox;
    private final NotificationBatches batches;
    private final Deliveries dispatcher;
    private final Executor producer;
    private final Clock clock;
    private final ThreadLocal<List<Queued>> open = ThreadLocal.withInitial(ArrayList::new);

    RequestNotices(NotificationOutbox outbox, NotificationBatches batches, Deliveries dispatcher, Executor producer,
                   Clock clock) {
        this.outbox = outbox;
        this.batches = batches;
        this.dispatcher = dispatcher;
        this.producer = producer;
        this.clock = clock;
        outbox.afterTransactions(this::committed, () -> open.get().clear());
    }

    /**
     * Queues, in the caller's transaction, a Notification of the resource for each subscription of {@code deviceId}
     * to {@code path}, a conditional one only when its Condition holds ({@link ReadingConditions}). Each posted value
     * is judged, even when the next one follows at once.
     */
    @Override
    public void changed(long deviceId, String path, Supplier<? extends Resource> resource) {
        List<SepSubscription> candidates = outbox.subscriptionsOf(deviceId); // not every subscription per POST
        if (candidates.stream().noneMatch(s -> s.subscribedResource().equals(path))) {
            return;
        }
        Resource r = resource.get(); // the value posted, not a later one; built once for all subscribers
        NotificationBatches.Batch b = batches.build(candidates, s -> s.subscribedResource().equals(path),
                (d, p, l) -> Optional.of(SepNotifier.Rendered.of(r)));
        if (!b.items().isEmpty()) {
            // joins the caller's transaction: if queueing fails, the reading is rolled back with it
            open.get().add(new Queued(outbox.enqueue(b.items(), Set.copyOf(b.ending()), clock.instant()),
                    b.ending()));
        }
    }

    /** After any commit on this thread: what its transaction queued goes to delivery (quick: Derby holds its lock). */
    private void committed() {
        List<Queued> mine = open.get();
        if (mine.isEmpty()) {
            return;
        }
        List<Queued> rows = List.copyOf(mine);
        mine.clear();
        try {
            producer.execute(() -> rows.forEach(q -> {
                dispatcher.accepted(q.rows());
                q.ending().forEach(dispatcher::closeWhenDrained);
            }));
        } catch (RejectedExecutionException e) {
            LOG.info("2030.5 notifier stopped: {} committed notification batch(es) stay queued for the next start",
                    rows.size());
        }
    }
}

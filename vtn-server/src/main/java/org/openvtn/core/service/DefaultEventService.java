package org.openvtn.core.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openvtn.core.ErrorCode;
import org.openvtn.core.Event;
import org.openvtn.core.EventChange;
import org.openvtn.core.EventChangeListener;
import org.openvtn.core.EventHistoryEntry;
import org.openvtn.core.EventResponse;
import org.openvtn.core.EventService;
import org.openvtn.core.EventSpec;
import org.openvtn.core.EventStatus;
import org.openvtn.core.OptType;
import org.openvtn.core.PollItem;
import org.openvtn.core.PollQueue;
import org.openvtn.core.Program;
import org.openvtn.core.Registration;
import org.openvtn.core.ResponseOutcome;
import org.openvtn.core.VtnException;
import org.openvtn.store.EventDelivery;
import org.openvtn.store.VtnStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Default {@link EventService}. */
public final class DefaultEventService implements EventService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultEventService.class);

    private final VtnStore store;
    private final Clock clock;
    private final PollQueue polls;
    private final Duration nearWindow;
    private final Duration retention;
    private final int maxResponsesPerVen;
    private final List<EventChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final List<EventChangeListener> txListeners = new CopyOnWriteArrayList<>();
    private final EventIndex index = new EventIndex();

    /**
     * @param nearWindow how long before start an event is NEAR
     * @param retention  how long after its end a terminal event may still be delivered
     */
    public DefaultEventService(VtnStore store, Clock clock, PollQueue polls, Duration nearWindow,
                               Duration retention) {
        this(store, clock, polls, nearWindow, retention, StoreLimits.DEFAULT.maxEventResponsesPerVen());
    }

    /** @param maxResponsesPerVen oadrCreatedEvent rows kept per VEN; the oldest beyond it are deleted */
    public DefaultEventService(VtnStore store, Clock clock, PollQueue polls, Duration nearWindow,
                               Duration retention, int maxResponsesPerVen) {
        this.maxResponsesPerVen = maxResponsesPerVen;
        this.store = store;
        this.clock = clock;
        this.polls = polls;
        this.nearWindow = nearWindow;
        this.retention = retention;
    }

    @Override
    public Event create(EventSpec spec) {
        EventChange change = indexed(() -> store.inTransaction(() -> {
            Program p = program(spec.programId());
            Instant now = clock.instant();
            rejectOverlap(p, null, spec, now);
            Event e = new Event(UUID.randomUUID().toString(), 0, false, p.marketContext(), now, now, spec);
            store.events().insert(e);
            index.put(e, now.minus(retention));
            return record(EventChange.Kind.CREATED, e, targeted(e));
        }));
        return publish(change);
    }

    @Override
    public Event update(String eventId, EventSpec spec) {
        EventChange change = indexed(() -> store.inTransaction(() -> {
            Event old = modifiable(eventId);
            Program p = program(spec.programId());
            rejectOverlap(p, old.id(), spec, clock.instant());
            Event e = new Event(old.id(), old.modificationNumber() + 1, false, p.marketContext(), old.createdAt(),
                    clock.instant(), spec);
            store.events().update(e);
            index.put(e, clock.instant().minus(retention));
            Set<String> affected = new LinkedHashSet<>(targeted(old));
            affected.addAll(targeted(e));
            return record(EventChange.Kind.UPDATED, e, affected);
        }));
        return publish(change);
    }

    @Override
    public Event cancel(String eventId) {
        EventChange change = indexed(() -> store.inTransaction(() -> {
            Event old = modifiable(eventId);
            Event e = new Event(old.id(), old.modificationNumber() + 1, true, old.marketContext(), old.createdAt(),
                    clock.instant(), old.spec());
            store.events().update(e);
            index.put(e, clock.instant().minus(retention));
            return record(EventChange.Kind.CANCELLED, e, targeted(old));
        }));
        return publish(change);
    }

    /** Runs a write; if it fails after touching the index, the index is rebuilt from the store on next use. */
    private EventChange indexed(java.util.function.Supplier<EventChange> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            index.invalidate();
            throw e;
        }
    }

    private Program program(String programId) {
        return store.programs().find(programId)
                .orElseThrow(() -> VtnException.invalidId("programId", "unknown program " + programId));
    }

    /** Conformance rule 18 for programs with {@code overlap: reject}; see {@link OverlapGuard}. */
    private void rejectOverlap(Program p, String eventId, EventSpec spec, Instant now) {
        if (p.overlap() == org.openvtn.core.OverlapPolicy.REJECT) {
            OverlapGuard.check(p, eventId, spec, p.marketContext(), store.events().listEndingAfter(now),
                    store.registrations().list());
        }
    }

        private Event modifiable(String eventId) {
        Event old = store.events().find(eventId)
                .orElseThrow(() -> VtnException.invalidId("id", "unknown event " + eventId));
        EventStatus st = statusOf(old);
        if (st.isTerminal()) {
            throw new VtnException(ErrorCode.NOT_ALLOWED, "id", "event " + eventId + " is " + st.wireName()
                    + " and can no longer be changed");
        }
        return old;
    }

    private EventChange record(EventChange.Kind kind, Event e, Set<String> affected) {
        store.events().appendHistory(new EventHistoryEntry(e.id(), e.modificationNumber(), kind, e.modifiedAt(), e));
        for (String venId : affected) {
            polls.enqueue(venId, PollItem.Kind.EVENTS_CHANGED, null);
        }
        EventChange change = new EventChange(kind, e, affected);
        for (EventChangeListener l : txListeners) {
            l.onEventChange(change);
        }
        return change;
    }

    private Event publish(EventChange change) {
        LOG.info("Event {} {} (modificationNumber {}), {} VEN(s) notified", change.event().id(),
                change.kind().name().toLowerCase(java.util.Locale.ROOT), change.event().modificationNumber(),
                change.affectedParticipantIds().size());
        for (EventChangeListener l : listeners) {
            try {
                l.onEventChange(change);
            } catch (RuntimeException ex) {
                LOG.warn("event listener {} failed", l, ex);
            }
        }
        return change.event();
    }

    /** @return venIds of active registrations the event targets */
    private Set<String> targeted(Event e) {
        Set<String> out = new LinkedHashSet<>();
        for (Registration r : store.registrations().list()) {
            if (r.active() && e.spec().targets().matches(r)) {
                out.add(r.participantId());
            }
        }
        return out;
    }

    @Override
    public Optional<Event> get(String eventId) {
        return store.events().find(eventId);
    }

    @Override
    public List<Event> list() {
        return store.events().list();
    }

    @Override
    public EventStatus statusOf(Event event) {
        return event.status(clock.instant(), nearWindow);
    }

    @Override
    public List<EventHistoryEntry> history(String eventId) {
        return store.events().history(eventId);
    }

    @Override
    public List<Event> eventsFor(String venId) {
        return store.inTransaction(() -> select(venId, clock.instant()));
    }

    @Override
    public List<Event> distribute(String venId) {
        return store.inTransaction(() -> {
            Instant now = clock.instant();
            List<Event> events = select(venId, now);
            for (Event e : events) {
                store.events().recordDelivery(e.id(), venId,
                        new EventDelivery(e.modificationNumber(), e.status(now, nearWindow), now));
            }
            return events;
        });
    }

    private List<Event> select(String venId, Instant now) {
        Optional<Registration> reg = store.registrations().findByVenId(venId).filter(Registration::active);
        if (reg.isEmpty()) {
            return List.of();
        }
        Map<String, EventDelivery> delivered = store.events().deliveries(venId);
        List<Event> out = new ArrayList<>();
        Instant cutoff = now.minus(retention);
        // the index assumes one process per database (Derby); on PostgreSQL other nodes write events: read through
        List<Event> candidates = store.database().singleProcess()
                ? index.candidates(reg.get(), cutoff, () -> store.events().listEndingAfter(cutoff))
                : store.events().listEndingAfter(cutoff);
        for (Event e : candidates) {
            if (!e.spec().targets().matches(reg.get())) {
                continue; // no longer (or never) targeted: absent = implicitly cancelled for this VEN
            }
            if (e.spec().openAdrSignals().isEmpty()) {
                continue; // curve references / power factors only: nothing for OpenADR (docs/core-model.md)
            }
            EventStatus st = e.status(now, nearWindow);
            if (!st.isTerminal()) {
                out.add(e);
                continue;
            }
            // Terminal events are kept until this VEN has seen their final state, and only if it ever
            // saw the event at all.
            EventDelivery d = delivered.get(e.id());
            if (d != null && (d.modificationNumber() != e.modificationNumber() || d.status() != st)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public EventResponse recordResponse(String venId, String eventId, long modificationNumber, OptType optType,
                                        ResponseOutcome outcome, String protocolCode, String description) {
        return store.inTransaction(() -> {
            Registration reg = store.registrations().findByVenId(venId).filter(Registration::active)
                    .orElseThrow(() -> new VtnException(ErrorCode.NOT_REGISTERED_OR_AUTHORIZED, "venId",
                            "VEN " + venId + " is not registered"));
            Event e = store.events().find(eventId)
                    .filter(x -> x.spec().targets().matches(reg))
                    .orElseThrow(() -> VtnException.invalidId("eventId", "unknown eventID " + eventId));
            if (modificationNumber < 0 || modificationNumber > e.modificationNumber()) {
                throw VtnException.invalidData("modificationNumber", "modificationNumber " + modificationNumber
                        + " does not exist for event " + eventId);
            }
            if (optType == null) {
                throw VtnException.invalidData("optType", "optType is required");
            }
            EventResponse r = new EventResponse(venId, eventId, modificationNumber, optType, outcome, protocolCode,
                    description, clock.instant());
            store.events().insertResponse(r);
            int dropped = store.events().trimResponses(venId, maxResponsesPerVen);
            if (dropped > 0) {
                LOG.warn("VEN {}: {} oldest event response(s) deleted, quota of {} per VEN", venId, dropped,
                        maxResponsesPerVen);
            }
            return r;
        });
    }

    @Override
    public void recordCheckedResponse(EventResponse response) {
        store.events().insertResponse(response);
    }

    @Override
    public List<EventResponse> responses(String eventId) {
        return store.events().responsesByEvent(eventId);
    }

    @Override
    public boolean answered(String venId, String eventId, long modificationNumber) {
        return store.events().hasResponse(venId, eventId, modificationNumber);
    }

    @Override
    public List<EventResponse> responsesOf(String venId) {
        return store.events().responsesByVen(venId);
    }

    @Override
    public AutoCloseable addListener(EventChangeListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public AutoCloseable addTransactionalListener(EventChangeListener listener) {
        txListeners.add(listener);
        return () -> txListeners.remove(listener);
    }
}

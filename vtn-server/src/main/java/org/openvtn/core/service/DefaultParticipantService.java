package org.openvtn.core.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.core.Participant;
import org.openvtn.core.ParticipantId;
import org.openvtn.core.ParticipantService;
import org.openvtn.core.Registration;
import org.openvtn.core.RegistrationService;
import org.openvtn.core.VtnException;
import org.openvtn.store.JdbcParticipantStore;
import org.openvtn.store.VtnStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Default {@link ParticipantService}: the participants table (migration V7) with an in-memory copy, so deciding
 * on a request costs a map look-up (one process per database, as the Derby store). Thread-safe; writes are
 * serialised and reach the copy only once stored.
 */
public final class DefaultParticipantService implements ParticipantService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultParticipantService.class);

    private final VtnStore store;
    private final JdbcParticipantStore participants;
    private final RegistrationService registrations;
    private final Clock clock;
    private final Map<ParticipantId, Participant> known = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public DefaultParticipantService(VtnStore store, RegistrationService registrations, Clock clock) {
        this.store = store;
        this.participants = JdbcParticipantStore.on(store);
        this.registrations = registrations;
        this.clock = clock;
    }

    private Map<ParticipantId, Participant> known() {
        if (!loaded) {
            org.openvtn.core.SelectorSafe.mayBlock(); // the monitor may be held by a write (issue #18)
            synchronized (this) {
                if (!loaded) {
                    participants.all().forEach(p -> known.put(p.id(), p));
                    loaded = true;
                }
            }
        }
        return known;
    }

    /**
     * The participant's enrolment: from the cache on Derby (one process, loaded once, changed only here); read from
     * the database on PostgreSQL, where an operator may approve or revoke through another node (issue #19).
     */
    private Participant lookup(ParticipantId id) {
        return store.database().singleProcess() ? known().get(id) : participants.find(id).orElse(null);
    }

    @Override
    public Admission admit(ParticipantId id, EnrolmentPolicy policy) {
        Participant p = lookup(id);
        if (p != null && p.state() == Participant.State.REVOKED) {
            return Admission.REFUSED;
        }
        if (p != null && p.state() == Participant.State.APPROVED) {
            return Admission.ADMITTED;
        }
        return switch (policy) {
            case OPEN -> Admission.ADMITTED;
            case ALLOWLIST -> Admission.REFUSED;
            case APPROVE -> {
                if (p == null) {
                    org.openvtn.core.SelectorSafe.mayBlock();
                    recordPending(id);
                }
                yield Admission.PENDING;
            }
        };
    }

    private synchronized void recordPending(ParticipantId id) {
        if (lookup(id) != null) {
            return;
        }
        Participant p = new Participant(id, Participant.State.PENDING, null, clock.instant());
        participants.save(p);
        known.put(id, p);
        LOG.info("Participant {} awaits operator approval (POST /api/v1/participants/{}/approve)", id, id);
    }

    @Override
    public List<Participant> list(Participant.State state) {
        List<Participant> out = new ArrayList<>();
        for (Participant p : store.database().singleProcess() ? known().values() : participants.all()) {
            if (state == null || p.state() == state) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing((Participant p) -> p.id().toString()));
        return out;
    }

    @Override
    public Optional<Participant> find(ParticipantId id) {
        return Optional.ofNullable(lookup(id));
    }

    @Override
    public synchronized Participant provision(ParticipantId id, String label) {
        Participant old = lookup(id);
        Participant p = new Participant(id, Participant.State.APPROVED,
                label != null ? label : old == null ? null : old.label(), clock.instant());
        participants.save(p);
        known.put(id, p);
        LOG.info("Participant {} provisioned (approved) by the operator", id);
        return p;
    }

    @Override
    public synchronized void provisionAll(java.util.Collection<ParticipantId> ids, String label) {
        List<Participant> saved = store.inTransaction(() -> {
            List<Participant> out = new ArrayList<>(ids.size());
            for (ParticipantId id : ids) {
                Participant old = lookup(id);
                if (old == null || old.state() != Participant.State.APPROVED) {
                    Participant p = new Participant(id, Participant.State.APPROVED,
                            label != null ? label : old == null ? null : old.label(), clock.instant());
                    participants.save(p);
                    out.add(p);
                }
            }
            return out;
        });
        saved.forEach(p -> known.put(p.id(), p));
        LOG.info("{} participants provisioned (approved) by the operator, {} were already approved", saved.size(),
                ids.size() - saved.size());
    }

    @Override
    public synchronized Participant approve(ParticipantId id) {
        Participant old = lookup(id);
        if (old == null) {
            throw VtnException.invalidId("id", "unknown participant " + id
                    + "; provision it with POST /api/v1/participants");
        }
        Participant p = new Participant(id, Participant.State.APPROVED, old.label(), clock.instant());
        // The cache changes before the re-registration request is queued: a delivery channel woken by the queue
        // (the 2.0b push dispatcher, issue #14) must already see the approval. Restored on rollback.
        try {
            store.inTransaction(() -> {
                participants.save(p);
                known.put(id, p);
                if (old.state() != Participant.State.APPROVED) {
                    activeVen(id).ifPresent(r -> registrations.requestReregistration(r.participantId()));
                }
            });
        } catch (RuntimeException e) {
            known.put(id, old);
            throw e;
        }
        LOG.info("Participant {} approved by the operator", id);
        return p;
    }

    @Override
    public synchronized Participant revoke(ParticipantId id) {
        Participant old = lookup(id);
        Participant p = new Participant(id, Participant.State.REVOKED, old == null ? null : old.label(),
                clock.instant());
        // Refused before the cancellation is queued, so no delivery channel pushes to the revoked VEN (issue #14).
        try {
            store.inTransaction(() -> {
                participants.save(p);
                known.put(id, p);
                activeVen(id).ifPresent(r -> registrations.deregister(r.participantId()));
            });
        } catch (RuntimeException e) {
            if (old == null) {
                known.remove(id);
            } else {
                known.put(id, old);
            }
            throw e;
        }
        LOG.warn("Participant {} revoked by the operator: refused from now on", id);
        return p;
    }

    private Optional<Registration> activeVen(ParticipantId id) {
        if (id.kind() != ParticipantId.Kind.OADR20B_VEN) {
            return Optional.empty();
        }
        return registrations.query(id.id());
    }
}

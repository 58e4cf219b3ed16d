package org.openvtn.core.service;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openvtn.core.ErrorCode;
import org.openvtn.core.ParticipantId;
import org.openvtn.core.PollItem;
import org.openvtn.core.PollQueue;
import org.openvtn.core.Registration;
import org.openvtn.core.RegistrationRequest;
import org.openvtn.core.RegistrationService;
import org.openvtn.core.VtnException;
import org.openvtn.store.VtnStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Default {@link RegistrationService}. */
public final class DefaultRegistrationService implements RegistrationService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultRegistrationService.class);

    private final VtnStore store;
    private final Clock clock;
    private final PollQueue polls;
    private final String vtnId;
    private final Duration defaultPollFreq;
    /** How often at most a VEN's last contact is written (per VEN and node): an oadrPoll is no database write. */
    static final Duration CONTACT_INTERVAL = Duration.ofMinutes(1);
    /** Last contacts, written in batches off the request thread. */
    private final ContactRecorder contacts;

    public DefaultRegistrationService(VtnStore store, Clock clock, PollQueue polls, String vtnId,
                                      Duration defaultPollFreq) {
        this.store = store;
        this.clock = clock;
        this.polls = polls;
        this.vtnId = vtnId;
        this.defaultPollFreq = defaultPollFreq;
        this.contacts = new ContactRecorder(store, clock, CONTACT_INTERVAL);
    }

    @Override
    public String vtnId() {
        return vtnId;
    }

    @Override
    public Duration defaultPollFreq() {
        return defaultPollFreq;
    }

    @Override
    public Optional<Registration> query(String fingerprint) {
        return store.registrations().findByFingerprint(fingerprint).filter(Registration::active);
    }

    @Override
    public String assignedVenId(String fingerprint) {
        return store.registrations().findByFingerprint(fingerprint).map(Registration::participantId)
                .orElse(fingerprint);
    }

    @Override
    public Registration register(RegistrationRequest req) {
        String requested = req.participantId();
        if (requested != null && !requested.isBlank()) {
            ParticipantId.checkVenId(requested); // issue #12 item 4: charset, and never a 2030.5 LFDI
        }
        Registration r = store.inTransaction(() -> registerInTransaction(req));
        LOG.info("Registered {} (registrationId {})", r.participantId(), r.registrationId());
        return r;
    }

    /**
     * Issue #19: the operator's bulk pre-registration, one transaction for the whole batch. Each VEN gets the records
     * {@link #register} makes for its oadrCreatePartyRegistration (a registration, pull model over simpleHttp, and the
     * EVENTS_CHANGED poll item). A VEN already registered, under the venID asked for or with none asked for, is left
     * as it is, so a request may be repeated. A venID that belongs to another certificate refuses the whole batch
     * (452), nothing stored.
     */
    @Override
    public List<Preregistered> preregister(List<RegistrationRequest> requests) {
        for (RegistrationRequest req : requests) {
            if (req.participantId() != null) {
                ParticipantId.checkVenId(req.participantId());
            }
        }
        List<Preregistered> out = store.inTransaction(() -> {
            List<Preregistered> done = new java.util.ArrayList<>(requests.size());
            for (RegistrationRequest req : requests) {
                Optional<Registration> existing = store.registrations().findByFingerprint(req.fingerprint())
                        .filter(Registration::active);
                if (existing.isPresent() && (req.participantId() == null
                        || existing.get().participantId().equals(req.participantId()))) {
                    done.add(new Preregistered(existing.get(), false));
                } else {
                    done.add(new Preregistered(registerInTransaction(req), true));
                }
            }
            return done;
        });
        LOG.info("Pre-registered {} VENs by the operator ({} already registered)", requests.size(),
                out.stream().filter(p -> !p.created()).count());
        return out;
    }

    private Registration registerInTransaction(RegistrationRequest req) {
        String requested = req.participantId();
        Optional<Registration> existing = store.registrations().findByFingerprint(req.fingerprint());
        if (requested != null && !requested.isBlank()) {
            if (existing.isPresent() && !existing.get().participantId().equals(requested)) {
                throw VtnException.invalidId("venId", "venID " + requested + " does not belong to the caller");
            }
            Optional<Registration> byVen = store.registrations().findByVenId(requested);
            if (existing.isEmpty() && byVen.isPresent()) {
                throw VtnException.invalidId("venId", "venID " + requested + " belongs to another party");
            }
        }
        if (req.registrationId() != null && !req.registrationId().isBlank()) {
            boolean matches = existing.isPresent() && existing.get().active()
                    && existing.get().registrationId().equals(req.registrationId());
            if (!matches) {
                throw VtnException.invalidId("registrationId", "unknown registrationID " + req.registrationId());
            }
        }
        String venId = existing.map(Registration::participantId)
                .orElse(requested != null && !requested.isBlank() ? requested : req.fingerprint());
        // N1_0060/N1_0065: a new registration discards the previous report and opt state.
        store.opts().deleteByVen(venId);
        store.reports().replaceCapabilities(venId, List.of());
        store.reports().deleteRequestsByVen(venId);
        store.polls().deleteByVen(venId);
        Registration old = existing.orElse(null);
        Registration reg = new Registration(UUID.randomUUID().toString(), venId, req.name(),
                old == null ? null : old.partyId(), req.fingerprint(), req.protocol(), req.oadr(),
                req.pollFreq() != null ? req.pollFreq() : defaultPollFreq,
                old == null ? Set.of() : old.groupIds(), old == null ? Set.of() : old.resourceIds(),
                clock.instant(), true);
        store.registrations().save(reg);
        polls.enqueue(venId, PollItem.Kind.EVENTS_CHANGED, null);
        return reg;
    }

    @Override
    public Registration cancelByParty(String fingerprint, String registrationId) {
        return store.inTransaction(() -> {
            Registration r = store.registrations().findByFingerprint(fingerprint)
                    .filter(x -> x.active() && x.registrationId().equals(registrationId))
                    .orElseThrow(() -> VtnException.invalidId("registrationId",
                            "unknown registrationID " + registrationId));
            Registration cancelled = r.withActive(false);
            store.registrations().save(cancelled);
            store.polls().deleteByVen(r.participantId());
            LOG.info("VEN {} cancelled its registration {}", r.participantId(), registrationId);
            return cancelled;
        });
    }

    @Override
    public Registration authorize(String fingerprint, String claimedVenId) {
        Registration r = query(fingerprint).orElseThrow(() -> new VtnException(
                ErrorCode.NOT_REGISTERED_OR_AUTHORIZED, "venId", "the caller is not registered"));
        if (claimedVenId != null && !claimedVenId.equals(r.participantId())) {
            throw VtnException.invalidId("venId", "venID " + claimedVenId + " does not match the caller");
        }
        recordContact(r.participantId());
        return r;
    }

    /** Records the VEN's last contact (V28) at most once per {@link #CONTACT_INTERVAL}, written in batches. */
    private void recordContact(String venId) {
        contacts.record(venId);
    }

    @Override
    public java.util.Map<String, java.time.Instant> lastContacts() {
        return contacts.overlay(store.registrations().lastContacts());
    }

    @Override
    public java.util.Optional<java.time.Instant> lastContact(String venId) {
        java.time.Instant pending = contacts.pending(venId);
        return pending != null ? java.util.Optional.of(pending) : store.registrations().lastContact(venId);
    }

    @Override
    public Registration deregister(String venId) {
        return store.inTransaction(() -> {
            Registration r = store.registrations().findByVenId(venId).filter(Registration::active)
                    .orElseThrow(() -> VtnException.invalidId("venId", "unknown or inactive VEN " + venId));
            Registration cancelled = r.withActive(false);
            store.registrations().save(cancelled);
            store.polls().deleteByVen(venId);
            polls.enqueue(venId, PollItem.Kind.REGISTRATION_CANCELLED, r.registrationId());
            LOG.info("VTN cancelled the registration of {}", venId);
            return cancelled;
        });
    }

    @Override
    public void requestReregistration(String venId) {
        store.inTransaction(() -> {
            Registration r = store.registrations().findByVenId(venId).filter(Registration::active)
                    .orElseThrow(() -> VtnException.invalidId("venId", "unknown or inactive VEN " + venId));
            polls.enqueue(venId, PollItem.Kind.REREGISTRATION_REQUESTED, r.registrationId());
        });
    }

    @Override
    public Optional<Registration> byVenId(String venId) {
        return store.registrations().findByVenId(venId);
    }

    @Override
    public List<Registration> list() {
        return store.registrations().list();
    }

    @Override
    public Registration updateMembership(String venId, String partyId, Collection<String> groupIds,
                                         Collection<String> resourceIds) {
        return store.inTransaction(() -> {
            Registration r = store.registrations().findByVenId(venId)
                    .orElseThrow(() -> VtnException.invalidId("venId", "unknown VEN " + venId));
            Registration updated = r.withMembership(partyId, groupIds, resourceIds);
            store.registrations().save(updated);
            return updated;
        });
    }
}

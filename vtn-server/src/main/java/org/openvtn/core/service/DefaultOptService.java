package org.openvtn.core.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.openvtn.certs.identity.LogSafe;
import org.openvtn.core.AvailabilityWindow;
import org.openvtn.core.Event;
import org.openvtn.core.NewOpt;
import org.openvtn.core.OptRecord;
import org.openvtn.core.OptService;
import org.openvtn.core.Registration;
import org.openvtn.core.VtnException;
import org.openvtn.store.VtnStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Default {@link OptService}. */
public final class DefaultOptService implements OptService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultOptService.class);

    private final VtnStore store;
    private final Clock clock;
    private final int maxOptsPerVen;

    public DefaultOptService(VtnStore store, Clock clock) {
        this(store, clock, StoreLimits.DEFAULT.maxOptsPerVen());
    }

    /** @param maxOptsPerVen opts kept per VEN: cancelled ones go oldest first, then new ones are refused (451) */
    public DefaultOptService(VtnStore store, Clock clock, int maxOptsPerVen) {
        this.store = store;
        this.clock = clock;
        this.maxOptsPerVen = maxOptsPerVen;
    }

    @Override
    public OptRecord createOpt(String venId, NewOpt o) {
        if (o.optId() == null || o.optId().isBlank()) {
            throw VtnException.invalidData("optId", "optID is required");
        }
        if (o.optType() == null) {
            throw VtnException.invalidData("optType", "optType is required");
        }
        List<AvailabilityWindow> windows = o.windows() == null ? List.of() : o.windows();
        if (o.eventId() == null && windows.isEmpty()) {
            throw VtnException.invalidData("windows", "an opt needs an eventID or an availability schedule");
        }
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i).duration().isZero() || windows.get(i).duration().isNegative()) {
                throw VtnException.invalidData("windows[" + i + "].duration", "duration must be > 0");
            }
        }
        return store.inTransaction(() -> {
            if (o.eventId() != null) {
                Optional<Event> event = store.events().find(o.eventId());
                if (event.isEmpty()) {
                    throw VtnException.invalidId("eventId", "unknown eventID " + o.eventId());
                }
                // issue #12 item 10: only an event that targets the VEN (452, like an unknown one: no disclosure)
                Optional<Registration> reg = store.registrations().findByVenId(venId);
                if (reg.isEmpty() || !event.get().spec().targets().matches(reg.get())) {
                    LOG.warn("Opt {} of VEN {} refused (452): event {} does not target this VEN", LogSafe.text(o.optId()),
                            venId, LogSafe.text(o.eventId()));
                    throw VtnException.invalidId("eventId", "unknown eventID " + o.eventId()
                            + " (or it does not target this VEN)");
                }
            }
            OptRecord rec = new OptRecord(o.optId(), venId, o.optType(), o.reason(), o.marketContext(), o.eventId(),
                    o.modificationNumber(), o.resourceIds(), windows, clock.instant(), false);
            store.opts().save(rec);
            store.opts().trimCancelled(venId, maxOptsPerVen);
            if (store.opts().count(venId) > maxOptsPerVen) {
                LOG.warn("VEN {}: oadrCreateOpt {} refused, quota of {} active opts reached", venId, o.optId(),
                        maxOptsPerVen);
                throw new VtnException(org.openvtn.core.ErrorCode.NOT_ALLOWED, "optId", "opt quota of "
                        + maxOptsPerVen + " for this VEN reached; cancel opts first");
            }
            return rec;
        });
    }

    @Override
    public OptRecord cancelOpt(String venId, String optId) {
        return store.inTransaction(() -> {
            OptRecord o = store.opts().find(venId, optId).filter(x -> !x.cancelled())
                    .orElseThrow(() -> VtnException.invalidId("optId", "unknown optID " + optId));
            OptRecord c = o.asCancelled();
            store.opts().save(c);
            return c;
        });
    }

    @Override
    public List<OptRecord> optsFor(String venId) {
        return store.opts().listByVen(venId);
    }
}

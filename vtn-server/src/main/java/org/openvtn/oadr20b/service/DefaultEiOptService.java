package org.openvtn.oadr20b.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openvtn.core.AvailabilityWindow;
import org.openvtn.core.NewOpt;
import org.openvtn.core.OptRecord;
import org.openvtn.core.OptService;
import org.openvtn.core.OptType;
import org.openvtn.core.Registration;
import org.openvtn.core.RegistrationService;
import org.openvtn.core.VtnException;
import org.openvtn.schemas.oadr20b.OadrCancelOptType;
import org.openvtn.schemas.oadr20b.OadrCanceledOptType;
import org.openvtn.schemas.oadr20b.OadrCreateOptType;
import org.openvtn.schemas.oadr20b.OadrCreatedOptType;
import org.openvtn.schemas.oadr20b.xcal.AvailableType;

/** Default {@link EiOptService} over the core {@link OptService}. */
public final class DefaultEiOptService implements EiOptService {
    private final RegistrationService registrations;
    private final OptService opts;

    public DefaultEiOptService(RegistrationService registrations, OptService opts) {
        this.registrations = registrations;
        this.opts = opts;
    }

    @Override
    public OadrCreatedOptType createOpt(OadrCaller caller, OadrCreateOptType request) {
        Registration reg = registrations.authorize(caller.fingerprint(), request.getVenID());
        String eventId = request.getQualifiedEventID() == null ? null : request.getQualifiedEventID().getEventID();
        Long modification = request.getQualifiedEventID() == null ? null
                : request.getQualifiedEventID().getModificationNumber();
        List<String> resources = request.getEiTarget() == null ? List.of() : request.getEiTarget().getResourceID();
        List<AvailabilityWindow> windows = new ArrayList<>();
        if (request.getVavailability() != null && request.getVavailability().getComponents() != null) {
            List<AvailableType> available = request.getVavailability().getComponents().getAvailable();
            for (int i = 0; i < available.size(); i++) {
                String f = "vavailability.available[" + i + "]";
                AvailableType a = available.get(i);
                if (a.getProperties() == null || a.getProperties().getDtstart() == null) {
                    throw VtnException.invalidData(f, f + ": dtstart is required");
                }
                Instant start = OadrValues.instant(a.getProperties().getDtstart().getDateTime());
                Duration d = OadrValues.duration(a.getProperties().getDuration(), f + ".duration");
                if (d == null) {
                    throw VtnException.invalidData(f + ".duration", f + ": duration is required");
                }
                windows.add(new AvailabilityWindow(start, d));
            }
        }
        OptType type = OptType.parse(request.getOptType() == null ? null : request.getOptType().value());
        OptRecord rec = opts.createOpt(reg.participantId(), new NewOpt(request.getOptID(), type, request.getOptReason(),
                request.getMarketContext(), eventId, modification, resources, windows));
        OadrCreatedOptType r = new OadrCreatedOptType();
        r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        r.setEiResponse(OadrValues.ok(request.getRequestID()));
        r.setOptID(rec.optId());
        return r;
    }

    @Override
    public OadrCanceledOptType cancelOpt(OadrCaller caller, OadrCancelOptType request) {
        Registration reg = registrations.authorize(caller.fingerprint(), request.getVenID());
        OptRecord rec = opts.cancelOpt(reg.participantId(), request.getOptID());
        OadrCanceledOptType r = new OadrCanceledOptType();
        r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        r.setEiResponse(OadrValues.ok(request.getRequestID()));
        r.setOptID(rec.optId());
        return r;
    }
}

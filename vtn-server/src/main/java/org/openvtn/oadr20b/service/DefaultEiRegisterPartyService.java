package org.openvtn.oadr20b.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.function.Function;
import org.openvtn.certs.identity.LogSafe;
import org.openvtn.core.ErrorCode;
import org.openvtn.core.ParticipantId;
import org.openvtn.core.Protocol;
import org.openvtn.core.Registration;
import org.openvtn.core.RegistrationRequest;
import org.openvtn.core.RegistrationService;
import org.openvtn.core.VtnException;
import org.openvtn.schemas.oadr20b.OadrCancelPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCanceledPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreatePartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrQueryRegistrationType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.OadrTransportType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Default {@link EiRegisterPartyService} over the core {@link RegistrationService}. */
public final class DefaultEiRegisterPartyService implements EiRegisterPartyService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultEiRegisterPartyService.class);

    private final RegistrationService registrations;
    private final Function<String, String> pushHostRefusal;

    /** With every push host allowed. */
    public DefaultEiRegisterPartyService(RegistrationService registrations) {
        this(registrations, host -> null);
    }

    /**
     * @param pushHostRefusal the push host rule (push.allowedHosts): null when the oadrTransportAddress host is
     *                        allowed, else the reason
     */
    public DefaultEiRegisterPartyService(RegistrationService registrations, Function<String, String> pushHostRefusal) {
        this.registrations = registrations;
        this.pushHostRefusal = pushHostRefusal;
    }

    @Override
    public OadrCreatedPartyRegistrationType queryRegistration(OadrCaller caller, OadrQueryRegistrationType request) {
        Registration reg = registrations.query(caller.fingerprint()).orElse(null);
        return OadrMapping.createdPartyRegistration(OadrValues.ok(request.getRequestID()), registrations.vtnId(),
                reg);
    }

    @Override
    public OadrCreatedPartyRegistrationType createPartyRegistration(OadrCaller caller,
                                                                    OadrCreatePartyRegistrationType request) {
        if (request.getOadrProfileName() != null && !OadrMapping.PROFILE.equals(request.getOadrProfileName())) {
            throw new VtnException(org.openvtn.core.ErrorCode.COMPLIANCE_ERROR, "oadrProfileName",
                    "profile " + request.getOadrProfileName() + " is not offered; this VTN speaks 2.0b");
        }
        if (request.getOadrTransportName() == OadrTransportType.XMPP) {
            throw new VtnException(org.openvtn.core.ErrorCode.COMPLIANCE_ERROR, "oadrTransportName",
                    "transport xmpp is not offered; use simpleHttp");
        }
        boolean pull = request.isOadrHttpPullModel() == null || request.isOadrHttpPullModel();
        if (!pull) {
            checkTransportAddress(caller, request.getOadrTransportAddress());
            // delivered by the push dispatcher (org.openvtn.oadr20b.push, issue #14) to oadrTransportAddress
            LOG.info("VEN {} registers for push delivery to {}", LogSafe.text(caller.subject()),
                    LogSafe.text(request.getOadrTransportAddress()));
        }
        String venId = blankToNull(request.getVenID());
        if (venId != null) {
            checkClaimedVenId(caller, venId);
        }
        RegistrationRequest req = new RegistrationRequest(caller.fingerprint(), venId,
                blankToNull(request.getRegistrationID()), request.getOadrVenName(), Protocol.OADR20B,
                new Registration.OadrTerms(request.getOadrTransportName() == null ? "simpleHttp"
                        : request.getOadrTransportName().value(), request.getOadrTransportAddress(), pull,
                        request.isOadrReportOnly(), request.isOadrXmlSignature()), null);
        Registration reg = registrations.register(req);
        return OadrMapping.createdPartyRegistration(OadrValues.ok(request.getRequestID()), registrations.vtnId(),
                reg);
    }

    /**
     * Issue #14 item 4: a push registration (oadrHttpPullModel=false) must give an oadrTransportAddress the VTN can
     * push to: an absolute https URL with a host (else 454 invalid data), whose host the push host rule allows (else
     * 451 not allowed). Nothing is stored on a refusal.
     */
    private void checkTransportAddress(OadrCaller caller, String address) {
        String problem = null;
        URI uri = null;
        if (address == null || address.isBlank()) {
            problem = "oadrTransportAddress is required when oadrHttpPullModel is false";
        } else {
            try {
                uri = new URI(address.strip());
                if (!uri.isAbsolute() || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
                        || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    problem = "oadrTransportAddress must be an absolute https URL (https://host[:port][/path])";
                }
            } catch (URISyntaxException e) {
                problem = "oadrTransportAddress is not a URL: " + e.getReason();
            }
        }
        if (problem != null) {
            LOG.warn("OpenADR push registration of {} [{}] refused (454): {}: {}", LogSafe.text(caller.subject()),
                    caller.fingerprint(), problem, LogSafe.text(address));
            throw new VtnException(ErrorCode.INVALID_DATA, "oadrTransportAddress", problem);
        }
        String refusal = pushHostRefusal.apply(uri.getHost());
        if (refusal != null) {
            String why = refusal.replace("notificationURI", "oadrTransportAddress");
            LOG.warn("OpenADR push registration of {} [{}] refused (451): {} (push.allowedHosts)",
                    LogSafe.text(caller.subject()), caller.fingerprint(), LogSafe.text(why));
            throw new VtnException(ErrorCode.NOT_ALLOWED, "oadrTransportAddress", why);
        }
    }

    /**
     * Issue #12 item 4: a venID sent by the VEN must be well formed (1-128 of {@code [A-Za-z0-9._:-]}, no
     * {@code ..}, not an LFDI) and be the one the VTN assigned to this certificate; else 452.
     */
    private void checkClaimedVenId(OadrCaller caller, String venId) {
        try {
            ParticipantId.checkVenId(venId);
        } catch (VtnException e) {
            LOG.warn("OpenADR registration of {} [{}] refused (452): malformed venID ({})",
                    LogSafe.text(caller.subject()), caller.fingerprint(), LogSafe.text(e.getMessage()));
            throw e;
        }
        String assigned = registrations.assignedVenId(caller.fingerprint());
        if (!assigned.equals(venId)) {
            LOG.warn("OpenADR registration of {} [{}] refused (452): it claims venID {}, the VTN assigned {}",
                    LogSafe.text(caller.subject()), caller.fingerprint(), LogSafe.text(venId), assigned);
            throw VtnException.invalidId("venID", "venID " + venId + " is not the venID this VTN assigned to "
                    + "the certificate; omit it on a first registration");
        }
    }

    @Override
    public OadrCanceledPartyRegistrationType cancelPartyRegistration(OadrCaller caller,
                                                                     OadrCancelPartyRegistrationType request) {
        Optional<Registration> current = registrations.query(caller.fingerprint());
        if (current.isPresent() && request.getVenID() != null
                && !request.getVenID().equals(current.get().participantId())) {
            throw VtnException.invalidId("venID", "venID " + request.getVenID() + " does not belong to the caller");
        }
        Registration cancelled = registrations.cancelByParty(caller.fingerprint(), request.getRegistrationID());
        OadrCanceledPartyRegistrationType r = new OadrCanceledPartyRegistrationType();
        r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        r.setEiResponse(OadrValues.ok(request.getRequestID()));
        r.setRegistrationID(cancelled.registrationId());
        r.setVenID(cancelled.participantId());
        return r;
    }

    @Override
    public OadrResponseType canceledPartyRegistration(OadrCaller caller, OadrCanceledPartyRegistrationType request) {
        Registration reg = own(caller, request.getVenID());
        LOG.info("VEN {} confirmed the cancellation of registration {} (code {})", reg.participantId(),
                request.getRegistrationID(), request.getEiResponse().getResponseCode());
        return OadrMapping.response(OadrValues.ok(request.getEiResponse().getRequestID()), reg.participantId());
    }

    @Override
    public OadrResponseType response(OadrCaller caller, OadrResponseType request) {
        Registration reg = own(caller, request.getVenID());
        return OadrMapping.response(OadrValues.ok(request.getEiResponse().getRequestID()), reg.participantId());
    }

    /** The caller's registration, active or not (a VEN answers a VTN cancel after it took effect). */
    private Registration own(OadrCaller caller, String venId) {
        Optional<Registration> reg = registrations.query(caller.fingerprint());
        if (reg.isEmpty() && venId != null) {
            reg = registrations.byVenId(venId).filter(r -> r.fingerprint().equals(caller.fingerprint()));
        }
        Registration r = reg.orElseThrow(() -> new VtnException(
                org.openvtn.core.ErrorCode.NOT_REGISTERED_OR_AUTHORIZED, "venID", "the caller is not registered"));
        if (venId != null && !venId.equals(r.participantId())) {
            throw VtnException.invalidId("venID", "venID " + venId + " does not belong to the caller");
        }
        return r;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

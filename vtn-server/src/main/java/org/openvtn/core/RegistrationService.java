package org.openvtn.core;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The party registry (OpenADR 2.0b 8.6 EiRegisterParty; IEEE 2030.5 EndDevice registration later).
 * Protocol-neutral: adapters pass the normalised certificate fingerprint as identity.
 */
public interface RegistrationService {

    /** @return the VTN ID (oadrQueryRegistration / oadrCreatedPartyRegistration {@code ei:vtnID}) */
    String vtnId();

    /** @return the poll frequency offered to VENs that do not ask for one (oadrRequestedOadrPollFreq) */
    Duration defaultPollFreq();

    /**
     * oadrQueryRegistration: is the caller registered?
     *
     * @param fingerprint caller identity
     * @return the active registration, or empty
     */
    Optional<Registration> query(String fingerprint);

    /**
     * The venID the VTN assigns to a certificate (issue #12 item 4): the venID of its registration, active or
     * cancelled, else its fingerprint. A VEN may only ever send this venID.
     *
     * @param fingerprint normalised certificate fingerprint
     */
    String assignedVenId(String fingerprint);

    /**
     * oadrCreatePartyRegistration, new or re-registration. A new registration gets a fresh
     * registrationId and discards the VEN's previous opt and report state (capabilities and report
     * requests), per OpenADR 2.0b conformance N1_0060/N1_0065; pending poll items are dropped and an
     * EVENTS_CHANGED item is queued so the VEN fetches its events.
     *
     * @param request decoded request
     * @return the new registration
     * @throws VtnException 452 when the request carries a registrationId/venId that does not belong
     *                      to the caller
     */
    Registration register(RegistrationRequest request);

    /**
     * The operator's bulk pre-registration (issue #19): VENs known by certificate fingerprint get, in one transaction,
     * the records their own oadrCreatePartyRegistration would make (pull model, simpleHttp, the VTN's poll frequency,
     * an EVENTS_CHANGED item for the first poll), so their first oadrQueryRegistration or oadrPoll finds them
     * registered. A VEN already actively registered under the requested venID is left unchanged.
     *
     * @param requests one per VEN: fingerprint, venID (null: the fingerprint, as for a first registration), name
     * @return one entry per request, in order
     * @throws VtnException 452 when a venID is malformed or belongs to another certificate; nothing is stored
     */
    List<Preregistered> preregister(List<RegistrationRequest> requests);

    /**
     * One VEN of {@link #preregister}.
     *
     * @param registration its active registration
     * @param created      false when it was already registered under that venID
     */
    record Preregistered(Registration registration, boolean created) {
    }

    /**
     * VEN-initiated oadrCancelPartyRegistration.
     *
     * @param fingerprint    caller
     * @param registrationId registrationID in the request
     * @return the cancelled registration
     * @throws VtnException 452 for an unknown registrationID or one that is not the caller's
     */
    Registration cancelByParty(String fingerprint, String registrationId);

    /**
     * Resolves and checks the caller for every non-registration service call.
     *
     * @param fingerprint  caller identity
     * @param claimedVenId venID carried in the payload (may be null to skip the check)
     * @return the active registration
     * @throws VtnException 463 when not registered; 452 when claimedVenId is not the caller's
     *                      (OpenADR conformance E1_1080)
     */
    Registration authorize(String fingerprint, String claimedVenId);

    /**
     * VTN-initiated deregistration: marks the registration inactive and queues
     * REGISTRATION_CANCELLED for the VEN's next poll.
     *
     * @param venId VEN
     * @return the cancelled registration
     * @throws VtnException 452 when unknown
     */
    Registration deregister(String venId);

    /**
     * VTN asks the VEN to re-register (oadrRequestReregistration via the poll queue).
     *
     * @param venId VEN
     * @throws VtnException 452 when unknown or inactive
     */
    void requestReregistration(String venId);

    /** @return the registration (active or not) of a VEN */
    Optional<Registration> byVenId(String venId);

    /** @return all registrations, active or not */
    List<Registration> list();

    /**
     * Sets the targeting membership of a VEN (partyID, groupIDs, resourceIDs).
     *
     * @return the updated registration
     * @throws VtnException 452 when unknown
     */
    Registration updateMembership(String venId, String partyId, Collection<String> groupIds,
                                  Collection<String> resourceIds);

    /**
     * @return when each VEN that has one last made an authorised request ({@link #authorize}), by VEN ID; recorded at
     *         most once per {@code contactInterval} per VEN and node, so up to that much old (issue #19)
     */
    default java.util.Map<String, java.time.Instant> lastContacts() {
        return java.util.Map.of();
    }

    /** @return when the VEN last made an authorised request, as {@link #lastContacts()} */
    default java.util.Optional<java.time.Instant> lastContact(String venId) {
        return java.util.Optional.ofNullable(lastContacts().get(venId));
    }
}

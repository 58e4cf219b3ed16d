package org.openvtn.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A participant registered with the VTN: an OpenADR VEN (EiRegisterParty, OpenADR 2.0b 8.6) or later an
 * IEEE 2030.5 end device. The identity is the client-certificate {@code fingerprint} (normalised by
 * the adapter); {@code participantId} is stable across re-registrations, {@code registrationId} changes on
 * every new registration. What only OpenADR 2.0b registers (transport, push address, pull model, reportOnly,
 * xmlSignature) is the separate {@link OadrTerms}, null for other protocols.
 *
 * @param registrationId current registration ID (null would mean never registered; not stored)
 * @param participantId  participant ID in the one participant namespace (the OpenADR venID; the 2030.5 LFDI)
 * @param name           human-readable name (oadrVenName), may be null
 * @param partyId        party ID used for partyID targeting, may be null
 * @param fingerprint    normalised certificate fingerprint (the identity)
 * @param protocol       the protocol the participant speaks
 * @param oadr           OpenADR 2.0b registration terms; required for {@link Protocol#OADR20B}, else null
 * @param pollFreq       requested poll frequency
 * @param groupIds       groups for groupID targeting
 * @param resourceIds    resources for resourceID targeting
 * @param registeredAt   when the current registration was created
 * @param active         false after a participant- or VTN-initiated cancel
 */
public record Registration(String registrationId, String participantId, String name, String partyId,
                           String fingerprint, Protocol protocol, OadrTerms oadr, Duration pollFreq,
                           Set<String> groupIds, Set<String> resourceIds, Instant registeredAt, boolean active) {

    /**
     * The terms of an OpenADR 2.0b registration (oadrCreatePartyRegistration, OpenADR 2.0b 8.6).
     *
     * @param transport        {@code simpleHttp} / {@code xmpp}
     * @param transportAddress address for push, may be null
     * @param httpPullModel    true when the VEN polls
     * @param reportOnly       oadrReportOnly
     * @param xmlSignature     oadrXmlSignature
     */
    public record OadrTerms(String transport, String transportAddress, boolean httpPullModel, boolean reportOnly,
                            boolean xmlSignature) {
        /** @return a pull-model simpleHttp registration (tests, simulators) */
        public static OadrTerms pull() {
            return new OadrTerms("simpleHttp", null, true, false, false);
        }
    }

    public Registration {
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(protocol, "protocol");
        if ((protocol == Protocol.OADR20B) != (oadr != null)) {
            throw new IllegalArgumentException("oadr: OpenADR 2.0b terms belong to, and only to, an OADR20B "
                    + "registration");
        }
        Objects.requireNonNull(pollFreq, "pollFreq");
        Objects.requireNonNull(registeredAt, "registeredAt");
        groupIds = sorted(groupIds);
        resourceIds = sorted(resourceIds);
    }

    /** @return true for an OpenADR VEN registered with the push exchange model (httpPullModel false) */
    public boolean pushes() {
        return oadr != null && !oadr.httpPullModel();
    }

    /** @return a copy with {@code active} changed */
    public Registration withActive(boolean newActive) {
        return new Registration(registrationId, participantId, name, partyId, fingerprint, protocol, oadr, pollFreq,
                groupIds, resourceIds, registeredAt, newActive);
    }

    /** @return a copy with new targeting membership */
    public Registration withMembership(String newPartyId, Collection<String> groups, Collection<String> resources) {
        return new Registration(registrationId, participantId, name, newPartyId, fingerprint, protocol, oadr, pollFreq,
                sorted(groups), sorted(resources), registeredAt, active);
    }

    private static Set<String> sorted(Collection<String> in) {
        return in == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(in));
    }
}

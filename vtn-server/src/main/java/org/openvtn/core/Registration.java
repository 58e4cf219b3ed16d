package org.openvtn.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A party registered with the VTN: an OpenADR VEN (EiRegisterParty, OpenADR 2.0b 8.6) or later an
 * IEEE 2030.5 end device. The identity is the client-certificate {@code fingerprint} (normalised by
 * the adapter); {@code venId} is stable across re-registrations, {@code registrationId} changes on
 * every new registration.
 *
 * @param registrationId current registration ID (null would mean never registered; not stored)
 * @param venId          VEN ID (or the 2030.5 LFDI for devices)
 * @param venName        human-readable name, may be null
 * @param partyId        party ID used for partyID targeting, may be null
 * @param fingerprint    normalised certificate fingerprint (the identity)
 * @param kind           {@code OADR20B} or {@code SEP2} (free text, set by the adapter)
 * @param transport      {@code simpleHttp} / {@code xmpp} / {@code https}
 * @param transportAddress address for push, may be null
 * @param httpPullModel  true when the VEN polls
 * @param reportOnly     OpenADR reportOnly flag
 * @param xmlSignature   OpenADR xmlSignature flag
 * @param pollFreq       requested poll frequency
 * @param groupIds       groups for groupID targeting
 * @param resourceIds    resources for resourceID targeting
 * @param registeredAt   when the current registration was created
 * @param active         false after a VEN- or VTN-initiated cancel
 */
public record Registration(String registrationId, String venId, String venName, String partyId, String fingerprint,
                           String kind, String transport, String transportAddress, boolean httpPullModel,
                           boolean reportOnly, boolean xmlSignature, Duration pollFreq, Set<String> groupIds,
                           Set<String> resourceIds, Instant registeredAt, boolean active) {

    public Registration {
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(venId, "venId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pollFreq, "pollFreq");
        Objects.requireNonNull(registeredAt, "registeredAt");
        groupIds = sorted(groupIds);
        resourceIds = sorted(resourceIds);
    }

    /** @return a copy with {@code active} changed */
    public Registration withActive(boolean newActive) {
        return new Registration(registrationId, venId, venName, partyId, fingerprint, kind, transport, transportAddress,
                httpPullModel, reportOnly, xmlSignature, pollFreq, groupIds, resourceIds, registeredAt, newActive);
    }

    /** @return a copy with new targeting membership */
    public Registration withMembership(String newPartyId, Collection<String> groups, Collection<String> resources) {
        return new Registration(registrationId, venId, venName, newPartyId, fingerprint, kind, transport,
                transportAddress, httpPullModel, reportOnly, xmlSignature, pollFreq, sorted(groups),
                sorted(resources), registeredAt, active);
    }

    private static Set<String> sorted(Collection<String> in) {
        return in == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(in));
    }
}

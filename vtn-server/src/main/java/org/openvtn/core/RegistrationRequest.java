package org.openvtn.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A create-registration request as decoded by an adapter (OpenADR 2.0b oadrCreatePartyRegistration).
 *
 * @param fingerprint      normalised certificate fingerprint of the caller (the identity), required
 * @param venId            venID carried in the request, may be null (the VTN assigns one)
 * @param registrationId   registrationID carried in the request (re-registration), may be null
 * @param venName          oadrVenName, may be null
 * @param kind             {@code OADR20B} / {@code SEP2}
 * @param transport        {@code simpleHttp} / {@code xmpp}
 * @param transportAddress push address, may be null
 * @param httpPullModel    true when the VEN polls
 * @param reportOnly       oadrReportOnly
 * @param xmlSignature     oadrXmlSignature
 * @param pollFreq         requested poll frequency, null = VTN default
 */
public record RegistrationRequest(String fingerprint, String venId, String registrationId, String venName, String kind,
                                  String transport, String transportAddress, boolean httpPullModel,
                                  boolean reportOnly, boolean xmlSignature, Duration pollFreq) {
    public RegistrationRequest {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (fingerprint.isBlank()) {
            throw VtnException.invalidData("fingerprint", "fingerprint is required");
        }
        kind = kind == null ? "OADR20B" : kind;
    }

    /** @return a minimal pull-model OpenADR 2.0b request (tests, simulators) */
    public static RegistrationRequest simple(String fingerprint, String venId, String venName) {
        return new RegistrationRequest(fingerprint, venId, null, venName, "OADR20B", "simpleHttp", null, true, false,
                false, null);
    }

    /** @return a copy carrying a registrationId (re-registration) */
    public RegistrationRequest withRegistrationId(String id) {
        return new RegistrationRequest(fingerprint, venId, id, venName, kind, transport, transportAddress,
                httpPullModel, reportOnly, xmlSignature, pollFreq);
    }
}

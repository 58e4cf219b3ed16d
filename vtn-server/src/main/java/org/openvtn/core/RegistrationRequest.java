package org.openvtn.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A create-registration request as decoded by an adapter (OpenADR 2.0b oadrCreatePartyRegistration).
 *
 * @param fingerprint    normalised certificate fingerprint of the caller (the identity), required
 * @param participantId  participant ID carried in the request (the venID), may be null (the VTN assigns one)
 * @param registrationId registrationID carried in the request (re-registration), may be null
 * @param name           oadrVenName, may be null
 * @param protocol       the protocol the caller speaks (default {@link Protocol#OADR20B})
 * @param oadr           OpenADR 2.0b terms; required for {@link Protocol#OADR20B} (default: pull, simpleHttp)
 * @param pollFreq       requested poll frequency, null = VTN default
 */
public record RegistrationRequest(String fingerprint, String participantId, String registrationId, String name,
                                  Protocol protocol, Registration.OadrTerms oadr, Duration pollFreq) {
    public RegistrationRequest {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (fingerprint.isBlank()) {
            throw VtnException.invalidData("fingerprint", "fingerprint is required");
        }
        protocol = protocol == null ? Protocol.OADR20B : protocol;
        if (protocol == Protocol.OADR20B && oadr == null) {
            oadr = Registration.OadrTerms.pull();
        }
    }

    /** @return a minimal pull-model OpenADR 2.0b request (tests, simulators) */
    public static RegistrationRequest simple(String fingerprint, String venId, String venName) {
        return new RegistrationRequest(fingerprint, venId, null, venName, Protocol.OADR20B,
                Registration.OadrTerms.pull(), null);
    }

    /** @return a copy carrying a registrationId (re-registration) */
    public RegistrationRequest withRegistrationId(String id) {
        return new RegistrationRequest(fingerprint, participantId, id, name, protocol, oadr, pollFreq);
    }
}

package org.openvtn.ven;

import java.time.Duration;
import java.util.Objects;

/**
 * The VEN's registration with a VTN (oadrCreatedPartyRegistration, OpenADR 2.0b profile §8.4).
 *
 * @param vtnUrl         the VTN base URL this registration belongs to
 * @param venId          the venID the VTN assigned
 * @param registrationId the registrationID
 * @param vtnId          the VTN's vtnID
 * @param pollFrequency  the VTN's oadrRequestedOadrPollFreq, or null when it sent none
 */
public record RegistrationInfo(String vtnUrl, String venId, String registrationId, String vtnId, Duration pollFrequency) {
    public RegistrationInfo {
        Objects.requireNonNull(vtnUrl, "vtnUrl");
        Objects.requireNonNull(venId, "venId");
        Objects.requireNonNull(registrationId, "registrationId");
    }
}

package org.openvtn.cli;

import java.time.Duration;
import java.util.List;

/** The {@code sep} section of the {@code openvtn serve} YAML: the IEEE 2030.5 listener (docs/ieee-2030.5.md). */
final class SepYaml {

    private SepYaml() {
    }

    /**
     * {@code sep}; {@code csipAus: true} binds CSIP-AUS 1.3 (docs/ieee-2030.5.md, "CSIP-AUS");
     * {@code inBandRegistration: false} refuses EndDevice POSTs for devices the operator did not provision (CSIP-AUS
     * S-OPT-01).
     */
    record Sep(String host, Integer port, String keyStore, String keyStorePassword, String keyStorePasswordFile,
               String trustAnchors, String crl, Integer maxChainDepth, Long pen, Long pollRate, Integer primacy,
               String zone, Integer maxBodyBytes, Boolean validateResponses, List<String> allowedNotificationHosts,
               String enrolment, ServeYaml.Revocation revocation, ServeYaml.TlsSession tlsSession,
               ServeYaml.Limits limits, Boolean csipAus, Duration notificationLease, Integer dersPerEndDevice,
               DnsSd dnsSd, Boolean inBandRegistration, Duration eventRetention)
            implements ServeYaml.TlsListener {
    }

    /**
     * {@code sep.dnsSd}: DNS-SD over multicast DNS advertisement of {@code _smartenergy._tcp} (IEEE 2030.5-2018 §6.5,
     * CSIP COMM-001); {@code enabled} defaults to false, {@code address} to {@code sep.host}.
     */
    record DnsSd(Boolean enabled, String instance, String address) {
    }
}

package org.openvtn.cli;

import java.time.Duration;
import java.util.List;

/** The {@code oadr} section of the {@code openvtn serve} YAML: the OpenADR 2.0b listener (docs/configuration.md). */
final class OadrYaml {

    private OadrYaml() {
    }

    /** {@code oadr}. */
    record Oadr(String host, Integer port, String basePath, Duration pollFreq, Duration nearWindow,
                Integer maxBodyBytes, Boolean strictTls, String keyStore, String keyStorePassword,
                String keyStorePasswordFile, String trustAnchors, String crl, Integer maxChainDepth,
                Boolean requireSignatures, Boolean signResponses, Duration signatureReplayWindow, String enrolment,
                ServeYaml.Revocation revocation, ServeYaml.TlsSession tlsSession, ServeYaml.Limits limits, Push push)
            implements ServeYaml.TlsListener {
    }

    /** {@code oadr.push} (issue #14): pushes to VENs registered with oadrHttpPullModel=false. */
    record Push(Duration connectTimeout, Duration handshakeTimeout, Duration requestTimeout, Integer maxAttempts,
                Duration initialBackoff, Duration maxBackoff, Integer concurrency, String urlForm, Boolean detectUrlForm,
                List<String> allowedHosts, Duration lease) {
    }
}

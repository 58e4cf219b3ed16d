package org.openvtn.ven;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

import io.netty.handler.ssl.SslContext;
import org.openvtn.schemas.dsig.OadrSignatureVerifier;
import org.openvtn.schemas.dsig.OadrSigner;

/** The validated settings of one client (built by {@link VenClient.Builder}). */
record VenSettings(String vtnUrl, URI uri, String venName, SslContext ssl, Duration pollInterval,
                   boolean honourVtnPollFrequency, List<ReportCapability> capabilities, Clock clock,
                   VenListener listener, OptPolicy optPolicy, RegistrationStore store, RetryPolicy retry,
                   Duration connectTimeout, Duration readTimeout, Set<String> supportedSignals,
                   TelemetrySource telemetry, boolean reportOnly, RandomGenerator random, int maxMessageBytes,
                   OadrSigner signer, OadrSignatureVerifier verifier, boolean requireVtnSignatures,
                   java.security.cert.X509Certificate vtnSigningCertificate, PushSettings push) {
}

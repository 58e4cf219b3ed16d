package org.openvtn.cli;

import java.time.Duration;
import java.util.Set;

/**
 * The {@code openvtn serve} YAML as written (docs/configuration.md), one record per section; {@link ServeConfigFile}
 * maps it onto the builder configs. A key absent from the file is null here and takes the builder's default.
 * Adding a key: a component here (or in {@link OadrYaml} / {@link SepYaml}), its mapping in ServeConfigFile, and
 * docs/configuration.md.
 */
final class ServeYaml {

    /** Records that are sections: a section written with no value is the section with all its defaults. */
    static final Set<Class<?>> SECTIONS = Set.of(Root.class, OadrYaml.Oadr.class, OadrYaml.Push.class, Admin.class,
            SepYaml.Sep.class, StoreLimits.class, Revocation.class, TlsSession.class, Limits.class,
            Database.class, Oadr3.class, Oadr3Webhooks.class, Logging.class);

    private ServeYaml() {
    }

    /** The whole file. */
    record Root(String dataDir, String vtnId, OadrYaml.Oadr oadr, Admin admin, SepYaml.Sep sep, StoreLimits limits,
                Database database, Oadr3 oadr3, Logging logging) {
        static final Root EMPTY = new Root(null, null, null, null, null, null, null, null, null);
    }

    /** {@code logging}: {@code format: plain} (default) or {@code json}, one JSON object per line (issue #19). */
    record Logging(String format) {
    }

    /** {@code database}: PostgreSQL instead of the embedded Derby database in {@code dataDir} (issue #19). */
    record Database(String url, String user, String passwordFile, Integer maxPoolSize) {
    }

    /**
     * {@code oadr3}: the OpenADR 3.1 REST listener (issue #20, docs/openadr-3.md). It serves the {@code oadr}
     * listener's certificate; clients authenticate with OAuth2 bearer tokens (client certificates too with
     * {@code mutualTls: true}).
     */
    record Oadr3(String host, Integer port, String basePath, Boolean mutualTls, Duration tokenLifetime,
                 Integer maxBodyBytes, Oadr3Webhooks webhooks, Oadr3Mqtt mqtt, Oadr3Auth auth) {
    }

    /**
     * {@code oadr3.auth}: {@code mode: builtin} (default: this VTN's token endpoint) or {@code mode: external} (tokens
     * of an external authorization server: issuer, audience, jwksUrl, tokenUrl required; docs/openadr-3.md).
     */
    record Oadr3Auth(String mode, String issuer, String audience, String jwksUrl, String tokenUrl, String roleClaim,
                     String blRole, String venRole, String clientIdClaim, String trustAnchors, Duration clockSkew,
                     Duration jwksMinRefresh) {
    }

    /**
     * {@code oadr3.webhooks}: delivery of 3.1 webhook notifications. {@code trustAnchors}: PEM file of the CAs
     * callbacks must chain to (absent = the JDK's trust store).
     */
    record Oadr3Webhooks(String trustAnchors, Duration timeout, Integer maxAttempts, Duration initialBackoff,
                         Duration maxBackoff, Boolean allowPrivateAddresses) {
    }

    /** {@code oadr3.mqtt}: the MQTT notifier's external broker (absent = no MQTT notifier). */
    record Oadr3Mqtt(String url, java.util.List<String> advertisedUris, String clientId, String username,
                     String passwordFile, String topicPrefix, Integer qos, String keyStore,
                     String keyStorePasswordFile) {
    }

    /** {@code admin}: the operator API listener. */
    record Admin(String host, Integer port, String tokenFile, String keyStore, String keyStorePassword,
                 String keyStorePasswordFile, Limits limits, Boolean metricsWithoutToken) {
    }

    /** Top-level {@code limits}: poll redelivery and per-participant storage quotas (issue #12 items 6, 8). */
    record StoreLimits(Duration pollRedeliveryAfter, Integer pollMaxDeliveries, Integer maxEventResponsesPerVen,
                       Integer maxOptsPerVen, Long maxTelemetryPerVen, Integer maxLogEventsPerDevice,
                       Integer maxResponsesPerDevice, Integer maxReadingSetsPerReading, Integer maxMirrorsPerDevice) {
    }

    /** {@code <listener>.revocation} (issue #12 item 1). */
    record Revocation(Duration crlReloadInterval, Boolean crlDistributionPoints, Boolean softFail,
                      Duration crlFetchTimeout, Boolean ocsp, Boolean ocspOnlyEndEntity) {
    }

    /** {@code <listener>.tlsSession} (issue #12 item 2). */
    record TlsSession(Duration timeout, Integer cacheSize) {
    }

    /** {@code <listener>.limits} (issue #12 item 9). */
    record Limits(Integer requestHeaderBytes, Duration idleTimeout, Long minRequestDataRate, Integer maxThreads,
                  Integer maxConnections, Integer maxHandshakes) {
    }

    /** The key material and trust of a TLS listener, shared by the oadr and sep sections. */
    interface TlsListener {
        String keyStore();

        String keyStorePassword();

        String keyStorePasswordFile();

        String trustAnchors();

        String crl();

        Integer maxChainDepth();

        Revocation revocation();

        TlsSession tlsSession();

        String enrolment();

        Limits limits();
    }
}

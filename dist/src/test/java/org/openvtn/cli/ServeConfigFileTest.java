package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.pki.PkiGenerator;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.sep.Time;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.server.VtnConfig;
import picocli.CommandLine;

/** The production configuration file: accepted when complete, refused with the key named when not. */
class ServeConfigFileTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void pki() throws Exception {
        new PkiGenerator(PkiGenerator.Options.builder().ecVens(0).rsaVens(0).devices(1).build()).generate(dir.resolve("pki"));
        Files.writeString(dir.resolve("p12.pass"), PkiGenerator.DEFAULT_PASSWORD + "\n");
    }

    private static Path write(String name, String yaml) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    private static final String GOOD = """
            dataDir: data
            vtnId: UTILITY-VTN
            oadr:
              host: 127.0.0.1
              port: 0
              pollFreq: PT30S
              keyStore: pki/vtn/vtn.p12
              keyStorePasswordFile: p12.pass
              trustAnchors: pki/ca.crt
              crl: pki/ca/oadr-intermediate.crl
            admin:
              port: 0
            """;

    @Test
    void aCompleteFileBuildsTheConfig() throws Exception {
        VtnConfig c = ServeConfigFile.load(write("good.yaml", GOOD)).vtn();
        assertNull(ServeConfigFile.load(write("good.yaml", GOOD)).sep(), "no sep section, no 2030.5 listener");
        assertEquals("UTILITY-VTN", c.vtnId());
        assertEquals(Duration.ofSeconds(30), c.pollFreq());
        assertEquals(dir.resolve("data").toAbsolutePath().normalize(), c.dataDir());
        assertTrue(c.admin() != null && c.admin().token().length() >= 16);
    }

    /** Issue #20: the oadr3 section adds the OpenADR 3.1 listener with the oadr listener's certificate. */
    @Test
    void oadr3SectionIsRead() throws Exception {
        assertNull(ServeConfigFile.load(write("no3.yaml", GOOD)).vtn().oadr3(), "no oadr3 section, no 3.1 listener");
        VtnConfig c = ServeConfigFile.load(write("oadr3.yaml", GOOD + """
                oadr3:
                  port: 9445
                  mutualTls: true
                  tokenLifetime: PT10M
                """)).vtn();
        assertEquals(9445, c.oadr3().port());
        assertTrue(c.oadr3().mutualTls());
        assertEquals(Duration.ofMinutes(10), c.oadr3().tokenLifetime());
        assertEquals(c.tls(), c.oadr3().tls());
        ServeConfigFile.ConfigException bad = org.junit.jupiter.api.Assertions.assertThrows(
                ServeConfigFile.ConfigException.class,
                () -> ServeConfigFile.load(write("bad3.yaml", GOOD + "oadr3:\n  basePath: no-slash\n")));
        assertTrue(bad.getMessage().contains("oadr3.basePath"), bad.getMessage());
    }

    /**
     * Issue #20: oadr3.auth mode external validates tokens of an external authorization server; a missing issuer or a
     * non-https jwksUrl names its key; mode builtin (or no auth) keeps the built-in token endpoint.
     */
    @Test
    void oadr3ExternalAuthIsRead() throws Exception {
        VtnConfig c = ServeConfigFile.load(write("idp.yaml", GOOD + """
                oadr3:
                  auth:
                    mode: external
                    issuer: https://idp.example/realms/dr
                    audience: openvtn
                    jwksUrl: https://idp.example/realms/dr/certs
                    tokenUrl: https://idp.example/realms/dr/token
                    roleClaim: roles
                    clientIdClaim: azp
                    trustAnchors: pki/ca.crt
                    clockSkew: PT30S
                """)).vtn();
        var a = c.oadr3().externalAuth();
        assertEquals("https://idp.example/realms/dr", a.issuer());
        assertEquals("roles", a.roleClaim());
        assertEquals("azp", a.clientIdClaim());
        assertEquals("BL", a.blRole());
        assertEquals(Duration.ofSeconds(30), a.clockSkew());
        assertTrue(!a.trustAnchors().isEmpty());
        assertNull(ServeConfigFile.load(write("builtin.yaml", GOOD + "oadr3:\n  auth:\n    mode: builtin\n")).vtn()
                .oadr3().externalAuth());
        ServeConfigFile.ConfigException noIssuer = org.junit.jupiter.api.Assertions.assertThrows(
                ServeConfigFile.ConfigException.class, () -> ServeConfigFile.load(write("idp-bad.yaml", GOOD + """
                        oadr3:
                          auth: {mode: external, audience: a, jwksUrl: "https://x/j", tokenUrl: "https://x/t"}
                        """)));
        assertTrue(noIssuer.getMessage().contains("oadr3.auth.issuer"), noIssuer.getMessage());
        ServeConfigFile.ConfigException http = org.junit.jupiter.api.Assertions.assertThrows(
                ServeConfigFile.ConfigException.class, () -> ServeConfigFile.load(write("idp-http.yaml", GOOD + """
                        oadr3:
                          auth: {mode: external, issuer: i, audience: a, jwksUrl: "http://x/j", tokenUrl: "https://x/t"}
                        """)));
        assertTrue(http.getMessage().contains("oadr3.auth.jwksUrl"), http.getMessage());
    }

    /** Issue #20: oadr3.webhooks and oadr3.mqtt configure the 3.1 notifiers; a bad MQTT URL names its key. */
    @Test
    void oadr3NotifiersAreRead() throws Exception {
        VtnConfig c = ServeConfigFile.load(write("notifiers.yaml", GOOD + """
                oadr3:
                  webhooks:
                    timeout: PT20S
                    maxAttempts: 3
                  mqtt:
                    url: tcp://127.0.0.1:1883
                    advertisedUris: [mqtts://broker.example:8883]
                    topicPrefix: openadr/
                """)).vtn();
        var n = c.oadr3().notifiers();
        assertTrue(!n.allowPrivateCallbacks(), "private callback addresses are refused by default");
        assertNull(n.mqtt().keyStore());
        for (String[] f : new String[][] {{"mqtt.pass", "broker-secret"}, {"mqtt-key.pass",
                PkiGenerator.DEFAULT_PASSWORD}}) { // secrets: owner-only files, or the YAML is refused
            Path secret = write(f[0], f[1] + "\n");
            Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        var tls = ServeConfigFile.load(write("mqtttls.yaml", GOOD + """
                oadr3:
                  webhooks: {allowPrivateAddresses: true}
                  mqtt:
                    url: ssl://127.0.0.1:8883
                    username: openvtn
                    passwordFile: mqtt.pass
                    keyStore: pki/vtn/vtn.p12
                    keyStorePasswordFile: mqtt-key.pass
                """)).vtn().oadr3().notifiers();
        assertTrue(tls.allowPrivateCallbacks());
        assertEquals("openvtn", tls.mqtt().username());
        assertTrue(tls.mqtt().keyStore().aliases().hasMoreElements(), "the VTN's client key for the broker");
        assertEquals("broker-secret", tls.mqtt().password());
        assertTrue(!tls.mqtt().toString().contains("broker-secret"), "no secret in toString");
        assertEquals(Duration.ofSeconds(20), n.timeout());
        assertEquals(3, n.maxAttempts());
        assertEquals("tcp://127.0.0.1:1883", n.mqtt().url());
        assertEquals(java.util.List.of("mqtts://broker.example:8883"), n.mqtt().advertisedUris());
        assertEquals("openadr/", n.mqtt().topicPrefix());
        assertNull(ServeConfigFile.load(write("nomqtt.yaml", GOOD + "oadr3:\n  port: 9446\n")).vtn().oadr3().notifiers().mqtt());
        ServeConfigFile.ConfigException bad = org.junit.jupiter.api.Assertions.assertThrows(
                ServeConfigFile.ConfigException.class,
                () -> ServeConfigFile.load(write("badmqtt.yaml", GOOD + "oadr3:\n  mqtt:\n    url: http://x\n")));
        assertTrue(bad.getMessage().contains("oadr3.mqtt.url"), bad.getMessage());
    }

    /** Issue #12 items 6 and 8: the limits section sets poll redelivery and per-participant quotas. */
    @Test
    void limitsAreRead() throws Exception {
        VtnConfig c = ServeConfigFile.load(write("limits.yaml", GOOD + """
                limits:
                  pollRedeliveryAfter: PT1M
                  pollMaxDeliveries: 5
                  maxEventResponsesPerVen: 50
                  maxOptsPerVen: 20
                  maxTelemetryPerVen: 5000000000
                  maxLogEventsPerDevice: 100
                  maxResponsesPerDevice: 200
                  maxReadingSetsPerReading: 300
                  maxMirrorsPerDevice: 7
                """)).vtn();
        assertEquals(Duration.ofMinutes(1), c.storeLimits().pollRedeliveryAfter());
        assertEquals(5, c.storeLimits().pollMaxDeliveries());
        assertEquals(50, c.storeLimits().maxEventResponsesPerVen());
        assertEquals(20, c.storeLimits().maxOptsPerVen());
        assertEquals(5_000_000_000L, c.storeLimits().maxTelemetryPerVen());
        assertEquals(100, c.storeLimits().maxLogEventsPerDevice());
        assertEquals(200, c.storeLimits().maxResponsesPerDevice());
        assertEquals(300, c.storeLimits().maxReadingSetsPerReading());
        assertEquals(7, c.storeLimits().maxMirrorsPerDevice());
        assertEquals(org.openvtn.core.service.StoreLimits.DEFAULT,
                ServeConfigFile.load(write("good.yaml", GOOD)).vtn().storeLimits(), "secure defaults when absent");
    }

    /** XML signature settings (docs/openadr-20b.md): signing keys come from oadr.keyStore (RSA + ECC). */
    @Test
    void signatureSettingsAreRead() throws Exception {
        VtnConfig c = ServeConfigFile.load(write("signed.yaml", GOOD.replace("  crl: pki", "  requireSignatures: true\n"
                + "  signResponses: true\n  signatureReplayWindow: PT2M\n  crl: pki"))).vtn();
        assertTrue(c.signatures().requireSignatures());
        assertTrue(c.signatures().signResponses());
        assertEquals(Duration.ofMinutes(2), c.signatures().replayWindow());
        assertEquals(2, c.signatures().signingKeys().size());
        assertEquals(false, ServeConfigFile.load(write("unsigned.yaml", GOOD)).vtn().signatures().requireSignatures());
    }

    /**
     * Issue #12 items 1, 2 and 9: per listener revocation options, TLS session bounds and listener limits are read;
     * defaults are secure (CRL distribution points off, fail closed, 5 minute sessions, limits on).
     */
    @Test
    void revocationSessionAndLimitSettingsAreRead() throws Exception {
        String yaml = GOOD.replace("  crl: pki/ca/oadr-intermediate.crl\n", """
                  crl: pki/ca/oadr-intermediate.crl
                  revocation:
                    crlReloadInterval: PT10S
                    crlDistributionPoints: true
                    softFail: true
                    crlFetchTimeout: PT2S
                    ocsp: true
                    ocspOnlyEndEntity: false
                  tlsSession:
                    timeout: PT1M
                    cacheSize: 500
                  limits:
                    requestHeaderBytes: 4096
                    idleTimeout: PT20S
                    minRequestDataRate: 512
                    maxThreads: 64
                    maxConnections: 2000
                """).replace("admin:\n  port: 0\n", "admin:\n  port: 0\n  limits:\n    maxThreads: 8\n")
                + SEP + "  limits:\n    idleTimeout: PT45S\n  tlsSession:\n    timeout: PT2M\n";
        ServeConfigFile.Settings st = ServeConfigFile.load(write("limits.yaml", yaml));
        VtnConfig c = st.vtn();
        assertEquals(Duration.ofSeconds(10), c.tls().crlReloadInterval());
        assertTrue(c.tls().crlDistributionPoints());
        assertTrue(c.tls().revocationSoftFail());
        assertEquals(Duration.ofSeconds(2), c.tls().crlFetchTimeout());
        assertTrue(c.tls().ocsp());
        assertFalse(c.tls().ocspOnlyEndEntity());
        assertEquals(Duration.ofMinutes(1), c.tls().sessionTimeout());
        assertEquals(500, c.tls().sessionCacheSize());
        assertEquals(4096, c.limits().requestHeaderBytes());
        assertEquals(Duration.ofSeconds(20), c.limits().idleTimeout());
        assertEquals(512, c.limits().minRequestDataRate());
        assertEquals(64, c.limits().maxThreads());
        assertEquals(2000, c.limits().maxConnections());
        assertEquals(8, c.admin().limits().maxThreads());
        assertEquals(100, c.admin().limits().maxConnections());
        assertEquals(Duration.ofSeconds(45), st.sep().limits().idleTimeout());
        assertEquals(Duration.ofMinutes(2), st.sep().tls().sessionTimeout());

        VtnConfig d = ServeConfigFile.load(write("defaults.yaml", GOOD)).vtn();
        assertFalse(d.tls().crlDistributionPoints());
        assertFalse(d.tls().revocationSoftFail());
        assertFalse(d.tls().ocsp());
        assertEquals(Duration.ofMinutes(5), d.tls().sessionTimeout());
        assertEquals(Duration.ofSeconds(30), d.limits().idleTimeout());
        assertEquals(256, d.limits().minRequestDataRate());

        String[][] bad = {
                {GOOD.replace("  crl: pki", "  limits:\n    idleTimeout: PT0S\n  crl: pki"), "oadr.limits.idleTimeout"},
                {GOOD.replace("  crl: pki", "  limits:\n    maxThread: 10\n  crl: pki"),
                        "oadr.limits.maxThread: unknown key"},
                {GOOD + "  limits:\n    maxThreads: 2\n", "admin.limits.maxThreads"},
                {GOOD.replace("  crl: pki", "  revocation:\n    softfail: true\n  crl: pki"),
                        "oadr.revocation.softfail: unknown key"},
                {GOOD.replace("  crl: pki", "  tlsSession:\n    timeout: PT0S\n  crl: pki"), "sessionTimeout"},
        };
        for (String[] b : bad) {
            Path f = write("bad-limits.yaml", b[0]);
            ServeConfigFile.ConfigException e = assertThrows(ServeConfigFile.ConfigException.class,
                    () -> ServeConfigFile.load(f), b[1]);
            assertTrue(e.getMessage().contains(b[1]), b[1] + " not in: " + e.getMessage());
        }
    }

    /**
     * Issue #14: the oadr.push section (2.0b push exchange model) is read; defaults are the spec URL rule and the
     * public-only host rule; a bad value names its key.
     */
    @Test
    void pushSettingsAreRead() throws Exception {
        String yaml = GOOD.replace("  crl: pki", "  push:\n"
                + "    connectTimeout: PT2S\n"
                + "    requestTimeout: PT10S\n"
                + "    maxAttempts: 5\n"
                + "    initialBackoff: PT0.5S\n"
                + "    maxBackoff: PT1M\n"
                + "    concurrency: 8\n"
                + "    urlForm: short\n"
                + "    detectUrlForm: false\n"
                + "    allowedHosts: [ven.plant.example, 10.20.0.0/16]\n"
                + "    lease: PT10S\n"
                + "  crl: pki");
        org.openvtn.oadr20b.push.PushConfig p = ServeConfigFile.load(write("push.yaml", yaml)).vtn().push();
        assertEquals(Duration.ofSeconds(2), p.connectTimeout());
        assertEquals(Duration.ofSeconds(10), p.requestTimeout());
        assertEquals(5, p.maxAttempts());
        assertEquals(Duration.ofMillis(500), p.initialBackoff());
        assertEquals(Duration.ofMinutes(1), p.maxBackoff());
        assertEquals(8, p.concurrency());
        assertEquals(org.openvtn.oadr20b.push.PushUrls.Form.SHORT, p.urlForm());
        assertFalse(p.detectUrlForm());
        assertEquals(java.util.List.of("ven.plant.example", "10.20.0.0/16"), p.allowedHosts());
        assertEquals(Duration.ofSeconds(10), p.lease()); // issue #19: several nodes share the outbox by leases
        assertFalse(p.allowAnyHost());
        org.openvtn.oadr20b.push.PushConfig d = ServeConfigFile.load(write("good.yaml", GOOD)).vtn().push();
        assertEquals(org.openvtn.oadr20b.push.PushUrls.Form.SPEC, d.urlForm());
        assertTrue(d.detectUrlForm());
        assertFalse(d.allowAnyHost(), "serve never pushes to loopback or private hosts unless allowed");
        String[][] bad = {
                {GOOD.replace("  crl: pki", "  push:\n    concurrency: 0\n  crl: pki"), "oadr.push.concurrency"},
                {GOOD.replace("  crl: pki", "  push:\n    lease: PT0.1S\n  crl: pki"), "oadr.push.lease"},
                {GOOD.replace("  crl: pki", "  push:\n    urlForm: long\n  crl: pki"), "oadr.push.urlForm"},
                {GOOD.replace("  crl: pki", "  push:\n    retries: 3\n  crl: pki"), "oadr.push.retries: unknown key"},
                {GOOD.replace("  crl: pki", "  push:\n    allowedHosts: [\"a b\"]\n  crl: pki"),
                        "oadr.push.allowedHosts"},
        };
        for (String[] b : bad) {
            Path f = write("bad-push.yaml", b[0]);
            ServeConfigFile.ConfigException e = assertThrows(ServeConfigFile.ConfigException.class,
                    () -> ServeConfigFile.load(f), b[1]);
            assertTrue(e.getMessage().contains(b[1]), b[1] + " not in: " + e.getMessage());
        }
    }

    private static final String SEP = """
            sep:
              host: 127.0.0.1
              port: 0
              keyStore: pki/vtn/sep-server.p12
              keyStorePasswordFile: p12.pass
              trustAnchors: pki/serca.crt
              pen: 12345
              pollRate: 300
              zone: Australia/Sydney
              validateResponses: false
            """;

    /** The {@code sep} section: the IEEE 2030.5 listener with its own key material, the SERCA and the operator's PEN. */
    @Test
    void aSepSectionConfiguresThe2030Listener() throws Exception {
        SepConfig s = ServeConfigFile.load(write("sep.yaml", GOOD + SEP)).sep();
        assertEquals(12345, s.pen());
        assertEquals(300, s.pollRate());
        assertEquals("127.0.0.1", s.host());
        assertEquals(ZoneId.of("Australia/Sydney"), s.zone());
        assertEquals(TlsProfile.IEEE_2030_5, s.tls().profile());
        // a Time without its required elements: encoded when responses are not validated, refused when they are
        assertFalse(s.codec().encode(new Time()).length == 0, "validateResponses: false");
        SepConfig defaults = ServeConfigFile.load(write("sep2.yaml", GOOD + SEP.replace("  port: 0\n", "")
                .replace("  pollRate: 300\n", "").replace("  validateResponses: false\n", ""))).sep();
        assertEquals(8444, defaults.port());
        assertEquals(900, defaults.pollRate());
        assertThrows(XmlCodecException.class, () -> defaults.codec().encode(new Time()),
                "responses are validated unless switched off");
    }

    /** {@code sep.csipAus: true} binds CSIP-AUS 1.3 on the 2030.5 listener; without it the listener is plain CSIP. */
    @Test
    void csipAusIsBoundOnRequest() throws Exception {
        SepConfig plain = ServeConfigFile.load(write("sep-plain.yaml", GOOD + SEP)).sep();
        assertTrue(plain.codec().csipAus().isEmpty(), "plain CSIP by default");
        SepConfig aus = ServeConfigFile.load(write("sep-aus.yaml", GOOD + SEP + "  csipAus: true\n")).sep();
        assertTrue(aus.codec().csipAus().isPresent(), "sep.csipAus: true binds CSIP-AUS 1.3");
        assertEquals(1, plain.dersPerEndDevice(), "one DER per EndDevice by default");
        assertEquals(3, ServeConfigFile.load(write("sep-ders.yaml", GOOD + SEP + "  dersPerEndDevice: 3\n")).sep()
                .dersPerEndDevice(), "sep.dersPerEndDevice (CSIP-AUS MUL-01..03)");
    }

    /** {@code sep.inBandRegistration: false} refuses EndDevice POSTs of unprovisioned devices (CSIP-AUS S-OPT-01). */
    @Test
    void inBandRegistrationCanBeTurnedOff() throws Exception {
        assertTrue(ServeConfigFile.load(write("sep-inband.yaml", GOOD + SEP)).sep().inBandRegistration(),
                "devices register themselves by default");
        assertFalse(ServeConfigFile.load(write("sep-oob.yaml", GOOD + SEP + "  inBandRegistration: false\n")).sep()
                .inBandRegistration());
    }

    /**
     * {@code openvtn serve} with a {@code sep} section answers a device over the 2030.5 TLS profile (TLS 1.2,
     * TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, IEEE 2030.5-2018 §6.11) beside the OpenADR listener, on one core.
     */
    /** Issue #19: the 2030.5 notification lease of several nodes on PostgreSQL is read; a bad value names its key. */
    @Test
    void sepNotificationLeaseIsRead() throws Exception {
        assertEquals(Duration.ofSeconds(30), ServeConfigFile.load(write("lease0.yaml", GOOD + SEP)).sep().delivery()
                .lease());
        assertEquals(Duration.ofSeconds(10), ServeConfigFile.load(write("lease1.yaml", GOOD + SEP
                + "  notificationLease: PT10S\n")).sep().delivery().lease());
        Path bad = write("lease2.yaml", GOOD + SEP + "  notificationLease: PT0.5S\n");
        ServeConfigFile.ConfigException e = assertThrows(ServeConfigFile.ConfigException.class,
                () -> ServeConfigFile.load(bad));
        assertTrue(e.getMessage().contains("sep.notificationLease"), e.getMessage());
    }

    /** Issue #17 (IEEE 2030.5-2018 §6.5, CSIP COMM-001): sep.dnsSd is read, off by default; a bad name its key. */
    @Test
    void sepDnsSdIsRead() throws Exception {
        assertFalse(ServeConfigFile.load(write("dnssd0.yaml", GOOD + SEP)).sep().dnsSd().enabled(), "off by default");
        var on = ServeConfigFile.load(write("dnssd1.yaml", GOOD + SEP
                + "  dnsSd:\n    enabled: true\n    address: 127.0.0.1\n    instance: site-a\n")).sep().dnsSd();
        assertTrue(on.enabled());
        assertEquals("127.0.0.1", on.address());
        assertEquals("site-a", on.instance());
        Path bad = write("dnssd2.yaml", GOOD + SEP + "  dnsSd:\n    enabled: true\n    instance: " + "x".repeat(64)
                + "\n");
        ServeConfigFile.ConfigException e = assertThrows(ServeConfigFile.ConfigException.class,
                () -> ServeConfigFile.load(bad));
        assertTrue(e.getMessage().contains("sep.dnsSd.instance"), e.getMessage());
        Path dotted = write("dnssd3.yaml", GOOD + SEP + "  dnsSd:\n    enabled: true\n    instance: site.a\n");
        assertTrue(assertThrows(ServeConfigFile.ConfigException.class, () -> ServeConfigFile.load(dotted)).getMessage()
                .contains("sep.dnsSd.instance"));
    }

    /** sep.eventRetention (docs/ieee-2030.5.md "Retention of completed events"): default PT0S, read, bounded. */
    @Test
    void sepEventRetentionIsRead() throws Exception {
        assertEquals(Duration.ZERO, ServeConfigFile.load(write("ret0.yaml", GOOD + SEP)).sep().eventRetention());
        assertEquals(Duration.ofDays(1), ServeConfigFile.load(write("ret1.yaml", GOOD + SEP
                + "  eventRetention: P1D\n")).sep().eventRetention());
        Path bad = write("ret2.yaml", GOOD + SEP + "  eventRetention: -PT1S\n");
        ServeConfigFile.ConfigException e = assertThrows(ServeConfigFile.ConfigException.class,
                () -> ServeConfigFile.load(bad));
        assertTrue(e.getMessage().contains("sep.eventRetention"), e.getMessage());
    }

    @Test
    void serveStartsThe2030ListenerBesideOpenAdr() throws Exception {
        ServeConfigFile.Settings settings = ServeConfigFile.load(write("run.yaml",
                GOOD.replace("dataDir: data", "dataDir: run-data") + SEP.replace("validateResponses: false", "validateResponses: true")));
        try (ServeCommand.Running running = ServeCommand.start(settings)) {
            assertTrue(running.vtn().oadrPort() > 0);
            TlsFactory device = TlsFactory.of(TlsConfig.builder().profile(TlsProfile.IEEE_2030_5)
                    .keyStore(dir.resolve("pki/devices/device-0001.p12"), PkiGenerator.DEFAULT_PASSWORD.toCharArray())
                    .trustAnchorFile(dir.resolve("pki/serca.crt")).hostnameVerification(false).build());
            try (SSLSocket socket = (SSLSocket) device.clientSslContext().getSocketFactory()
                    .createSocket("127.0.0.1", running.sep().port())) {
                socket.setSoTimeout(30_000);
                socket.setEnabledProtocols(device.protocols());
                socket.setEnabledCipherSuites(device.cipherSuites());
                socket.getOutputStream().write(("GET /dcap HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
                assertTrue(answer.contains("<DeviceCapability") && answer.contains("pollRate=\"300\""), answer);
                assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", socket.getSession().getCipherSuite());
            }
        }
    }

    /**
     * Issue #12 item 5: {@code serve} defaults both listeners to the {@code approve} enrolment policy;
     * {@code oadr.enrolment} and {@code sep.enrolment} choose open, approve or allowlist; a bad value is named.
     */
    @Test
    void enrolmentDefaultsToApproveAndIsRead() throws Exception {
        ServeConfigFile.Settings defaults = ServeConfigFile.load(write("enrol.yaml", GOOD + SEP));
        assertEquals(EnrolmentPolicy.APPROVE, defaults.vtn().enrolment());
        assertEquals(EnrolmentPolicy.APPROVE, defaults.sep().enrolment());
        ServeConfigFile.Settings chosen = ServeConfigFile.load(write("enrol2.yaml",
                GOOD.replace("  pollFreq:", "  enrolment: allowlist\n  pollFreq:")
                        + SEP.replace("  pen:", "  enrolment: open\n  pen:")));
        assertEquals(EnrolmentPolicy.ALLOWLIST, chosen.vtn().enrolment());
        assertEquals(EnrolmentPolicy.OPEN, chosen.sep().enrolment());
        for (String[] c : new String[][] {
                {GOOD.replace("  pollFreq:", "  enrolment: everyone\n  pollFreq:"), "oadr.enrolment: must be open"},
                {GOOD + SEP.replace("  pen:", "  enrolment: 3\n  pen:"), "sep.enrolment: must be"}}) {
            ServeConfigFile.ConfigException e = assertThrows(ServeConfigFile.ConfigException.class,
                    () -> ServeConfigFile.load(write("enrol-bad.yaml", c[0])));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    @Test
    void anUnknownKeyIsNamed() throws Exception {
        Path f = write("typo.yaml", GOOD.replace("pollFreq:", "polFreq:"));
        ServeConfigFile.ConfigException e = assertThrows(ServeConfigFile.ConfigException.class, () -> ServeConfigFile.load(f));
        assertTrue(e.getMessage().contains("oadr.polFreq: unknown key"), e.getMessage());
    }

    @Test
    void missingAndBadValuesAreNamed() throws Exception {
        String[][] cases = {
                {GOOD.replace("dataDir: data\n", ""), "dataDir: required"},
                {GOOD.replace("PT30S", "30s"), "oadr.pollFreq: must be an ISO-8601 duration"},
                {GOOD.replace("pki/ca.crt", "pki/nope.crt"), "oadr.trustAnchors: file"},
                {GOOD.replace("port: 0\n  pollFreq", "port: eighty\n  pollFreq"), "oadr.port: must be a whole number"},
                {GOOD.replace("admin:\n  port: 0", "admin:\n  host: 0.0.0.0"), "admin.sslContext"},
                {"oadr: [1, 2]\ndataDir: x\n", "oadr: must be a mapping"},
            {GOOD + SEP.replace("  pen: 12345\n", ""), "sep.pen: required"},
            {GOOD + SEP.replace("pen: 12345", "pen: 4294967296"), "sep.pen: must be 0..4294967295"},
            {GOOD + SEP.replace("pollRate: 300", "pollRate: 0"), "sep.pollRate: must be"},
            {GOOD + SEP.replace("pollRate: 300", "pollRate: PT5M"), "sep.pollRate: must be a whole number"},
            {GOOD + SEP.replace("pki/serca.crt", "pki/nope.crt"), "sep.trustAnchors: file"},
            {GOOD + SEP.replace("  keyStorePasswordFile: p12.pass\n", ""), "sep.keyStorePasswordFile: required"},
            {GOOD + SEP.replace("zone: Australia/Sydney", "zone: Mars/Olympus"), "sep.zone: must be a time zone"},
            {GOOD + SEP.replace("validateResponses: false", "validateResponses: sometimes"),
                    "sep.validateResponses: must be true or false"},
            {GOOD + SEP.replace("pollRate:", "pollrate:"), "sep.pollrate: unknown key"},
            {GOOD + "limits:\n  maxLogEventsPerDevice: 0\n", "limits.maxLogEventsPerDevice: must be at least 1"},
            {GOOD + "limits:\n  pollRedeliveryAfter: 30s\n", "limits.pollRedeliveryAfter: must be an ISO-8601"},
            {GOOD + "limits:\n  maxLogEvents: 5\n", "limits.maxLogEvents: unknown key"},
        };
        for (String[] c : cases) {
            Path f = write("bad.yaml", c[0]);
            ServeConfigFile.ConfigException e = assertThrows(ServeConfigFile.ConfigException.class,
                    () -> ServeConfigFile.load(f), c[1]);
            assertTrue(e.getMessage().contains(c[1]), c[1] + " not in: " + e.getMessage());
        }
    }

    @Test
    void serveCheckReportsAndExits() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = OpenVtn.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("serve", "--config", write("good2.yaml", GOOD).toString(), "--check"), err.toString());
        assertTrue(out.toString().contains("configuration is valid"), out.toString());
        assertEquals(2, cl.execute("serve", "--config", write("typo2.yaml", GOOD.replace("vtnId", "vtnid")).toString()));
        assertTrue(err.toString().contains("vtnid: unknown key"), err.toString());
    }
}

package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.server.VtnConfig;
import picocli.CommandLine;

/** The production configuration file: accepted when complete, refused with the key named when not. */
class ServeConfigFileTest extends ServeConfigFixture {

    @Test
    void aCompleteFileBuildsTheConfig() throws Exception {
        VtnConfig c = ServeConfigFile.load(write("good.yaml", GOOD)).vtn();
        assertNull(ServeConfigFile.load(write("good.yaml", GOOD)).sep(), "no sep section, no 2030.5 listener");
        assertEquals("UTILITY-VTN", c.vtnId());
        assertEquals(Duration.ofSeconds(30), c.pollFreq());
        assertEquals(dir.resolve("data").toAbsolutePath().normalize(), c.dataDir());
        assertTrue(c.admin() != null && c.admin().token().length() >= 16);
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
                    maxHandshakes: 16
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
        assertEquals(16, c.limits().maxHandshakes(), "issue #18 overload bound");
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

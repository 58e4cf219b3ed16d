package org.openvtn.conformance.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.GeneratedPki;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.target.TargetTls;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.http.SepServer;

/**
 * {@link HttpsProbe} against real mutual-TLS servers: the OpenADR 2.0b VTN (JDK provider; OpenADR 2.0b §10)
 * and the IEEE 2030.5 listener (CCM_8 on Bouncy Castle JSSE; IEEE 2030.5-2018 §6.11, CSIP COMM-003).
 */
class HttpsProbeIT {

    private static final TestPki PKI = TestPki.shared();
    private static VtnServer vtn;
    private static VtnCore sepCore;
    private static SepServer sep;

    @BeforeAll
    static void start() {
        vtn = VtnServer.start(VtnConfig.builder().inMemory("probe" + UUID.randomUUID().toString().replace("-", ""))
                .oadrHost("127.0.0.1").oadrPort(0).tls(PKI.oadrServerConfig().build()).build());
        sepCore = VtnCore.open(CoreConfig.builder().inMemory("probesep" + UUID.randomUUID().toString()
                .replace("-", "")).build());
        sep = SepServer.start(SepConfig.builder().tls(PKI.sepServerConfig().build())
                .codec(SepCodec.create(new PublishedSchemas())).host("127.0.0.1").port(0).build(), sepCore);
    }

    @AfterAll
    static void stop() {
        if (sep != null) {
            sep.close();
        }
        if (sepCore != null) {
            sepCore.close();
        }
        if (vtn != null) {
            vtn.close();
        }
    }

    private static URI oadr(String service) {
        return URI.create("https://127.0.0.1:" + vtn.port() + "/OpenADR2/Simple/2.0b/" + service);
    }

    private static String example(String name) throws Exception {
        return Files.readString(Path.of("..", "docs", "examples", name));
    }

    /** OpenADR 2.0b over the JDK provider: status, body, negotiated TLS, peer leaf, keep-alive reuse. */
    @Test
    void openAdrExchangeCarriesTlsEvidenceAndReusesTheConnection() throws Exception {
        try (HttpsProbe probe = HttpsProbe.create(
                TlsFactory.of(PKI.oadrClientConfig(PKI.venEcc()).build()).clientSslContext(), null,
                Duration.ofSeconds(20))) {
            String body = example("oadrQueryRegistration.xml");
            Exchange first = probe.send("oadrQueryRegistration", "POST", oadr("EiRegisterParty"), "application/xml",
                    body);
            assertNull(first.error(), first.error());
            assertEquals(200, first.status(), first.responseBody());
            assertTrue(first.responseBody().contains("oadrCreatedPartyRegistration"), first.responseBody());
            assertEquals(body, first.requestBody());
            assertEquals("suite->target", first.direction());
            assertNotNull(first.received());
            assertTrue(!first.received().isBefore(first.sent()));
            assertNotNull(first.tls());
            assertTrue(Set.of("TLSv1.2", "TLSv1.3").contains(first.tls().protocol()), first.tls().protocol());
            assertEquals(PKI.vtnEcc().certificate().getSubjectX500Principal().getName(), first.tls().peerSubject());
            assertTrue(first.tls().peerCertificatePem().startsWith("-----BEGIN CERTIFICATE-----\n"));

            Exchange second = probe.send("oadrQueryRegistration", "POST", oadr("EiRegisterParty"), "application/xml",
                    body);
            assertEquals(200, second.status());
            assertEquals(1, probe.connectionsOpened(), "the second request reuses the kept-alive connection");

            probe.disconnect();
            assertEquals(200, probe.send("again", "POST", oadr("EiRegisterParty"), "application/xml", body).status());
            assertEquals(2, probe.connectionsOpened(), "disconnect() forces a new handshake");
        }
    }

    /** An HTTP error status is evidence, not an exception. */
    @Test
    void httpErrorStatusIsRecordedNotThrown() {
        try (HttpsProbe probe = HttpsProbe.create(
                TlsFactory.of(PKI.oadrClientConfig(PKI.venRsa()).build()).clientSslContext(), null,
                Duration.ofSeconds(20))) {
            Exchange ex = probe.send("unknown service", "POST", oadr("NoSuchService"), "application/xml", "<x/>");
            assertNull(ex.error());
            assertTrue(ex.status() >= 400, "status " + ex.status());
        }
    }

    /** IEEE 2030.5 §6.11 / CSIP COMM-003: CCM_8 over TLS 1.2 on Bouncy Castle JSSE. */
    @Test
    void sepExchangeNegotiatesCcm8() {
        try (HttpsProbe probe = HttpsProbe.create(
                TlsFactory.of(PKI.sepClientConfig(PKI.device()).build()).clientSslContext(), null,
                Duration.ofSeconds(20))) {
            ProbeResponse r = probe.exchange("dcap", "GET", URI.create("https://127.0.0.1:" + sep.port() + "/dcap"),
                    Map.of("Accept", SepCodec.CONTENT_TYPE), null, null);
            assertNull(r.exchange().error(), r.exchange().error());
            assertEquals(200, r.status(), r.body());
            assertTrue(r.body().contains("DeviceCapability"), r.body());
            assertTrue(r.header("Content-Type").orElse("").startsWith("application/sep+xml"), r.headers().toString());
            assertEquals("TLSv1.2", r.exchange().tls().protocol());
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", r.exchange().tls().cipherSuite());
            assertEquals(PKI.sepServer().certificate().getSubjectX500Principal().getName(),
                    r.exchange().tls().peerSubject());
            assertEquals(200, probe.send("tm", "GET", URI.create("https://127.0.0.1:" + sep.port() + "/tm"), null,
                    null).status());
            assertEquals(1, probe.connectionsOpened());
        }
    }

    /** OpenADR 2.0b §10: a client without a certificate is rejected; the failure is evidence. */
    @Test
    void openAdrClientWithoutCertificateIsCapturedAsError() throws Exception {
        try (HttpsProbe probe = TargetTls.anonymousProbe(target(PKI.pki().caFile()), TlsProfile.OPENADR_20B)) {
            Exchange ex = probe.send("no client certificate", "POST", oadr("EiRegisterParty"), "application/xml",
                    example("oadrQueryRegistration.xml"));
            assertNotNull(ex.error(), "expected a transport error, got status " + ex.status());
            assertEquals(0, ex.status());
            assertNull(ex.received());
        }
    }

    /** IEEE 2030.5 §6.11 / CSIP COMM-003: a client without a certificate is rejected during the handshake. */
    @Test
    void sepClientWithoutCertificateIsCapturedAsError() {
        try (HttpsProbe probe = TargetTls.anonymousProbe(target(PKI.pki().sercaFile()), TlsProfile.IEEE_2030_5)) {
            Exchange ex = probe.send("no client certificate", "GET",
                    URI.create("https://127.0.0.1:" + sep.port() + "/dcap"), null, null);
            assertNotNull(ex.error(), "expected a handshake error, got status " + ex.status());
            assertTrue(ex.error().toLowerCase(java.util.Locale.ROOT).contains("handshake"), ex.error());
            assertNull(ex.tls(), "TLS 1.2: the handshake itself fails");
        }
    }

    /** A refused connection is evidence too. */
    @Test
    void refusedConnectionIsCapturedAsError() throws Exception {
        int closedPort; // bound and closed on purpose: nothing listens there, so connecting is refused
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (HttpsProbe probe = HttpsProbe.create(
                TlsFactory.of(PKI.oadrClientConfig(PKI.venEcc()).build()).clientSslContext(), null,
                Duration.ofSeconds(5))) {
            Exchange ex = probe.send("refused", "GET", URI.create("https://127.0.0.1:" + closedPort + "/"), null, null);
            assertNotNull(ex.error());
            assertTrue(ex.error().startsWith("ConnectException"), ex.error());
        }
    }

    /** Probes from a target configuration use its certificate, key and CA. */
    @Test
    void probeFromTargetConfiguration() {
        GeneratedPki.Files f = PKI.files("ven-ecc-0002");
        TargetConfig t = new TargetConfig("https://127.0.0.1:" + vtn.port(), f.chain(), f.key(), PKI.pki().caFile(),
                PKI.dir(), Set.of(), null, null, null, Map.of());
        try (HttpsProbe probe = TargetTls.probe(t, TlsProfile.OPENADR_20B)) {
            Exchange ex = probe.send("q", "POST", oadr("EiRegisterParty"), "application/xml",
                    example("oadrQueryRegistration.xml"));
            assertEquals(200, ex.status(), ex.error());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static TargetConfig target(Path ca) {
        return new TargetConfig("https://127.0.0.1", null, null, ca, null, Set.of(), null, null, null, Map.of());
    }
}

package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.PkiGenerator;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.sep.Time;
import org.openvtn.sep.http.SepConfig;

/** The {@code sep} section of the production configuration file: the IEEE 2030.5 listener and its options. */
class ServeConfigSepTest extends ServeConfigFixture {

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

    /**
     * {@code openvtn serve} with a {@code sep} section answers a device over the 2030.5 TLS profile (TLS 1.2,
     * TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, IEEE 2030.5-2018 §6.11) beside the OpenADR listener, on one core.
     */
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
}

package org.openvtn.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.channel.nio.NioEventLoopGroup;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.device.transport.SepHttpClient;
import org.openvtn.schemas.sep.DER;
import org.openvtn.schemas.sep.DERAvailability;
import org.openvtn.schemas.sep.DERCapability;
import org.openvtn.schemas.sep.DERList;
import org.openvtn.schemas.sep.DERSettings;
import org.openvtn.schemas.sep.EndDevice;

/**
 * Device data against OpenVTN's 2030.5 server over mutual TLS (CCM_8, TestPki, Derby): the DER's nameplate, settings
 * and availability are PUT to the DERCapabilityLink, DERSettingsLink and DERAvailabilityLink of the server's DERList
 * (IEEE 2030.5-2018 §10.10.4.2-4; CSIP §5.2.1 "DER shall report capabilities and settings") and read back as sent;
 * parts whose link the server does not advertise (DeviceInformation §10.2, PowerStatus §10.4 — OpenVTN's EndDevice
 * links neither) are skipped, not sent to a guessed href (issue #16: follow links only).
 */
class SepDeviceDataIT {
    private static final Credential DEVICE = SepTestServer.PKI.device();

    private static DeviceData data(long maxW, int gradW) {
        return DeviceData.builder()
                .information(new DeviceData.Information(40732, "SIM-INV-5", "SN0001", "hw1", "1.2.3",
                        Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), 1, 0))
                .ratings(new DeviceData.Ratings(82, 0x0001_C100, 250_000, 6_000L, 3_000L, -3_000L, null, null))
                .settings(new DeviceData.Settings(0x0000_C000, maxW, 5_000L, null, gradW))
                .availability(new DeviceData.Availability(3600L, null, 4_200L, null))
                .powerStatus(new DeviceData.Power(4, 1, null))
                .build();
    }

    /** §10.10.4: what the builder gave is on the server after start(); an update replaces it. */
    @Test
    void derDataIsPutToTheAdvertisedLinksAndReadBack() throws Exception {
        try (SepTestServer s = new SepTestServer(null, 900);
             SepDeviceClient c = SepDeviceClient.builder().server(s.dcapUrl())
                     .tlsConfig(SepTestServer.PKI.sepClientConfig(DEVICE).build())
                     .deviceData(data(5_000, 1_000)).build()) {
            c.start();
            NioEventLoopGroup io = new NioEventLoopGroup(1);
            try (SepHttpClient device = caller(io, URI.create("https://127.0.0.1:" + s.port()))) {
                EndDevice self = SepTestServer.CODEC.decode(device.exchange("GET", c.endDeviceHref().orElseThrow(),
                        null).body(), EndDevice.class);
                DER der = SepTestServer.CODEC.decode(device.exchange("GET",
                        self.getDERListLink().getHref() + "?l=10", null).body(), DERList.class).getDER().get(0);

                DERCapability cap = get(device, der.getDERCapabilityLink().getHref(), DERCapability.class);
                assertEquals(25_000, cap.getRtgMaxW().getValue(), "250 kW fits Int16 with multiplier 1");
                assertEquals(1, cap.getRtgMaxW().getMultiplier().getValue());
                assertEquals(6_000, cap.getRtgMaxVA().getValue());
                assertEquals(-3_000, cap.getRtgMaxVarNeg().getValue());
                assertEquals(82, cap.getType().getValue());
                assertArrayEquals(new byte[] {0, 1, (byte) 0xC1, 0}, cap.getModesSupported().getValue());

                DERSettings set = get(device, der.getDERSettingsLink().getHref(), DERSettings.class);
                assertEquals(5_000, set.getSetMaxW().getValue());
                assertEquals(1_000, set.getSetGradW());
                assertNotNull(set.getUpdatedTime());

                DERAvailability av = get(device, der.getDERAvailabilityLink().getHref(), DERAvailability.class);
                assertEquals(4_200, av.getStatWAvail().getValue());
                assertEquals(3600L, av.getAvailabilityDuration());

                Map<String, String> sent = c.reportDeviceData(DeviceData.builder()
                        .settings(new DeviceData.Settings(0, 4_000, null, null, 500))
                        .powerStatus(new DeviceData.Power(4, 1, null)).build());
                assertEquals(List.of("DERSettings"), List.copyOf(sent.keySet()),
                        "PowerStatus is skipped: the server's EndDevice links no PowerStatus");
                assertEquals(der.getDERSettingsLink().getHref(), sent.get("DERSettings"));
                assertEquals(4_000, get(device, der.getDERSettingsLink().getHref(), DERSettings.class)
                        .getSetMaxW().getValue());
                assertFalse(sent.containsKey("DeviceInformation"));
            } finally {
                io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    /** CSIP-style bad input is refused at build time with the field named (values the schema cannot carry). */
    @Test
    void outOfRangeValuesAreNamed() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DeviceData.builder().settings(new DeviceData.Settings(0, 1, null, null, 70_000)).build());
        assertEquals("settings.setGradW must be 0..65535", e.getMessage());
    }

    static <T> T get(SepHttpClient c, String href, Class<T> type) throws Exception {
        SepHttpClient.Reply r = c.exchange("GET", href, null);
        assertEquals(200, r.status(), href);
        return SepTestServer.CODEC.decode(r.body(), type);
    }

    static SepHttpClient caller(NioEventLoopGroup io, URI to) {
        TlsFactory tls = TlsFactory.of(SepTestServer.PKI.sepClientConfig(DEVICE).hostnameVerification(false).build());
        return new SepHttpClient(io, tls.nettyClientContext(), to, Duration.ofSeconds(10), Duration.ofSeconds(10),
                65536);
    }
}

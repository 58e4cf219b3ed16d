package org.openvtn.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.channel.nio.NioEventLoopGroup;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.device.transport.SepHttpClient;

/**
 * CSIP-AUS 1.3 connection point against OpenVTN's own 2030.5 server (CSIP-AUS bound, as {@code openvtn dev} runs):
 * its EndDevice carries csipaus:ConnectionPointLink; a device configured with a connectionPointId PUTs a
 * csipaus:ConnectionPoint there during start() and the server reads it back (CSIP-AUS ALL-03 / S-OPT-03). A device
 * without one sends nothing there.
 */
class SepConnectionPointIT {
    private static final Credential DEVICE = SepTestServer.PKI.device();
    private static final Pattern CP_LINK = Pattern.compile("ConnectionPointLink href=\"([^\"]+)\"");

    @Test
    void configuredNmiIsPutToTheEndDevicesConnectionPointLink() throws Exception {
        try (SepTestServer s = new SepTestServer(null, 900);
             SepDeviceClient c = SepDeviceClient.builder().server(s.dcapUrl())
                     .tlsConfig(SepTestServer.PKI.sepClientConfig(DEVICE).build())
                     .connectionPointId("4102345678").build()) {
            c.start();
            NioEventLoopGroup io = new NioEventLoopGroup(1);
            try (SepHttpClient device = caller(io, URI.create("https://127.0.0.1:" + s.port()))) {
                String edev = new String(device.exchange("GET", c.endDeviceHref().orElseThrow(), null).body(),
                        StandardCharsets.UTF_8);
                Matcher m = CP_LINK.matcher(edev);
                assertTrue(m.find(), edev);
                assertTrue(s.requests.contains("PUT " + m.group(1)), s.requests.toString());
                SepHttpClient.Reply cp = device.exchange("GET", m.group(1), null);
                assertEquals(200, cp.status());
                assertTrue(new String(cp.body(), StandardCharsets.UTF_8)
                        .contains("<connectionPointId>4102345678</connectionPointId>"), new String(cp.body(),
                        StandardCharsets.UTF_8));
            } finally {
                io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    @Test
    void withoutNmiNothingIsPut() throws Exception {
        try (SepTestServer s = new SepTestServer(null, 900);
             SepDeviceClient c = SepDeviceClient.builder().server(s.dcapUrl())
                     .tlsConfig(SepTestServer.PKI.sepClientConfig(DEVICE).build()).build()) {
            c.start();
            assertTrue(s.requests.stream().noneMatch(r -> r.startsWith("PUT") && r.endsWith("/cp")),
                    s.requests.toString());
        }
    }

    private static SepHttpClient caller(NioEventLoopGroup io, URI to) {
        TlsFactory tls = TlsFactory.of(SepTestServer.PKI.sepClientConfig(DEVICE).hostnameVerification(false).build());
        return new SepHttpClient(io, tls.nettyClientContext(), to, Duration.ofSeconds(10), Duration.ofSeconds(10),
                65536);
    }
}

package org.openvtn.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.core.Program;
import org.openvtn.device.transport.ClientTls;
import org.openvtn.device.transport.SepHttpClient;

/**
 * {@link SepFleetTls}: one TLS context for many device identities must still present each device's own certificate
 * on its own connections (IEEE 2030.5-2018 §6.11.2: the server identifies the client by its certificate, the LFDI
 * is its hash) and never resume one device's TLS session on another device's connection.
 */
class SepFleetTlsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Credential ONE = SepTestServer.PKI.device();
    private static final Credential TWO = SepTestServer.PKI.credential("device-0002");

    private static SepTestServer s;

    @BeforeAll
    static void start() {
        s = new SepTestServer(null, 900);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static TlsConfig config(Credential c) {
        return SepTestServer.PKI.sepClientConfig(c).hostnameVerification(false).build();
    }

    /**
     * Two devices on one fleet context: each self-registers under its own LFDI and gets as effective control the
     * DERControl targeted at it alone (§6.11.2, §8.2, §10.10); closing them releases their identities.
     */
    @Test
    void eachDevicePresentsItsOwnCertificate() throws Exception {
        SepFleetTls fleet = SepFleetTls.create(config(ONE));
        try (SepDeviceRuntime runtime = SepDeviceRuntime.create(1)) {
            Program p = s.program("fleet");
            String lfdi1 = SepIdentity.lfdi(ONE.certificate());
            String lfdi2 = SepIdentity.lfdi(TWO.certificate());
            s.targetW(p, lfdi1, Instant.now().minusSeconds(60), Duration.ofHours(1), 1.0);
            s.targetW(p, lfdi2, Instant.now().minusSeconds(60), Duration.ofHours(1), 2.0);
            EffectiveRecorder r1 = new EffectiveRecorder();
            EffectiveRecorder r2 = new EffectiveRecorder();
            try (SepDeviceClient c1 = client(runtime, fleet, ONE, r1);
                 SepDeviceClient c2 = client(runtime, fleet, TWO, r2)) {
                assertEquals(2, fleet.identities());
                c1.start();
                c2.start();
                assertTrue(s.server.endDevices().byLfdi(lfdi1).isPresent(), "device 1 registered under its LFDI");
                assertTrue(s.server.endDevices().byLfdi(lfdi2).isPresent(), "device 2 registered under its LFDI");
                assertEquals(1000, EffectiveRecorder.watts(r1.await(m -> m.containsKey("opModTargetW"), WAIT)
                        .get("opModTargetW")), 0.001, "device 1 sees its own control");
                assertEquals(2000, EffectiveRecorder.watts(r2.await(m -> m.containsKey("opModTargetW"), WAIT)
                        .get("opModTargetW")), 0.001, "device 2 sees its own control");
            }
            assertEquals(0, fleet.identities(), "closed devices leave the fleet's key manager");
        }
    }

    /**
     * Resumption is per identity: a device's second connection resumes its own session (abbreviated handshake), and
     * another device's first connection to the same host and port does not resume it (a full handshake with its own
     * certificate).
     */
    @Test
    void sessionsAreResumedOnlyByTheirOwnIdentity() throws Exception {
        SepFleetTls fleet = SepFleetTls.create(config(ONE));
        NioEventLoopGroup io = new NioEventLoopGroup(1);
        try {
            URI base = URI.create("https://127.0.0.1:" + s.port());
            List<byte[]> ids1 = new ArrayList<>();
            List<byte[]> ids2 = new ArrayList<>();
            try (SepHttpClient h1 = new SepHttpClient(io, recording(fleet.identity(config(ONE)), ids1), base, WAIT, WAIT, 1 << 20);
                 SepHttpClient h2 = new SepHttpClient(io, recording(fleet.identity(config(TWO)), ids2), base, WAIT, WAIT, 1 << 20)) {
                assertEquals(200, h1.exchange("GET", "/dcap", null).status());
                h1.close(); // the next exchange opens a new connection
                assertEquals(200, h1.exchange("GET", "/dcap", null).status());
                assertEquals(200, h2.exchange("GET", "/dcap", null).status());
                assertEquals(2, ids1.size());
                assertArrayEquals(ids1.get(0), ids1.get(1), "device 1 resumed its own session");
                assertFalse(java.util.Arrays.equals(ids1.get(0), ids2.get(0)), "device 2 did not resume device 1's");
            }
        } finally {
            io.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** §6.11.2: the fleet context authenticates the server by its chain only, so it refuses host name checking. */
    @Test
    void templateWithHostnameVerificationIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SepFleetTls.create(SepTestServer.PKI.sepClientConfig(ONE).hostnameVerification(true).build()));
        assertTrue(e.getMessage().contains("hostnameVerification"), e.getMessage());
    }

    private static SepDeviceClient client(SepDeviceRuntime runtime, SepFleetTls fleet, Credential c,
                                          EffectiveRecorder rec) {
        return SepDeviceClient.builder().server(s.dcapUrl()).tlsConfig(config(c)).fleetTls(fleet).runtime(runtime)
                .listener(rec).maxRetryDelay(Duration.ofMillis(500)).build();
    }

    private static ClientTls recording(ClientTls tls, List<byte[]> sessionIds) {
        return new ClientTls() {
            @Override
            public SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
                return tls.newHandler(alloc, host, port);
            }

            @Override
            public void established(SslHandler handler) {
                sessionIds.add(handler.engine().getSession().getId());
                tls.established(handler);
            }
        };
    }
}

package org.openvtn.conformance.oadr3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.openvtn.admin.AdminConfig;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.oadr3.http.Oadr3Config;
import org.openvtn.oadr3.notify.Oadr3MqttConfig;
import org.openvtn.oadr3.notify.Oadr3NotifierConfig;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * An in-process OpenVTN with its OpenADR 3.1 listener and admin API (in-memory Derby, test PKI), and the
 * {@code oadr31-vtn} target for it: clients made by the suite through the admin API, an expired token minted by the
 * server itself (its clock set back while issuing), the webhook receiver serving a VEN certificate of the test PKI.
 */
final class Oadr3Target implements AutoCloseable {
    static final TestPki PKI = TestPki.shared();
    static final String ADMIN_TOKEN = "oadr3-suite-admin-token-0123456789";
    final ShiftedClock clock = new ShiftedClock();
    final VtnServer server;
    final String expiredToken;

    Oadr3Target(String name) {
        this(name, null);
    }

    /** With {@code mqttUrl} (e.g. a TestMosquitto's): the VTN's MQTT notifier publishes to that broker. */
    Oadr3Target(String name, String mqttUrl) {
        // the 3.1 notifiers trust the test CA, which issued the suite's webhook receiver certificate
        Oadr3NotifierConfig notifiers = Oadr3NotifierConfig.defaults()
                .withTrustAnchors(PKI.oadrServerConfig().build().trustAnchors())
                .withPrivateCallbacks(true); // the suite's receiver listens on 127.0.0.1
        if (mqttUrl != null) {
            notifiers = notifiers.withMqtt(Oadr3MqttConfig.of(mqttUrl));
        }
        server = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0).clock(clock)
                .tls(PKI.oadrServerConfig().build()).inMemory(name)
                .admin(AdminConfig.builder().port(0).token(ADMIN_TOKEN).build())
                .oadr3(Oadr3Config.builder().tls(PKI.oadrServerConfig().build()).host("127.0.0.1").port(0)
                        .notifiers(notifiers).build())
                .build());
        clock.shift = Duration.ofDays(-2);
        try {
            expiredToken = server.oadr3().orElseThrow().services().tokens().issue("oadr3-suite-expired", "BL")
                    .accessToken();
        } finally {
            clock.shift = Duration.ZERO;
        }
    }

    String baseUri() {
        return server.oadr3().orElseThrow().baseUri();
    }

    /** The target file an operator would write, for {@code baseUrl} (the VTN itself or a double in front of it). */
    TargetConfig target(String baseUrl, Map<String, String> extra) {
        var f = PKI.files("ven-ecc-0001");
        Map<String, String> p = new HashMap<>(extra);
        p.put(Oadr3Harness.EXPIRED_TOKEN, expiredToken);
        p.put(Oadr3Harness.TOKEN_URL, baseUri() + "/auth/token");
        // the receiver serves the VTN identity of the test PKI: it names 127.0.0.1, which a VEN certificate does not
        var callback = PKI.files("vtn-ecc");
        p.put(WebhookReceiver.CERTIFICATE, callback.chain().toString());
        p.put(WebhookReceiver.KEY, callback.key().toString());
        return new TargetConfig(baseUrl, f.chain(), f.key(), PKI.pki().caFile(), PKI.dir(), Set.of(),
                server.adminBaseUri().orElseThrow(), ADMIN_TOKEN, Duration.ofSeconds(2), p);
    }

    @Override
    public void close() {
        server.close();
    }

    /** The system clock, shifted while the expired token is minted. */
    static final class ShiftedClock extends Clock {
        volatile Duration shift = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }
    }
}

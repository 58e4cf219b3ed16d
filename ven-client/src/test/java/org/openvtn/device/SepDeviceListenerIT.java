package org.openvtn.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.netty.channel.nio.NioEventLoopGroup;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Program;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.device.engine.EffectiveControl;
import org.openvtn.device.transport.SepHttpClient;
import org.openvtn.schemas.sep.DERList;
import org.openvtn.schemas.sep.DERStatus;
import org.openvtn.schemas.sep.DeviceCapability;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.MeterReadingList;
import org.openvtn.schemas.sep.Reading;
import org.openvtn.schemas.sep.UsagePointList;
import org.openvtn.schemas.sep.LogEvent;
import org.openvtn.schemas.sep.Notification;
import org.openvtn.schemas.sep.Subscription;
import org.openvtn.schemas.sep.SubscriptionList;

/**
 * The device's notification listener and the DRLC path against OpenVTN's 2030.5 server over real sockets (CCM_8,
 * certificates from TestPki): only the server the device talks to may notify it (§5.6.2, §6.11), a notification
 * must be a schema-valid Notification, and an EndDeviceControl (§10.3 DRLC) becomes the effective control with a
 * DrResponse recorded by the server (issue #16 items 2-4 and 8).
 */
class SepDeviceListenerIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Credential DEVICE = SepTestServer.PKI.device();

    private static SepDeviceClientBuilder client(SepTestServer s, EffectiveRecorder rec) {
        return SepDeviceClient.builder().server(s.dcapUrl())
                .tlsConfig(SepTestServer.PKI.sepClientConfig(DEVICE).build()).listener(rec)
                .maxRetryDelay(Duration.ofMillis(500));
    }

    private static String lfdi() {
        return SepIdentity.lfdi(DEVICE.certificate());
    }

    private static byte[] notification(int status) throws Exception {
        Notification n = new Notification();
        n.setSubscribedResource("/edev/1/fsa");
        n.setSubscriptionURI("/edev/1/sub/1");
        n.setStatus((short) status);
        return SepTestServer.CODEC.encode(n);
    }

    /**
     * A Notification as a CSIP-AUS 1.3 server sends it for an EndDevice subscription (CSIP-AUS 1.3 csipaus-core
     * redefines EndDevice with csipaus:ConnectionPointLink; §5.6.2 the Notification carries the resource). Without
     * {@code href} the Link is invalid (sep.xsd Link: href required).
     */
    private static byte[] csipAusEndDeviceNotification(String cpHref) {
        String link = cpHref == null ? "<csipaus:ConnectionPointLink/>"
                : "<csipaus:ConnectionPointLink href=\"" + cpHref + "\"/>";
        return ("<Notification xmlns=\"urn:ieee:std:2030.5:ns\" xmlns:csipaus=\"https://csipaus.org/ns/v1.3\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<subscribedResource>/edev/1</subscribedResource>"
                + "<Resource xsi:type=\"EndDevice\" href=\"/edev/1\">"
                + "<lFDI>3E4F45AB31EDFE5B67E343E5E4562E31984E23E5</lFDI><sFDI>167261211391</sFDI>"
                + "<changedTime>0</changedTime>"
                + link + "</Resource><status>0</status><subscriptionURI>/edev/1/sub/1</subscriptionURI>"
                + "</Notification>").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A Notification carrying a DERControlList whose DERControlBase holds {@code csipaus:opModExpLimW} (CSIP-AUS 1.3)
     * with the given value text; the DERControlBase is empty in sep.xsd terms and the CSIP-AUS element is added.
     */
    private static byte[] csipAusNotification(String value) throws Exception {
        org.openvtn.schemas.sep.DERControl c = new org.openvtn.schemas.sep.DERControl();
        c.setHref("/derp/9/derc/1");
        org.openvtn.schemas.sep.MRIDType m = new org.openvtn.schemas.sep.MRIDType();
        m.setValue(new byte[] {(byte) 0xAB, 0x02});
        c.setMRID(m);
        org.openvtn.schemas.sep.TimeType t = new org.openvtn.schemas.sep.TimeType();
        t.setValue(1000);
        c.setCreationTime(t);
        org.openvtn.schemas.sep.EventStatus st = new org.openvtn.schemas.sep.EventStatus();
        st.setCurrentStatus((short) 1);
        st.setDateTime(t);
        c.setEventStatus(st);
        org.openvtn.schemas.sep.DateTimeInterval i = new org.openvtn.schemas.sep.DateTimeInterval();
        i.setStart(t);
        i.setDuration(900);
        c.setInterval(i);
        c.setDERControlBase(new org.openvtn.schemas.sep.DERControlBase());
        org.openvtn.schemas.sep.DERControlList l = new org.openvtn.schemas.sep.DERControlList();
        l.setHref("/derp/9/derc");
        l.setAll(1);
        l.setResults((short) 1);
        l.getDERControl().add(c);
        Notification n = new Notification();
        n.setSubscribedResource("/derp/9/derc");
        n.setSubscriptionURI("/edev/1/sub/1");
        n.setStatus((short) 0);
        n.setResource(l);
        String xml = new String(SepTestServer.CODEC.encode(n), StandardCharsets.UTF_8);
        String out = xml.replaceFirst("<((?:\\w+:)?)DERControlBase/>", "<$1DERControlBase><csipaus:opModExpLimW"
                + " xmlns:csipaus=\"https://csipaus.org/ns/v1.3\"><$1multiplier>0</$1multiplier><$1value>" + value
                + "</$1value></csipaus:opModExpLimW></$1DERControlBase>");
        assertFalse(out.equals(xml), "no empty DERControlBase in " + xml);
        return out.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * §5.6.2 / §6.11 (secure by default): a peer whose certificate chains to the SERCA but is not the server (another
     * device) gets 403 and triggers nothing; the server's own certificate is accepted (201); a body that is not a
     * schema-valid Notification gets 400. A Notification whose inline resource uses the CSIP-AUS 1.3 extensions is
     * valid (CSIP-AUS GEN-05: it answered 400 before), one invalid against CSIP-AUS 1.3 is not.
     */
    @Test
    void onlyTheServerMayNotifyAndOnlyValidNotifications() throws Exception {
        try (SepTestServer s = new SepTestServer(null, 900);
             SepDeviceClient c = client(s, new EffectiveRecorder()).notificationListener("127.0.0.1", 0).build()) {
            c.start();
            int walks = c.walks();
            URI listener = URI.create("https://127.0.0.1:" + c.notificationPort());
            NioEventLoopGroup io = new NioEventLoopGroup(1);
            try (SepHttpClient other = caller(io, listener, SepTestServer.PKI.credential("device-0002"));
                 SepHttpClient server = caller(io, listener, SepTestServer.PKI.sepServer())) {
                assertEquals(403, other.exchange("POST", "/notify", notification(0)).status(), "another device");
                c.refresh();
                assertEquals(walks + 1, c.walks(), "the refused notification triggered no walk (only refresh did)");
                assertEquals(400, server.exchange("POST", "/notify",
                        "<Notification xmlns=\"urn:ieee:std:2030.5:ns\"/>".getBytes(StandardCharsets.UTF_8)).status(),
                        "schema-invalid body");
                assertEquals(404, server.exchange("POST", "/elsewhere", notification(0)).status());
                assertEquals(201, server.exchange("POST", "/notify", notification(0)).status(), "the server");
                assertEquals(201, server.exchange("POST", "/notify", csipAusEndDeviceNotification("/edev/1/cp"))
                        .status(), "a CSIP-AUS 1.3 Notification (EndDevice with csipaus:ConnectionPointLink)");
                assertEquals(400, server.exchange("POST", "/notify", csipAusEndDeviceNotification(null)).status(),
                        "a CSIP-AUS Notification invalid against CSIP-AUS 1.3 (ConnectionPointLink without href)");
                assertEquals(201, server.exchange("POST", "/notify", csipAusNotification("1500")).status(),
                        "a Notification carrying csipaus:opModExpLimW");
                assertEquals(400, server.exchange("POST", "/notify", csipAusNotification("many")).status(),
                        "csipaus:opModExpLimW with a value that is no number");
            } finally {
                io.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    /**
     * Recovery when a subscription is gone (§5.6.1; issue #16 item 4): the device's subscriptions are deleted on the
     * server; the next verification walk finds them missing and subscribes again, so a later control still arrives by
     * notification although the pollRate is 15 minutes.
     */
    @Test
    void lostSubscriptionsAreMadeAgain() throws Exception {
        try (SepTestServer s = new SepTestServer(null, 900)) {
            Program p = s.program("der");
            EffectiveRecorder rec = new EffectiveRecorder();
            try (SepDeviceClient c = client(s, rec).notificationListener("127.0.0.1", 0).build()) {
                c.start();
                NioEventLoopGroup io = new NioEventLoopGroup(1);
                try (SepHttpClient device = caller(io, URI.create("https://127.0.0.1:" + s.port()), DEVICE)) {
                    EndDevice self = SepTestServer.CODEC.decode(device.exchange("GET", c.endDeviceHref().orElseThrow(),
                            null).body(), EndDevice.class);
                    String subs = self.getSubscriptionListLink().getHref();
                    SubscriptionList list = SepTestServer.CODEC.decode(device.exchange("GET", subs + "?l=100", null)
                            .body(), SubscriptionList.class);
                    assertTrue(list.getAll() > 0, "the device subscribed");
                    for (Subscription sub : list.getSubscription()) {
                        assertEquals(204, device.exchange("DELETE", sub.getHref(), null).status());
                    }
                    assertEquals(0, SepTestServer.CODEC.decode(device.exchange("GET", subs, null).body(),
                            SubscriptionList.class).getAll());
                    c.refresh(); // the periodic verification walk, now
                    assertEquals(list.getAll(), SepTestServer.CODEC.decode(device.exchange("GET", subs, null).body(),
                            SubscriptionList.class).getAll(), "subscribed again");
                } finally {
                    io.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
                }
                s.targetW(p, lfdi(), Instant.now().minusSeconds(10), Duration.ofHours(1), 1.5);
                rec.await(m -> m.containsKey("opModTargetW"), WAIT);
            }
        }
    }

    /**
     * Device data (§10.10.4.5 DERStatus PUT to the server's DERStatusLink; §10.9 LogEvent POST to the LogEventList):
     * what the device reports is what the server serves back.
     */
    @Test
    void derStatusAndLogEventsReachTheServer() throws Exception {
        try (SepTestServer s = new SepTestServer(null, 900);
             SepDeviceClient c = client(s, new EffectiveRecorder()).build()) {
            c.start();
            c.reportDerStatus(new DerStatusReport(0x07, 2, 4, 8050));
            String logHref = c.logEvent(new LogEventReport(0, 3, 17, 0, "over-temperature"));
            NioEventLoopGroup io = new NioEventLoopGroup(1);
            try (SepHttpClient device = caller(io, URI.create("https://127.0.0.1:" + s.port()), DEVICE)) {
                EndDevice self = SepTestServer.CODEC.decode(device.exchange("GET", c.endDeviceHref().orElseThrow(),
                        null).body(), EndDevice.class);
                DERList ders = SepTestServer.CODEC.decode(device.exchange("GET",
                        self.getDERListLink().getHref() + "?l=10", null).body(), DERList.class);
                DERStatus st = SepTestServer.CODEC.decode(device.exchange("GET",
                        ders.getDER().get(0).getDERStatusLink().getHref(), null).body(), DERStatus.class);
                assertEquals(0x07, st.getGenConnectStatus().getValue()[0]);
                assertEquals(2, st.getOperationalModeStatus().getValue());
                assertEquals(4, st.getInverterStatus().getValue());
                assertEquals(8050, st.getStateOfChargeStatus().getValue().getValue());
                LogEvent back = SepTestServer.CODEC.decode(device.exchange("GET",
                        java.net.URI.create(logHref).getPath(), null).body(), LogEvent.class);
                assertEquals("over-temperature", back.getDetails());
                assertEquals(17, back.getLogEventID());
            } finally {
                io.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    /**
     * Metering mirror (§10.11; Annex C Table C.15): the TelemetrySource's reading is posted as a MirrorUsagePoint and a
     * MirrorMeterReading and the server serves the value back under its UsagePointList.
     */
    @Test
    void telemetryIsMirrored() throws Exception {
        TelemetrySource source = now -> List.of(new TelemetryReading("0A0B0C0D0E0F10111213141516171819",
                "site active power", 4200, 0, 38, 1, 12));
        try (SepTestServer s = new SepTestServer(null, 900);
             SepDeviceClient c = client(s, new EffectiveRecorder()).telemetrySource(source, Duration.ofHours(1))
                     .build()) {
            c.start();
            assertEquals(1, c.postTelemetry());
            assertEquals(1, c.postTelemetry(), "the usage point is reused");
            NioEventLoopGroup io = new NioEventLoopGroup(1);
            try (SepHttpClient device = caller(io, URI.create("https://127.0.0.1:" + s.port()), DEVICE)) {
                DeviceCapability dcap = SepTestServer.CODEC.decode(device.exchange("GET", "/dcap", null).body(),
                        DeviceCapability.class);
                UsagePointList upts = SepTestServer.CODEC.decode(device.exchange("GET",
                        dcap.getUsagePointListLink().getHref() + "?l=10", null).body(), UsagePointList.class);
                assertEquals(1, upts.getAll(), "one mirror for the device");
                MeterReadingList mrs = SepTestServer.CODEC.decode(device.exchange("GET",
                        upts.getUsagePoint().get(0).getMeterReadingListLink().getHref() + "?l=10", null).body(),
                        MeterReadingList.class);
                assertEquals(1, mrs.getAll());
                Reading r = SepTestServer.CODEC.decode(device.exchange("GET",
                        mrs.getMeterReading().get(0).getReadingLink().getHref(), null).body(), Reading.class);
                assertEquals(4200L, r.getValue());
            } finally {
                io.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    private static SepHttpClient caller(NioEventLoopGroup io, URI to, Credential cred) {
        TlsFactory tls = TlsFactory.of(SepTestServer.PKI.sepClientConfig(cred).hostnameVerification(false).build());
        return new SepHttpClient(io, tls.nettyClientContext(), to, Duration.ofSeconds(10), Duration.ofSeconds(10), 65536);
    }

    /**
     * DRLC (§10.3): a SIMPLE level-1 core event becomes an EndDeviceControl with DutyCycle 75 %; it is the effective
     * "DutyCycle" control and its "received" Response is a DrResponse the server records.
     */
    @Test
    void anEndDeviceControlBecomesEffective() throws Exception {
        try (SepTestServer s = new SepTestServer(null, 900)) {
            Program p = s.program("drlc");
            Event e = s.core.events().create(EventSpec.builder().programId(p.id())
                    .start(Instant.now().minusSeconds(30)).targets(Targets.vens(lfdi()))
                    .responseRequired(ResponseRequired.ALWAYS)
                    .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofHours(1), 1.0))).build());
            EffectiveRecorder rec = new EffectiveRecorder();
            try (SepDeviceClient c = client(s, rec).build()) {
                c.start();
                EffectiveControl duty = rec.await(m -> m.containsKey("DutyCycle"), WAIT).get("DutyCycle");
                assertEquals(75, duty.value().value());
                assertTrue(duty.source().contains("/edc/"), duty.source());
                assertFalse(s.core.events().responses(e.id()).isEmpty(), "the DrResponse was recorded");
            }
        }
    }
}

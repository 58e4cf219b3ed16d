package org.openvtn.conformance.sep;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.conformance.http.HttpsProbe;

/**
 * CORE-019-COND (IEEE 2030.5-2018 Subscription {@code Condition}) against a defective 2030.5 server: a test double
 * over real mutual TLS that mirrors one Reading, marks it {@code subscribable="3"}, accepts a conditional subscription
 * (refusing the reserved attributeIdentifier, as it should) and then ignores the band: it notifies every posted value
 * (FAIL on {@code sep.subscription.condition.filtered}) or none (FAIL on {@code sep.notification.delivered}).
 */
class ConditionalSubscriptionDefectIT {
    private static final String NS = SepDouble.NS;
    private static final String READING = "/upt/1/mr/1/r";
    private static final Pattern MRID = Pattern.compile("<mRID>([0-9A-Fa-f]+)</mRID>");
    private static final Pattern URI_ELEMENT = Pattern.compile("<notificationURI>([^<]+)</notificationURI>");
    private static final Pattern VALUE = Pattern.compile("<value>(-?\\d+)</value>");
    /** The MirrorUsagePoint's and its MirrorMeterReading's mRIDs, as posted. */
    private static final AtomicReference<String[]> MRIDS = new AtomicReference<>(new String[] {"00", "00"});
    private static final AtomicReference<String> TARGET = new AtomicReference<>();
    private static final AtomicLong LAST = new AtomicLong();
    /** Whether the double notifies every value (true) or none (false). */
    private static volatile boolean notifiesEvery;
    private static HttpsProbe sender;
    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        sender = HttpsProbe.create(TlsFactory.of(TestPki.shared().sepServerConfig().hostnameVerification(false)
                .build()).clientSslContext(), null, Duration.ofSeconds(10));
        Map<String, String> pages = new java.util.LinkedHashMap<>(SepDouble.devicePages(
                "<SubscriptionListLink all=\"0\" href=\"/edev/1/sub\"/>", Map.of()));
        pages.put("/dcap", "<DeviceCapability " + NS + " href=\"/dcap\"><UsagePointListLink all=\"1\" href=\"/upt\"/>"
                + "<EndDeviceListLink all=\"1\" href=\"/edev\"/><MirrorUsagePointListLink all=\"1\" href=\"/mup\"/>"
                + "</DeviceCapability>");
        server = SepDouble.start(pages, ConditionalSubscriptionDefectIT::sep, false);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        sender.close();
    }

    private static boolean sep(Request request, Response response, Callback callback, String path) throws Exception {
        boolean post = "POST".equals(request.getMethod());
        if (post && path.equals("/mup")) {
            Matcher m = MRID.matcher(SepDouble.body(request));
            String mup = m.find() ? m.group(1) : "00";
            MRIDS.set(new String[] {mup, m.find() ? m.group(1) : "00"});
            SepDouble.created(response, callback, "/mup/1");
        } else if (post && path.equals("/mup/1")) {
            Matcher m = VALUE.matcher(SepDouble.body(request));
            if (m.find()) {
                LAST.set(Long.parseLong(m.group(1)));
                if (notifiesEvery && TARGET.get() != null) {
                    notify(LAST.get());
                }
            }
            SepDouble.created(response, callback, "/mup/1/mr/1");
        } else if (post && path.equals("/edev/1/sub")) {
            String body = SepDouble.body(request);
            if (body.contains("<attributeIdentifier>7<")) {
                response.setStatus(400);
                SepDouble.page(response, callback, "<Error " + NS + "><reasonCode>1</reasonCode></Error>");
                return true;
            }
            Matcher m = URI_ELEMENT.matcher(body);
            TARGET.set(m.find() ? m.group(1) : null);
            SepDouble.created(response, callback, "/edev/1/sub/1");
        } else if ("DELETE".equals(request.getMethod()) && path.equals("/edev/1/sub/1")) {
            TARGET.set(null);
            SepDouble.status(response, callback, 204);
        } else if (path.equals("/upt")) {
            SepDouble.page(response, callback, "<UsagePointList " + NS + " href=\"/upt\" all=\"1\" results=\"1\">"
                    + "<UsagePoint href=\"/upt/1\"><mRID>" + MRIDS.get()[0] + "</mRID><description>conformance site"
                    + "</description><roleFlags>49</roleFlags><serviceCategoryKind>0</serviceCategoryKind><status>1"
                    + "</status><MeterReadingListLink all=\"1\" href=\"/upt/1/mr\"/></UsagePoint></UsagePointList>");
        } else if (path.equals("/upt/1/mr")) {
            SepDouble.page(response, callback, "<MeterReadingList " + NS + " href=\"/upt/1/mr\" all=\"1\""
                    + " results=\"1\">"
                    + "<MeterReading href=\"/upt/1/mr/1\"><mRID>" + MRIDS.get()[1] + "</mRID><ReadingLink href=\""
                    + READING + "\"/><ReadingTypeLink href=\"/upt/1/mr/1/rt\"/></MeterReading></MeterReadingList>");
        } else if (path.equals(READING)) {
            SepDouble.page(response, callback, "<Reading " + NS + " href=\"" + READING + "\" subscribable=\"3\"><value>"
                    + LAST.get() + "</value></Reading>");
        } else {
            return false;
        }
        return true;
    }

    /** POSTs a Notification of the Reading with {@code value} to the subscription's notificationURI. */
    private static void notify(long value) {
        String body = "<Notification " + NS + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<subscribedResource>" + READING + "</subscribedResource><Resource xsi:type=\"Reading\" href=\""
                + READING + "\" subscribable=\"3\"><value>" + value + "</value></Resource><status>0</status>"
                + "<subscriptionURI>/edev/1/sub/1</subscriptionURI></Notification>";
        String target = TARGET.get();
        CompletableFuture.runAsync(() -> sender.send("notify", "POST", URI.create(target), "application/sep+xml",
                body)).exceptionally(e -> {
                    e.printStackTrace();
                    return null;
                });
    }

    private static org.openvtn.conformance.runner.CaseResult run() {
        return server.run(Set.of(SepServerSuite.SUBSCRIPTIONS, SepServerSuite.MIRROR_METERING,
                SepServerSuite.USAGE_POINTS), "CORE-019-COND").get("CORE-019-COND");
    }

    /** A server that notifies values inside the band too (the Condition ignored). */
    @Test
    void everyValueNotifiedFails() {
        notifiesEvery = true;
        CombinationDefectIT.failsOn(run(), ConditionalSubscriptionCases.FILTERED, "inside [100, 200]");
    }

    /** A server that accepts the conditional subscription but never notifies. */
    @Test
    void noValueNotifiedFails() {
        notifiesEvery = false;
        CombinationDefectIT.failsOn(run(), SubscriptionCases.NOTIFIED, "with value 250");
    }
}

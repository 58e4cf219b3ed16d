package org.openvtn.conformance.sep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
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
 * S-ALL-33 and S-ALL-40 against a defective 2030.5 server (a test double over real mutual TLS that accepts
 * subscriptions and POSTs Notifications to the suite's listener, itself over mutual TLS with the test PKI's server
 * credential): a combined control is notified as one DERControl per mode, and a combined DefaultDERControl as one that
 * kept only its first mode. Both cases FAIL on {@code sep.derc.combined}.
 */
class NotificationDefectIT {
    private static final String NS = CombinationDefectIT.NS + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
    private static final String DERP = CombinationDefectIT.DERP;
    private static final Pattern URI_ELEMENT = Pattern.compile("<notificationURI>([^<]+)</notificationURI>");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicReference<String> TARGET = new AtomicReference<>();
    private static final AtomicInteger SUBS = new AtomicInteger();
    private static HttpsProbe sender;
    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        sender = HttpsProbe.create(TlsFactory.of(TestPki.shared().sepServerConfig()
                .hostnameVerification(false).build()).clientSslContext(), null,
                Duration.ofSeconds(10));
        server = SepDouble.start(CombinationDefectIT.pages("<SubscriptionListLink all=\"0\" href=\"/edev/1/sub\"/>"),
                NotificationDefectIT::sep, NotificationDefectIT::admin);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        sender.close();
    }

    private static boolean sep(Request request, Response response, Callback callback, String path) throws Exception {
        if (path.equals("/edev/1/sub") && "POST".equals(request.getMethod())) {
            Matcher m = URI_ELEMENT.matcher(SepDouble.body(request));
            if (m.find()) {
                TARGET.set(m.group(1));
            }
            SepDouble.created(response, callback, "/edev/1/sub/" + SUBS.incrementAndGet());
        } else if (path.startsWith("/edev/1/sub/") && "DELETE".equals(request.getMethod())) {
            SepDouble.status(response, callback, 204);
        } else if (path.equals(DERP + "/derc")) {
            SepDouble.page(response, callback, "<DERControlList " + CombinationDefectIT.NS + " href=\"" + DERP
                    + "/derc\" all=\"0\" results=\"0\" subscribable=\"1\"/>");
        } else {
            return false;
        }
        return true;
    }

    private static boolean admin(Request request, Response response, Callback callback, String path)
            throws Exception {
        if ("POST".equals(request.getMethod()) && path.endsWith("/programs")) {
            CombinationDefectIT.answer(response, callback, "{\"id\":\"p1\"}");
            return true;
        }
        if ("POST".equals(request.getMethod()) && path.endsWith("/events")) {
            List<String> items = CombinationDefectIT.splitControls(JSON.readTree(SepDouble.body(request)));
            notify(DERP + "/derc", "<Resource xsi:type=\"DERControlList\" href=\"" + DERP + "/derc\" all=\""
                    + items.size() + "\" results=\"" + items.size() + "\">" + String.join("", items) + "</Resource>");
            CombinationDefectIT.answer(response, callback, "{\"id\":\"e1\"}");
            return true;
        }
        if ("PUT".equals(request.getMethod()) && path.endsWith("/default-control")) {
            JsonNode body = JSON.readTree(SepDouble.body(request));
            notify(DERP + "/dderc", "<Resource xsi:type=\"DefaultDERControl\" href=\"" + DERP + "/dderc\">"
                    + CombinationDefectIT.defaultContent(body) + "</Resource>");
        }
        return false;
    }

    /** POSTs a Notification of the resource to the last subscription's notificationURI (after the admin answer). */
    private static void notify(String subscribed, String resource) {
        String target = TARGET.get();
        String body = "<Notification " + NS + "><subscribedResource>" + subscribed + "</subscribedResource>" + resource
                + "<status>0</status><subscriptionURI>/edev/1/sub/" + SUBS.get() + "</subscriptionURI></Notification>";
        CompletableFuture.runAsync(() -> sender.send("notify", "POST", URI.create(target), "application/sep+xml",
                body)).exceptionally(e -> {
                    e.printStackTrace();
                    return null;
                });
    }

    /** S-ALL-33: the combined control notified as six DERControls of one interval. */
    @Test
    void splitNotificationFails() {
        CombinationDefectIT.failsOn(server.run(Set.of(SepServerSuite.CSIP_AUS, SepServerSuite.SUBSCRIPTIONS),
                "S-ALL-33").get("S-ALL-33"), CombinationCases.COMBINED, "6 DERControls in the notification");
    }

    /** S-ALL-40: the default control notified with opModExpLimW only. */
    @Test
    void partialDefaultNotificationFails() {
        CombinationDefectIT.failsOn(server.run(Set.of(SepServerSuite.CSIP_AUS, SepServerSuite.SUBSCRIPTIONS,
                SepServerSuite.DEFAULT_CONTROL), "S-ALL-40").get("S-ALL-40"), CombinationCases.COMBINED,
                "opModGenLimW is missing");
    }
}

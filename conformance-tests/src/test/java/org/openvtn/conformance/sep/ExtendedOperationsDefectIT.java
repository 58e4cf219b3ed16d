package org.openvtn.conformance.sep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CSIP-AUS S-ALL-50 "Extended Operations" against a defective 2030.5 server (a test double over real mutual TLS,
 * driven through its admin endpoint like OpenVTN): it publishes the first DERControl the driver asks for and then
 * stops serving new controls, as a server whose scheduling stalls after a while would. The second cycle's control
 * never arrives: FAIL on {@code sep.extended.control-served}, naming the cycle.
 */
class ExtendedOperationsDefectIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many controls the double serves before it stops taking new ones (the defect). */
    private static final int SERVED = 1;
    private static final List<JsonNode> EVENTS = new CopyOnWriteArrayList<>();
    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        server = SepDouble.start(CombinationDefectIT.pages(""), ExtendedOperationsDefectIT::sep,
                ExtendedOperationsDefectIT::admin);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static boolean sep(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                               org.eclipse.jetty.util.Callback callback, String path) {
        if (!path.equals(CombinationDefectIT.DERP + "/derc")) {
            return false;
        }
        StringBuilder items = new StringBuilder();
        int k = 0;
        for (JsonNode e : EVENTS) {
            long start = Instant.parse(e.get("start").asText()).getEpochSecond();
            JsonNode interval = e.get("signals").get(0).get("intervals").get(0);
            long duration = Duration.parse(interval.get("duration").asText()).toSeconds();
            k++;
            items.append("<DERControl href=\"").append(CombinationDefectIT.DERP).append("/derc/").append(k)
                    .append("\"><mRID>0F0000000000000000000000000002").append(String.format("%02X", k))
                    .append("</mRID>").append(SepDouble.eventFields(duration, start))
                    .append("<DERControlBase><csipaus:opModExpLimW><multiplier>0</multiplier><value>")
                    .append(Math.round(interval.get("value").asDouble()))
                    .append("</value></csipaus:opModExpLimW></DERControlBase></DERControl>");
        }
        SepDouble.page(response, callback, "<DERControlList " + CombinationDefectIT.NS + " href=\""
                + CombinationDefectIT.DERP + "/derc\" all=\"" + k + "\" results=\"" + k + "\" subscribable=\"1\">"
                + items + "</DERControlList>");
        return true;
    }

    private static boolean admin(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                 org.eclipse.jetty.util.Callback callback, String path) throws Exception {
        if ("POST".equals(request.getMethod()) && path.endsWith("/programs")) {
            CombinationDefectIT.answer(response, callback, "{\"id\":\"p1\"}");
            return true;
        }
        if ("POST".equals(request.getMethod()) && path.endsWith("/events")) {
            JsonNode e = JSON.readTree(SepDouble.body(request));
            if (EVENTS.size() < SERVED) {
                EVENTS.add(e); // the defect: later controls are accepted and never published
            }
            CombinationDefectIT.answer(response, callback, "{\"id\":\"e" + System.nanoTime() + "\"}");
            return true;
        }
        return false;
    }

    /** The first cycle passes, the second cycle's control is never served. */
    @Test
    void stalledSchedulingFails() {
        CombinationDefectIT.failsOn(server.run(Set.of(SepServerSuite.CSIP_AUS), "S-ALL-50").get("S-ALL-50"),
                ExtendedOperationsCases.CONTROL, "cycle 2");
    }
}

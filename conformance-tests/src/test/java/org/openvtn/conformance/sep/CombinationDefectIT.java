package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;

/**
 * S-ALL-17, S-ALL-24, S-ALL-47 and S-ALL-48 against a defective 2030.5 server (a test double over real mutual TLS,
 * driven through its admin endpoint like OpenVTN): it publishes one DERControl per mode of an event instead of one
 * carrying them all, writes ActivePower as a bare Int16 (100 kW clipped to 32767 W, multiplier 0), accepts a reading
 * beyond Int48, serves only the first field of the first DefaultDERControl it was given and never a later change.
 * Each case FAILs on its own rule.
 */
class CombinationDefectIT {
    static final String NS = SepDouble.NS + " xmlns:csipaus=\"https://csipaus.org/ns/v1.3\"";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DERP = "/edev/1/derp/p1";
    /** Core signal name -> CSIP-AUS / sep.xsd element, as OpenVTN's mapping would have it. */
    private static final Map<String, String> ELEMENTS = Map.of("x-exportLimit", "csipaus:opModExpLimW",
            "x-generationLimit", "csipaus:opModGenLimW", "x-importLimit", "csipaus:opModImpLimW", "x-loadLimit",
            "csipaus:opModLoadLimW", "x-connect", "opModConnect", "x-energize", "opModEnergize");
    private static final AtomicReference<JsonNode> EVENT = new AtomicReference<>();
    private static final AtomicReference<JsonNode> DEFAULT = new AtomicReference<>();
    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        server = SepDouble.start(pages(""), CombinationDefectIT::sep, CombinationDefectIT::admin);
    }

    /**
     * The double's discovery pages: DeviceCapability, the device's EndDevice (plus {@code endDeviceLinks} after its
     * FunctionSetAssignmentsListLink), one FunctionSetAssignments with one DERProgram {@value #DERP} offering a
     * DefaultDERControlLink and a DERControlListLink.
     */
    static Map<String, String> pages(String endDeviceLinks) {
        String edev = SepDouble.deviceFields() + "<FunctionSetAssignmentsListLink all=\"1\" href=\"/edev/1/fsa\"/>"
                + endDeviceLinks;
        return Map.of(
                "/dcap", "<DeviceCapability " + NS + " href=\"/dcap\"><EndDeviceListLink all=\"1\" href=\"/edev\"/>"
                        + "<MirrorUsagePointListLink all=\"0\" href=\"/mup\"/></DeviceCapability>",
                "/edev", "<EndDeviceList " + NS + " href=\"/edev\" all=\"1\" results=\"1\"><EndDevice href=\"/edev/1\">"
                        + edev + "</EndDevice></EndDeviceList>",
                "/edev/1", "<EndDevice " + NS + " href=\"/edev/1\">" + edev + "</EndDevice>",
                "/edev/1/fsa", "<FunctionSetAssignmentsList " + NS + " href=\"/edev/1/fsa\" all=\"1\" results=\"1\">"
                        + "<FunctionSetAssignments href=\"/edev/1/fsa/1\">"
                        + "<DERProgramListLink all=\"1\" href=\"/edev/1/fsa/1/derp\"/>"
                        + "<mRID>0F000000000000000000000000000001</mRID></FunctionSetAssignments></FunctionSetAssignmentsList>",
                "/edev/1/fsa/1/derp", "<DERProgramList " + NS + " href=\"/edev/1/fsa/1/derp\" all=\"1\" results=\"1\">"
                        + "<DERProgram href=\"" + DERP + "\"><mRID>0F000000000000000000000000000002</mRID>"
                        + "<DefaultDERControlLink href=\"" + DERP + "/dderc\"/>"
                        + "<DERControlListLink all=\"1\" href=\"" + DERP + "/derc\"/><primacy>1</primacy></DERProgram>"
                        + "</DERProgramList>");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void forget() {
        EVENT.set(null);
        DEFAULT.set(null);
    }

    private static boolean sep(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                               org.eclipse.jetty.util.Callback callback, String path) throws Exception {
        if (path.equals(DERP + "/derc")) {
            SepDouble.page(response, callback, controls());
        } else if (path.equals(DERP + "/dderc")) {
            SepDouble.page(response, callback, "<DefaultDERControl " + NS + " href=\"" + DERP + "/dderc\">"
                    + defaultContent(DEFAULT.get()) + "</DefaultDERControl>");
        } else if (path.equals("/mup") && "POST".equals(request.getMethod())) {
            SepDouble.created(response, callback, "/mup/1");
        } else if (path.equals("/mup/1") && "POST".equals(request.getMethod())) {
            // the defect: every reading is taken, even one beyond Int48
            SepDouble.created(response, callback, "/mup/1/mr/1");
        } else {
            return false;
        }
        return true;
    }

    /**
     * The content of a DefaultDERControl that kept only the first field of {@code d} (the defect): mRID, description,
     * DERControlBase and, when that field is setGradW, setGradW.
     */
    static String defaultContent(JsonNode d) {
        StringBuilder b = new StringBuilder("<mRID>0F000000000000000000000000000003</mRID><description>defective"
                + "</description><DERControlBase>");
        String first = d == null ? null : d.fieldNames().next();
        if ("setGradW".equals(first)) {
            return b.append("</DERControlBase><setGradW>").append(d.get(first).asLong()).append("</setGradW>")
                    .toString();
        }
        if (first != null) {
            b.append("<csipaus:").append(first).append("><multiplier>0</multiplier><value>")
                    .append(d.get(first).asLong()).append("</value></csipaus:").append(first).append('>');
        }
        return b.append("</DERControlBase>").toString();
    }

    private static String controls() {
        List<String> items = splitControls(EVENT.get());
        return "<DERControlList " + NS + " href=\"" + DERP + "/derc\" all=\"" + items.size() + "\" results=\""
                + items.size() + "\" subscribable=\"1\">" + String.join("", items) + "</DERControlList>";
    }

    /** One DERControl per signal of the admin API event {@code e} (the defect), each ActivePower a bare Int16. */
    static List<String> splitControls(JsonNode e) {
        List<String> items = new ArrayList<>();
        if (e == null) {
            return items;
        }
        long start = Instant.parse(e.get("start").asText()).getEpochSecond();
        int k = 0;
        for (JsonNode s : e.get("signals")) {
            JsonNode interval = s.get("intervals").get(0);
            long duration = Duration.parse(interval.get("duration").asText()).toSeconds();
            double v = interval.get("value").asDouble();
            String el = ELEMENTS.getOrDefault(s.get("name").asText(), "opModConnect");
            String body = el.startsWith("csipaus:") ? "<multiplier>0</multiplier><value>"
                    + Math.min(Short.MAX_VALUE, Math.round(v)) + "</value>" : v != 0 ? "true" : "false";
            items.add("<DERControl href=\"" + DERP + "/derc/" + (++k) + "\"><mRID>0F00000000000000000000000000010"
                    + k + "</mRID><creationTime>0</creationTime><EventStatus><currentStatus>1</currentStatus>"
                    + "<dateTime>" + start + "</dateTime><potentiallySuperseded>false</potentiallySuperseded>"
                    + "</EventStatus><interval><duration>" + duration + "</duration><start>" + start + "</start>"
                    + "</interval><DERControlBase><" + el + ">" + body + "</" + el + "></DERControlBase>"
                    + "</DERControl>");
        }
        return items;
    }

    private static boolean admin(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                 org.eclipse.jetty.util.Callback callback, String path) throws Exception {
        if ("POST".equals(request.getMethod()) && path.endsWith("/programs")) {
            answer(response, callback, "{\"id\":\"p1\"}");
            return true;
        }
        if ("POST".equals(request.getMethod()) && path.endsWith("/events")) {
            EVENT.set(JSON.readTree(SepDouble.body(request)));
            answer(response, callback, "{\"id\":\"e" + System.nanoTime() + "\"}");
            return true;
        }
        if ("PUT".equals(request.getMethod()) && path.endsWith("/default-control")) {
            JsonNode body = JSON.readTree(SepDouble.body(request));
            DEFAULT.compareAndSet(null, body); // the defect: a later change is never served
            return false;
        }
        return false;
    }

    static void answer(org.eclipse.jetty.server.Response response, org.eclipse.jetty.util.Callback callback,
                               String json) {
        response.setStatus(200);
        response.getHeaders().put("Content-Type", "application/json");
        response.write(true, java.nio.ByteBuffer.wrap(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                callback);
    }

    private static CaseResult run(String id, String... capabilities) {
        return server.run(Set.of(capabilities), id).get(id);
    }

    static void failsOn(CaseResult r, String rule, String text) {
        assertEquals(Verdict.FAIL, r.verdict(), r.reason() + " " + r.violations() + " " + r.notes());
        assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(rule) && (v.message() + v.element())
                .contains(text)), r.violations().toString());
        // the double is otherwise schema-valid: the case fails on its own rule, not on the double's XML
        assertTrue(r.violations().stream().noneMatch(v -> v.rule().equals("xsd")), r.violations().toString());
    }

    /** S-ALL-17: the modes split over six DERControls of one interval fail {@code sep.derc.combined}. */
    @Test
    void splitControlFails() {
        failsOn(run("S-ALL-17", SepServerSuite.CSIP_AUS), CombinationCases.COMBINED, "6 DERControls");
    }

    /** S-ALL-24: a DefaultDERControl that kept only opModExpLimW fails, naming a missing mode. */
    @Test
    void partialDefaultFails() {
        failsOn(run("S-ALL-24", SepServerSuite.CSIP_AUS, SepServerSuite.DEFAULT_CONTROL), CombinationCases.COMBINED,
                "opModLoadLimW is missing");
    }

    /** S-ALL-47: 100 kW served as 32767 x 10^0, and a reading beyond Int48 accepted. */
    @Test
    void unscaledPowerAndInt48Fail() {
        CaseResult r = run("S-ALL-47", SepServerSuite.CSIP_AUS, SepServerSuite.MIRROR_METERING);
        failsOn(r, ScalingCases.SCALING, "32767 x 10^0");
        failsOn(r, ScalingCases.INT48, ScalingCases.BEYOND_INT48);
    }

    /** S-ALL-48: the changed setGradW (250) is never served. */
    @Test
    void staleRampRateFails() {
        failsOn(run("S-ALL-48", SepServerSuite.DEFAULT_CONTROL), ScalingCases.RAMP, "setGradW 100.0 after the"
                + " driver set it to 250");
    }
}

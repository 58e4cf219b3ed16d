package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;

/**
 * CSIP-AUS S-ALL-03 and CSIP AGG-001..012 against a defective aggregator server (a test double over real mutual TLS
 * with the 2030.5 profile, and an admin endpoint the driver registers the aggregator through): it registers the
 * aggregator's sites correctly, but its EndDeviceList also shows another client's EndDevice. Both rows FAIL on
 * {@code sep.agg.visibility}, naming the foreign EndDevice.
 */
class AggregatorDefectIT {

    private static final String NS = SepDouble.NS;
    private static final String FOREIGN = "F0".repeat(20);
    private static final Pattern LFDI = Pattern.compile("<lFDI>([0-9A-Fa-f]{40})</lFDI>");
    private static SepDouble server;

    private static String edev(String href, String lfdi) {
        return "<EndDevice " + NS + " href=\"" + href + "\"><lFDI>" + lfdi + "</lFDI><sFDI>"
                + SepIdentity.sfdiFromLfdi(lfdi) + "</sFDI><changedTime>0</changedTime></EndDevice>";
    }

    @BeforeAll
    static void start() throws Exception {
        String own = SepIdentity.lfdi(org.openvtn.certs.testing.TestPki.shared().device().certificate());
        // index 0: the aggregator's own EndDevice; 1: the defect, another client's EndDevice; then posted sites
        List<String> lfdis = Collections.synchronizedList(new ArrayList<>(List.of(own, FOREIGN)));
        Map<String, String> pages = Map.of("/dcap", "<DeviceCapability " + NS + " href=\"/dcap\">"
                + "<EndDeviceListLink all=\"2\" href=\"/edev\"/></DeviceCapability>");
        server = SepDouble.start(pages, (request, response, callback, path) -> {
            if ("POST".equals(request.getMethod()) && "/edev".equals(path)) {
                Matcher m = LFDI.matcher(SepDouble.body(request));
                if (!m.find()) {
                    SepDouble.status(response, callback, 400);
                } else if (lfdis.stream().anyMatch(m.group(1)::equalsIgnoreCase)) {
                    SepDouble.status(response, callback, 409);
                } else {
                    lfdis.add(m.group(1).toUpperCase(java.util.Locale.ROOT));
                    SepDouble.created(response, callback, "/edev/" + (lfdis.size() - 1));
                }
                return true;
            }
            if (!"GET".equals(request.getMethod())) {
                return false;
            }
            if ("/edev".equals(path)) {
                Fields q = Request.extractQueryParameters(request);
                int s = q.get("s") == null ? 0 : Integer.parseInt(q.get("s").getValue());
                int l = q.get("l") == null ? 1 : Integer.parseInt(q.get("l").getValue());
                List<String> all = List.copyOf(lfdis);
                StringBuilder items = new StringBuilder();
                int n = 0;
                for (int i = s; i < all.size() && n < l; i++, n++) {
                    items.append(edev("/edev/" + i, all.get(i)).replace(" " + NS, ""));
                }
                SepDouble.page(response, callback, "<EndDeviceList " + NS + " href=\"/edev\" all=\"" + all.size()
                        + "\" results=\"" + n + "\">" + items + "</EndDeviceList>");
                return true;
            }
            Matcher e = Pattern.compile("/edev/(\\d+)").matcher(path);
            if (e.matches() && Integer.parseInt(e.group(1)) < lfdis.size()) {
                SepDouble.page(response, callback, edev(path, lfdis.get(Integer.parseInt(e.group(1)))));
                return true;
            }
            return false;
        }, true);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** CSIP-AUS S-ALL-03 and CSIP AGG-001..012 FAIL when the aggregator is shown another client's EndDevice. */
    @Test
    void anotherClientsEndDeviceFailsSAll03AndAgg() {
        Map<String, CaseResult> result = server.run(Set.of(SepServerSuite.AGGREGATOR), "S-ALL-03", "AGG-001");
        for (String id : List.of("S-ALL-03", "AGG-001")) {
            CaseResult r = result.get(id);
            assertEquals(Verdict.FAIL, r.verdict(), id + ": " + r.reason() + " " + r.violations() + " " + r.notes());
            assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(AggregatorCases.VISIBILITY)
                    && v.message().contains(FOREIGN)), id + ": " + r.violations());
            assertTrue(r.violations().stream().noneMatch(v -> v.rule().equals(AggregatorCases.REGISTERED)
                    || v.rule().equals(AggregatorCases.LISTED)), id + ": the sites themselves are served right: "
                    + r.violations());
        }
    }
}

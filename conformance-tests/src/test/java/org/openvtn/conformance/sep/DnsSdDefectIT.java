package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;

/**
 * COMM-001 (IEEE 2030.5-2018 §6.5 DNS-SD; CSIP COMM-001) against a defective 2030.5 server (a test double over real
 * mutual TLS) that serves DeviceCapability at {@code /dcap} but advertises {@code _smartenergy._tcp} on the loopback
 * with {@code dcap=/sep2/dcap}, a path it does not serve. The case FAILs on {@code sep.dnssd.dcap}.
 */
class DnsSdDefectIT {

    @Test
    void wrongAdvertisedPathFails() throws Exception {
        Map<String, String> pages = Map.of("/dcap", "<DeviceCapability " + SepDouble.NS + " href=\"/dcap\">"
                + "<EndDeviceListLink all=\"0\" href=\"/edev\"/></DeviceCapability>");
        try (SepDouble server = SepDouble.start(pages, (request, response, callback, path) -> false, false);
             JmDNS responder = JmDNS.create(InetAddress.getByName("127.0.0.1"), "dnssd-defect-double")) {
            Map<String, String> txt = new LinkedHashMap<>();
            txt.put("txtvers", "1");
            txt.put("dcap", "/sep2/dcap");
            txt.put("https", Integer.toString(server.port()));
            responder.registerService(ServiceInfo.create(DnsSdCases.SERVICE_TYPE, "defective-"
                    + UUID.randomUUID().toString().substring(0, 8), server.port(), 0, 0, txt));
            CaseResult r = server.run(Set.of(SepServerSuite.DNS_SD), "COMM-001").get("COMM-001");
            assertEquals(Verdict.FAIL, r.verdict(), r.reason() + " " + r.violations() + " " + r.notes());
            assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(DnsSdCases.DCAP)
                    && v.message().contains("/sep2/dcap")), r.violations().toString());
            assertTrue(r.violations().stream().noneMatch(v -> v.rule().equals(DnsSdCases.FOUND)
                    || v.rule().equals(DnsSdCases.TXT)), r.violations().toString());
        }
    }
}

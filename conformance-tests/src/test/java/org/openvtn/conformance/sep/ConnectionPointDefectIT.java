package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;

/**
 * CSIP-AUS S-OPT-03, S-ALL-53 and S-OPT-02 against a defective 2030.5 server (a test double over real mutual TLS):
 * its EndDevice links a ConnectionPoint, but every PUT there is answered 204, the invalid one included, and a stale
 * connectionPointId keeps being served. Each case FAILs, naming its rule.
 */
class ConnectionPointDefectIT {

    private static final String NS = "xmlns=\"urn:ieee:std:2030.5:ns\" xmlns:csipaus=\"https://csipaus.org/ns/v1.3\"";
    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> pages = SepDouble.devicePages(NS, "<csipaus:ConnectionPointLink href=\"/edev/1/cp\"/>", Map.of(
                // Accepts every PUT (204), even an invalid one, and keeps serving this stale id.
                "/edev/1/cp", "<ConnectionPoint xmlns=\"https://csipaus.org/ns/v1.3\" href=\"/edev/1/cp\">"
                        + "<connectionPointId>0000000000</connectionPointId></ConnectionPoint>"));
        server = SepDouble.start(pages, SepDouble.acceptsEveryPut(pages), false);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** CSIP-AUS S-OPT-03, S-ALL-53 (lost PUT) and S-OPT-02 (invalid PUT accepted) FAIL with their rules. */
    @Test
    void lostAndUncheckedConnectionPointsFail() {
        Map<String, CaseResult> result = server.run(Set.of(SepServerSuite.CSIP_AUS), "S-OPT-03", "S-ALL-53",
                "S-OPT-02");
        for (String id : new String[] {"S-OPT-03", "S-ALL-53", "S-OPT-02"}) {
            CaseResult r = result.get(id);
            assertEquals(Verdict.FAIL, r.verdict(), id + ": " + r.reason() + " " + r.violations());
            assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(ConnectionPointCases.STORED)
                    && v.message().contains("'0000000000' but the device PUT")), id + ": " + r.violations());
        }
        CaseResult opt02 = result.get("S-OPT-02");
        // the stale id already fails the first step; a server that stored it would still fail the refusal rule
        assertTrue(opt02.violations().stream().anyMatch(v -> v.rule().equals(ConnectionPointCases.REFUSED)
                && v.message().contains("expected 400") && v.message().contains("-> 204")),
                opt02.violations().toString());
    }
}

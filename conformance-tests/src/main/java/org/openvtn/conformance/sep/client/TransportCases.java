package org.openvtn.conformance.sep.client;

import java.util.List;
import org.openvtn.conformance.ConformanceCase;

/**
 * CSIP CORE-002 on the client side: the device speaks TLS only (the harness has no plain-HTTP port, so every request
 * it ever makes is over the 2030.5 TLS profile) and a function set the server links but does not implement, answered
 * 501 Not Implemented, does not derail it: the DER control next to it is still applied and answered (IEEE 2030.5-2018
 * §5.4 HTTP status codes, §6.11 TLS; CSIP CORE-002).
 */
final class TransportCases {
    private static final String MODE = "opModMaxLimW";

    private TransportCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(DeviceCase.of(List.of("CORE-002"), "TLS only; the FSA links a DemandResponseProgramList the"
                        + " server answers 501: the DER control next to it is still applied (Response 2)",
                "IEEE 2030.5-2018 §5.4, §6.11; CSIP CORE-002 (client side, our reading)", TransportCases::unimplemented));
    }

    static void unimplemented(DeviceSteps s) throws Exception {
        if (s.driver().mode() == DeviceDriver.Mode.PATIENCE) {
            s.driver().effective();
        }
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> {
            sc.unimplementedDr = true;
            p[0] = sc.program("pi" + DeviceSteps.id(), 1);
        });
        try {
            Scenario.Control c = s.active(p[0], MODE, 4700);
            int from = h.count();
            boolean walked = s.refresh(p[0].href() + "/ctl");
            boolean asked = h.requests(from).stream().anyMatch(r -> r.method().equals("GET")
                    && r.path().equals(Scenario.DRP_LIST));
            s.ctx().note("walk " + (walked ? "reported success" : "reported failure") + "; the device "
                    + (asked ? "asked for the DemandResponseProgramList and got 501" : "did not ask for the"
                    + " DemandResponseProgramList"));
            s.awaitResponse(from, c, 2);
            s.expectEffective(MODE, 4700L, c.href(), "the DER control next to a function set answered 501");
        } finally {
            h.edit(sc -> sc.unimplementedDr = false);
        }
    }
}

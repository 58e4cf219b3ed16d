package org.openvtn.conformance.sep.client;

import java.util.List;
import org.openvtn.conformance.ConformanceCase;

/**
 * CSIP-AUS GEN-/LOA- rows of {@code sep-client}: the dynamic operating envelope modes of CSIP-AUS 1.3 (DERControlBase
 * extensions {@code opModExpLimW}, {@code opModGenLimW}, {@code opModImpLimW}, {@code opModLoadLimW} in
 * {@code https://csipaus.org/ns/v1.3}, ActivePower, multiplier 0), published schema-valid against csip-aus 1.3
 * ({@link CsipAusModes}) and checked through the device's effective control.
 */
final class CsipAusCases {
    private CsipAusCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                active("GEN-01", "export limit", "opModExpLimW", 5000),
                active("GEN-02", "generation limit", "opModGenLimW", 4200),
                dflt("GEN-03", "export limit", "opModExpLimW", 1500),
                dflt("GEN-04", "generation limit", "opModGenLimW", 2500),
                active("LOA-01", "import limit", "opModImpLimW", 6300),
                active("LOA-02", "load limit", "opModLoadLimW", 3700),
                dflt("LOA-03", "import limit", "opModImpLimW", 7100),
                dflt("LOA-04", "load limit", "opModLoadLimW", 2900),
                DeviceCase.of(List.of("LOA-09"), "an active CSIP-AUS import limit (opModImpLimW = 5200 W) cancelled by"
                                + " the server (EventStatus 2): Response 6, the limit released", "IEEE 2030.5-2018 §12.1.3"
                                + " EventStatus; CSIP-AUS 1.3 opModImpLimW; CSIP-AUS LOA-09",
                        s -> ControlCases.cancellation(s, "opModImpLimW", 5200)),
                DeviceCase.of(List.of("LOA-10"), "two programs, overlapping CSIP-AUS import limits (opModImpLimW 8000 W"
                                + " at primacy 2, 2600 W at primacy 1): the lower primacy value wins", "IEEE 2030.5-2018"
                                + " §12.1.3.2 primacy; CSIP-AUS 1.3 opModImpLimW; CSIP-AUS LOA-10",
                        s -> ControlCases.primacy(s, "opModImpLimW", 8000, 2600)));
    }

    private static ConformanceCase active(String id, String what, String mode, long watts) {
        return DeviceCase.of(List.of(id), "active DERControl with the CSIP-AUS " + what + " (" + mode + " = " + watts
                        + " W): Responses 1 and 2, the limit applied from that event",
                "CSIP-AUS 1.3 DERControlBase extension " + mode + "; IEEE 2030.5-2018 §10.10.3.4; CSIP-AUS " + id,
                s -> ControlCases.mode(s, mode, watts));
    }

    private static ConformanceCase dflt(String id, String what, String mode, long watts) {
        return DeviceCase.of(List.of(id), "DefaultDERControl with the CSIP-AUS " + what + " (" + mode + " = " + watts
                        + " W) and no event: the default limit applied",
                "CSIP-AUS 1.3 DERControlBase extension " + mode + "; IEEE 2030.5-2018 §10.10.3.3; CSIP-AUS " + id,
                s -> defaults(s, mode, watts));
    }

    static void defaults(DeviceSteps s, String mode, long watts) throws Exception {
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> {
            p[0] = sc.program("pa" + DeviceSteps.id(), 1);
            p[0].defaults = new Scenario.Mode(mode, watts);
        });
        s.refresh(p[0].href() + "/ctl");
        s.expectEffective(mode, watts, "default:" + p[0].href(), "the DefaultDERControl of " + p[0].href());
    }
}

package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.admin.AdminConfig;
import org.openvtn.admin.AdminServer;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.http.SepServer;

/**
 * CSIP-AUS S-OPT-01 "Discovery Rejecting In-Band Registration" against OpenVTN's 2030.5 listener with
 * {@code inBandRegistration(false)} (PASS), and the defective double of the case: a listener of the same core that
 * declares the capability but keeps in-band registration on, where an unprovisioned device's POST creates its
 * EndDevice (FAIL on {@code sep.registration.in-band-refused}).
 */
class InBandRegistrationIT {
    private static final Set<String> CAPABILITIES = Set.of(SepServerSuite.OUT_OF_BAND_ONLY,
            SepServerSuite.REGISTRATION);
    private static VtnCore core;
    private static SepServer refusing;
    private static SepServer accepting;
    private static AdminServer admin;

    @BeforeAll
    static void start() {
        core = VtnCore.open(CoreConfig.builder().inMemory("inband" + UUID.randomUUID().toString().replace("-", ""))
                .build());
        refusing = SepServer.start(listener().inBandRegistration(false).build(), core);
        accepting = SepServer.start(listener().build(), core);
        admin = AdminServer.start(AdminConfig.builder().port(0).token(SepServerSuiteIT.TOKEN).build(), core);
    }

    private static SepConfig.Builder listener() {
        return SepServerSuiteIT.listener(org.openvtn.sep.notify.DeliveryPolicy.builder());
    }

    @AfterAll
    static void stop() {
        admin.close();
        refusing.close();
        accepting.close();
        core.close();
    }

    private static CaseResult run(SepServer server) {
        return new ConformanceRunner(RunConfig.builder().caseTimeout(Duration.ofSeconds(60)).include("S-OPT-01")
                .build()).run(new SepServerSuite(), SepServerSuiteIT.target("https://127.0.0.1:" + server.port(),
                admin.baseUri(), CAPABILITIES)).results().stream().filter(r -> r.id().equals("S-OPT-01"))
                .findFirst().orElseThrow();
    }

    /** The refusing listener passes; then the accepting one, declaring the same, fails at the second device. */
    @Test
    void refusingListenerPassesAndAcceptingOneFails() {
        CaseResult pass = run(refusing);
        assertEquals(Verdict.PASS, pass.verdict(), pass.reason() + " " + pass.violations() + " " + pass.notes());
        CaseResult fail = run(accepting);
        assertEquals(Verdict.FAIL, fail.verdict(), fail.reason() + " " + fail.violations());
        assertTrue(fail.violations().stream().anyMatch(v -> v.rule().equals(ProgramCases.IN_BAND_REFUSED)
                && v.message().contains("did not provision")), fail.violations().toString());
    }
}

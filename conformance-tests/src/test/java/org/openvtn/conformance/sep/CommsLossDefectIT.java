package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.admin.AdminConfig;
import org.openvtn.admin.AdminServer;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.sep.http.SepServer;
import org.openvtn.sep.notify.DeliveryPolicy;

/**
 * CSIP-AUS S-ALL-46 "Communication Loss" against a defective server: OpenVTN's 2030.5 listener made to give a
 * Notification up after its first refused attempt ({@code maxAttempts(1)}), as a server that does not retry would.
 * The Notification refused during the loss never arrives: FAIL on {@code sep.notification.after-comms-loss}.
 */
class CommsLossDefectIT {
    private static final TestPki PKI = TestPki.shared();
    private static VtnCore core;
    private static SepServer sep;
    private static AdminServer admin;

    @BeforeAll
    static void start() {
        core = VtnCore.open(CoreConfig.builder().inMemory("commsloss" + UUID.randomUUID().toString().replace("-", ""))
                .build());
        sep = SepServer.start(SepServerSuiteIT.listener(DeliveryPolicy.builder().maxAttempts(1)).build(), core);
        admin = AdminServer.start(AdminConfig.builder().port(0).token(SepServerSuiteIT.TOKEN).build(), core);
    }

    @AfterAll
    static void stop() {
        admin.close();
        sep.close();
        core.close();
    }

    /** The server tried once during the loss and gave up. */
    @Test
    void notificationGivenUpDuringTheLossFails() {
        var f = PKI.files("device-0001");
        TargetConfig target = new TargetConfig("https://127.0.0.1:" + sep.port(), f.chain(), f.key(),
                PKI.pki().sercaFile(), PKI.dir(), Set.of(SepServerSuite.SUBSCRIPTIONS), admin.baseUri(),
                SepServerSuiteIT.TOKEN, Duration.ofSeconds(5), Map.of("pen", Long.toString(SepServerSuiteIT.PEN),
                "commsLossSeconds", "2", "notificationRetrySeconds", "6"));
        CaseResult r = new ConformanceRunner(RunConfig.builder().caseTimeout(Duration.ofSeconds(60)).include("S-ALL-46")
                .build()).run(new SepServerSuite(), target).results().stream().filter(x -> x.id().equals("S-ALL-46"))
                .findFirst().orElseThrow();
        assertEquals(Verdict.FAIL, r.verdict(), r.reason() + " " + r.violations() + " " + r.notes());
        assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(CommsLossCases.AFTER_LOSS))
                || r.reason().contains(CommsLossCases.AFTER_LOSS), r.reason() + " " + r.violations());
    }
}

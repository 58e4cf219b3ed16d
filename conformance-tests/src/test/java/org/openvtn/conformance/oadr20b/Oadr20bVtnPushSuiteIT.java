package org.openvtn.conformance.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.admin.AdminConfig;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;
import org.openvtn.conformance.runner.RunResult;
import org.openvtn.oadr20b.push.PushConfig;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * The whole {@code oadr20b-vtn-push} suite (issue #14; official N0_50xx, E0_60xx, P0_70xx, R0_80xx) against
 * OpenVTN's own VTN in process: real mutual TLS both ways on port 0 (the suite's VEN calls the VTN, the VTN pushes
 * to the suite's listener), the test PKI, the admin API as driver. The VTN's push host rule allows only the
 * loopback address the listener binds (the SSRF-style rule with an allow-list, not allow-any). Every realised
 * case must PASS.
 */
class Oadr20bVtnPushSuiteIT {

    /** The capabilities OpenVTN declares (the same set as conformance-tests/targets/openvtn-dev-oadr20b-push.yaml). */
    static final Set<String> CAPABILITIES = Oadr20bVtnPullSuiteIT.CAPABILITIES;

    private static final TestPki PKI = TestPki.shared();
    private static VtnServer vtn;

    @BeforeAll
    static void start() {
        vtn = VtnServer.start(vtnConfig("a2push"));
    }

    static VtnConfig vtnConfig(String prefix) {
        return VtnConfig.builder().inMemory(prefix + UUID.randomUUID().toString().replace("-", ""))
                .oadrHost("127.0.0.1").oadrPort(0).tls(PKI.oadrServerConfig().build())
                .push(PushConfig.builder().allowedHosts(List.of("127.0.0.1/32")).initialBackoff(Duration.ofMillis(50))
                        .maxBackoff(Duration.ofSeconds(1)).build())
                .admin(AdminConfig.builder().port(0).token("suite-token-0123456789").build()).build();
    }

    @AfterAll
    static void stop() {
        if (vtn != null) {
            vtn.close();
        }
    }

    static TargetConfig target(VtnServer vtn, Map<String, String> properties) {
        return target(vtn, "ven-ecc-0001", properties);
    }

    static TargetConfig target(VtnServer vtn, String ven, Map<String, String> properties) {
        var f = PKI.files(ven);
        return new TargetConfig("https://127.0.0.1:" + vtn.oadrPort(), f.chain(), f.key(), PKI.pki().caFile(),
                PKI.dir(), CAPABILITIES, vtn.adminBaseUri().orElseThrow(), "suite-token-0123456789",
                Duration.ofSeconds(10), properties);
    }

    /**
     * Every realised push case PASSes against our VTN; every catalogue row is reported. The suite plays the RSA VEN
     * here (as the dev target file does), so the listener and the VTN's push client use the RSA suite; the
     * defective-VTN runs use the ECC VEN.
     */
    @Test
    void ourVtnPassesEveryPushCase() {
        Oadr20bVtnPushSuite suite = new Oadr20bVtnPushSuite();
        RunResult result = new ConformanceRunner(RunConfig.builder().caseTimeout(Duration.ofSeconds(60)).build())
                .run(suite, target(vtn, "ven-rsa-0001", Map.of()));
        String table = result.results().stream().map(r -> r.id() + " " + r.verdict() + " " + r.reason()
                + (r.violations().isEmpty() ? "" : " " + r.violations())).collect(Collectors.joining("\n"));
        System.out.println(result.summary() + "\n" + table);
        List<String> ids = suite.cases().stream().map(ConformanceCase::info).map(i -> i.id()).toList();
        assertEquals(ids, result.results().stream().map(CaseResult::id).toList(), "every catalogue row reported");
        for (CaseResult r : result.results()) {
            assertEquals(Verdict.PASS, r.verdict(), () -> r.id() + ": " + r.reason() + "\n" + r.violations()
                    + "\n" + r.notes() + (r.stackTrace() == null ? "" : "\n" + r.stackTrace()));
        }
    }
}

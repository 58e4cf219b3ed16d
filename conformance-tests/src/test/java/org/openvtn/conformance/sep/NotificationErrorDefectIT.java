package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openvtn.admin.AdminConfig;
import org.openvtn.admin.AdminServer;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.http.SepServer;
import org.openvtn.sep.notify.DeliveryPolicy;
import org.openvtn.sep.notify.NotificationTargets;

/**
 * CSIP ERR-002 (IEEE 2030.5-2018 §5.6) against a deliberately defective 2030.5 server: OpenVTN's own listener
 * configured to give a Notification up after one attempt (no retry). The control created while the suite's listener
 * is down never reaches it after it is back, so the case FAILs on {@code sep.notification.retried}; the subscription
 * itself survives, so {@code sep.subscription.survives-failed-delivery} is not violated.
 */
class NotificationErrorDefectIT {

    @Test
    void notificationGivenUpAfterOneAttemptFails() {
        try (VtnCore core = VtnCore.open(CoreConfig.builder().inMemory("err002" + UUID.randomUUID().toString()
                .replace("-", "")).build());
             SepServer sep = SepServer.start(SepConfig.builder().tls(TestPki.shared().sepServerConfig().build())
                     .codec(SepCodec.create(new PublishedSchemas())).host("127.0.0.1").port(0)
                     .pen(SepServerSuiteIT.PEN).delivery(DeliveryPolicy.builder().maxAttempts(1)
                             .targets(NotificationTargets.publicOnly(java.util.List.of("127.0.0.0/8"))).build())
                     .build(), core);
             AdminServer admin = AdminServer.start(AdminConfig.builder().port(0).token(SepServerSuiteIT.TOKEN).build(),
                     core)) {
            var result = new ConformanceRunner(RunConfig.builder().caseTimeout(Duration.ofSeconds(60))
                    .include("ERR-002").build()).run(new SepServerSuite(), SepServerSuiteIT.target(
                    "https://127.0.0.1:" + sep.port(), admin.baseUri(), Set.of(SepServerSuite.SUBSCRIPTIONS),
                    // nothing is retried here: a short wait shows it as well as the default 15 s
                    java.util.Map.of("err002DownSeconds", "2", "err002WaitSeconds", "6")));
            CaseResult r = result.results().stream().filter(x -> x.id().equals("ERR-002")).findFirst().orElseThrow();
            assertEquals(Verdict.FAIL, r.verdict(), r.reason() + " " + r.violations() + " " + r.notes());
            assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(ErrCases.RETRIED)),
                    r.violations().toString());
            assertTrue(r.violations().stream().noneMatch(v -> v.rule().equals(ErrCases.SURVIVES)),
                    r.violations().toString());
        }
    }
}

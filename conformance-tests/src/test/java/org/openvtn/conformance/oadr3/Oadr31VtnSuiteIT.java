package org.openvtn.conformance.oadr3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.testing.TestMosquitto;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;
import org.openvtn.conformance.runner.RunResult;

/**
 * The whole {@code oadr31-vtn} suite against OpenVTN's own OpenADR 3.1 listener, in process (3.1 Definition:
 * security, object privacy, response filtering, response codes, object names; openadr3.yaml operations). Every
 * catalogue row is reported and passes, except the rows of {@link #KNOWN_GAPS}: parts of the 3.1 definition that
 * OpenVTN does not serve yet (docs/openadr-3.md "Not yet served"). Those may end in any verdict, so the row turns
 * PASS by itself once the VTN serves them; every other row must PASS.
 */
class Oadr31VtnSuiteIT {
    /** Rows OpenVTN's 3.1 listener does not satisfy yet, with why (reported, not asserted). */
    static final Map<String, String> KNOWN_GAPS = Map.of(
            "OADR3-MQTT-01", "NOT_APPLICABLE: this in-process VTN is configured without an MQTT broker",
            "OADR3-MQTT-02", "NOT_APPLICABLE: this in-process VTN is configured without an MQTT broker",
            "OADR3-MQTT-03", "NOT_APPLICABLE: this in-process VTN is configured without an MQTT broker");
    static Oadr3Target vtn;

    @BeforeAll
    static void start() {
        vtn = new Oadr3Target("oadr3suite");
    }

    @AfterAll
    static void stop() {
        if (vtn != null) {
            vtn.close();
        }
    }

    @Test
    void openVtnPassesEveryRowItServes() {
        Oadr31VtnSuite suite = new Oadr31VtnSuite();
        RunResult result = new ConformanceRunner(RunConfig.builder().caseTimeout(Duration.ofSeconds(60)).build())
                .run(suite, vtn.target(vtn.baseUri(), Map.of()));
        String table = result.results().stream().map(r -> r.id() + " " + r.verdict() + " " + r.duration().toMillis() + "ms " + r.reason())
                .collect(Collectors.joining("\n"));
        System.out.println(result.summary() + "\n" + table);
        List<String> ids = suite.cases().stream().map(ConformanceCase::info).map(i -> i.id()).toList();
        assertEquals(ids, result.results().stream().map(CaseResult::id).toList(), "every catalogue row reported");
        for (CaseResult r : result.results()) {
            if (!KNOWN_GAPS.containsKey(r.id())) {
                assertEquals(Verdict.PASS, r.verdict(), () -> r.id() + ": " + r.reason() + "\n" + r.violations()
                        + "\n" + r.notes() + (r.stackTrace() == null ? "" : "\n" + r.stackTrace()));
            }
        }
        for (CaseResult mqtt : result.results()) {
            if (mqtt.id().startsWith("OADR3-MQTT-")) {
                assertEquals(Verdict.NOT_APPLICABLE, mqtt.verdict(), mqtt::id);
                assertTrue(mqtt.reason().contains("offers no MQTT binding"), mqtt::reason);
            }
        }
    }

    /**
     * The MQTT rows against the same VTN with a private Eclipse Mosquitto (real sockets; skipped with the reason
     * when mosquitto is not installed): every OADR3-MQTT row PASSes.
     */
    @Test
    void mqttRowsPassWithABroker(@TempDir Path dir) throws Exception {
        try (TestMosquitto broker = TestMosquitto.start(dir);
             Oadr3Target withMqtt = new Oadr3Target("oadr3suitemqtt", broker.url())) {
            RunResult result = new ConformanceRunner(RunConfig.builder().caseTimeout(Duration.ofSeconds(60))
                    .include("OADR3-MQTT-*").build()).run(new Oadr31VtnSuite(),
                    withMqtt.target(withMqtt.baseUri(), Map.of()));
            List<CaseResult> rows = result.results().stream().filter(r -> r.id().startsWith("OADR3-MQTT-")).toList();
            assertEquals(3, rows.size(), result::summary);
            for (CaseResult r : rows) {
                assertEquals(Verdict.PASS, r.verdict(), () -> r.id() + ": " + r.reason() + "\n" + r.violations()
                        + "\n" + r.notes() + (r.stackTrace() == null ? "" : "\n" + r.stackTrace()));
            }
        }
    }
}

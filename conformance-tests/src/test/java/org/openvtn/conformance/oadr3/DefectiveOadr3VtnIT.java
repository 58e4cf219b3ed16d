package org.openvtn.conformance.oadr3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.testing.TestMosquitto;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;
import org.openvtn.conformance.runner.RunResult;
import org.openvtn.conformance.oadr3.DefectiveOadr3Vtn.Defect;

/**
 * The {@code oadr31-vtn} cases have teeth: in front of a real OpenVTN 3.1 listener, a double that breaks one rule
 * makes the case protecting it FAIL on the named rule — object privacy (3.1 Definition "Object Privacy": PRIV-01,
 * PRIV-04), pagination ("Response Filtering": PAGE-01) and authentication ("OAuth 2.0 client credential flow":
 * AUTH-02), MQTT topics and payloads (MQTT-01..03) — while the same case passes against the VTN itself
 * (Oadr31VtnSuiteIT).
 */
class DefectiveOadr3VtnIT {
    static Oadr3Target vtn;
    static DefectiveOadr3Vtn dbl;

    @BeforeAll
    static void start() {
        vtn = new Oadr3Target("oadr3defect");
        dbl = new DefectiveOadr3Vtn(vtn, Defect.IGNORES_LIMIT);
    }

    @AfterAll
    static void stop() {
        if (dbl != null) {
            dbl.close();
        }
        if (vtn != null) {
            vtn.close();
        }
    }

    private static RunResult run(Defect defect, String... include) {
        dbl.defect(defect);
        RunConfig.Builder b = RunConfig.builder().caseTimeout(Duration.ofSeconds(60));
        for (String i : include) {
            b.include(i);
        }
        return new ConformanceRunner(b.build()).run(new Oadr31VtnSuite(), vtn.target(dbl.baseUrl(), Map.of()));
    }

    private static void fails(RunResult r, String id, String rule) {
        CaseResult c = r.results().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        assertEquals(Verdict.FAIL, c.verdict(), () -> id + ": " + c.reason() + " " + c.notes());
        assertTrue(c.violations().stream().anyMatch(v -> v.rule().equals(rule)), () -> id + " " + c.violations());
    }

    /** A VTN leaking VEN B's ven, resources, reports and events to VEN A fails the privacy cases. */
    @Test
    void leakingVenObjectsFailsPrivacy() {
        RunResult r = run(Defect.LEAKS_OTHER_VENS_OBJECTS, "OADR3-PRIV-0*");
        for (String id : new String[] {"OADR3-PRIV-01", "OADR3-PRIV-02", "OADR3-PRIV-03", "OADR3-PRIV-04"}) {
            fails(r, id, "oadr3.privacy");
        }
    }

    /** A VTN ignoring {@code limit} fails OADR3-PAGE-01. */
    @Test
    void ignoringLimitFailsPaging() {
        fails(run(Defect.IGNORES_LIMIT, "OADR3-PAGE-01"), "OADR3-PAGE-01", "oadr3.page");
    }

    /**
     * MQTT rows (Definition "Notifications via Additional Protocols"): a VTN naming topics it does not publish to
     * fails every OADR3-MQTT row on delivery; one publishing {@code "operation": "POST"} fails them on the payload.
     */
    @Test
    void wrongMqttTopicsOrPayloadsFailTheMqttRows(@TempDir Path dir) throws Exception {
        try (TestMosquitto broker = TestMosquitto.start(dir);
             Oadr3Target withMqtt = new Oadr3Target("oadr3defectmqtt", broker.url());
             DefectiveOadr3Vtn mqttDouble = new DefectiveOadr3Vtn(withMqtt, Defect.MISROUTED_MQTT_TOPICS,
                     broker.url())) {
            for (Defect d : new Defect[] {Defect.MISROUTED_MQTT_TOPICS, Defect.MALFORMED_MQTT_PAYLOAD}) {
                mqttDouble.defect(d);
                RunResult r = new ConformanceRunner(RunConfig.builder().caseTimeout(Duration.ofSeconds(60))
                        .include("OADR3-MQTT-*").build()).run(new Oadr31VtnSuite(),
                        withMqtt.target(mqttDouble.baseUrl(), Map.of()));
                for (String id : new String[] {"OADR3-MQTT-01", "OADR3-MQTT-02", "OADR3-MQTT-03"}) {
                    fails(r, id, d == Defect.MISROUTED_MQTT_TOPICS ? "oadr3.mqtt.delivery" : "oadr3.mqtt.payload");
                }
            }
        }
    }

    /** A VTN answering 200 without a token fails OADR3-AUTH-02. */
    @Test
    void answeringWithoutTokenFailsAuth() {
        fails(run(Defect.ANSWERS_WITHOUT_TOKEN, "OADR3-AUTH-02"), "OADR3-AUTH-02", "oadr3.auth.401");
    }
}

package org.openvtn.conformance.oadr3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.CaseInfo;
import org.openvtn.conformance.CaseNotApplicable;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.Suites;
import org.openvtn.conformance.runner.Verdicts;

/**
 * The {@code oadr31-vtn} catalogue: found by name, unique IDs, every row citing the 3.1 Definition or openadr3.yaml;
 * the schema judge is the published document; a case ending with {@link CaseNotApplicable} is NOT_APPLICABLE
 * unless a MUST violation came first.
 */
class Oadr31VtnSuiteTest {

    @Test
    void catalogueIsDiscoveredAndCitesTheDefinition() {
        var suite = Suites.discover().get("oadr31-vtn");
        assertSame(Oadr31VtnSuite.class, suite.getClass());
        Set<String> ids = new HashSet<>();
        for (var c : suite.cases()) {
            CaseInfo i = c.info();
            assertTrue(ids.add(i.id()), i.id());
            assertTrue(i.specRef().contains("3.1 Definition") || i.specRef().contains("openadr3.yaml"), i.id());
        }
        assertTrue(ids.containsAll(List.of("OADR3-AUTH-02", "OADR3-PRIV-01", "OADR3-PAGE-01", "OADR3-FILT-01",
                "OADR3-CRUD-SUBSCRIPTION", "OADR3-ERR-409", "OADR3-DT-01", "OADR3-HOOK-02", "OADR3-MQTT-01")));
    }

    @Test
    void schemasComeFromThePublishedDocument() throws Exception {
        Oadr3SchemaCheck s = Oadr3SchemaCheck.load();
        ObjectMapper m = new ObjectMapper();
        assertFalse(s.errors("program", m.readTree("{\"programName\":\"p\"}")).isEmpty(), "metadata is required");
        assertEquals(List.of(), s.errors("program", m.readTree("""
                {"id":"p1","createdDateTime":"2030-01-01T00:00:00Z","modificationDateTime":"2030-01-01T00:00:00Z",
                 "objectType":"PROGRAM","programName":"p"}""")));
        assertEquals(List.of(), s.errors("problem", m.readTree("{\"title\":\"Not Found\",\"status\":404}")));
        assertFalse(s.errors("notifiersResponse", m.readTree("{}")).isEmpty(), "WEBHOOK is required");
        String event = """
                {"id":"e1","createdDateTime":"2030-01-01T00:00:00Z","modificationDateTime":"2030-01-01T00:00:00Z",
                 "objectType":"EVENT","programID":"p1","intervals":[]}""";
        assertEquals(List.of(), s.notificationErrors(m.readTree("{\"objectType\":\"EVENT\",\"operation\":\"CREATE\","
                + "\"object\":" + event + "}")));
        assertFalse(s.notificationErrors(m.readTree("{\"objectType\":\"EVENT\",\"operation\":\"POST\",\"object\":"
                + event + "}")).isEmpty(), "operation outside the enum");
        assertFalse(s.notificationErrors(m.readTree("{\"objectType\":\"EVENT\",\"operation\":\"CREATE\","
                + "\"object\":{\"objectType\":\"EVENT\"}}")).isEmpty(), "an event without its metadata");
    }

    @Test
    void notApplicableFromTheTargetsAnswers() {
        CaseInfo info = CaseInfo.of("X", "t", "3.1 Definition", "BL+VEN", "https-rest");
        assertEquals(Verdict.NOT_APPLICABLE, Verdicts.decide(info, List.of(), new CaseNotApplicable("no MQTT"))
                .verdict());
        assertEquals("no MQTT", Verdicts.decide(info, List.of(), new CaseNotApplicable("no MQTT")).reason());
        assertEquals(Verdict.FAIL, Verdicts.decide(info, List.of(RuleViolation.must("r", "e", "m")),
                new CaseNotApplicable("no MQTT")).verdict());
    }
}

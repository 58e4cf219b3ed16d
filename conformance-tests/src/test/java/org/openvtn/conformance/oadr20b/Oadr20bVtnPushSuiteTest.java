package org.openvtn.conformance.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.CaseInfo;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Suite;
import org.openvtn.conformance.runner.Suites;

/**
 * The push catalogue (issue #14): {@code openvtn conformance list|run} finds it by name on the class path, every row
 * is a push row named after official push IDs (N0_50xx, E0_60xx, P0_70xx, R0_80xx/81xx; official-test-ids.md),
 * IDs are unique, and the capabilities rows require are declared by the suite.
 */
class Oadr20bVtnPushSuiteTest {

    private static final Pattern PUSH_ID = Pattern.compile("(N0_50|E0_60|P0_70|R0_8[01]|G0_90)\\d\\d|A_E2_0\\d{3}");

    @Test
    void discoveredWithPushRowsOnly() {
        Suite suite = Suites.discover().get(Oadr20bVtnPushSuite.NAME);
        assertEquals(Oadr20bVtnPushSuite.class, suite.getClass());
        List<CaseInfo> rows = suite.cases().stream().map(ConformanceCase::info).toList();
        assertTrue(rows.size() >= 15, "catalogue size " + rows.size());
        Set<String> official = new HashSet<>();
        for (CaseInfo row : rows) {
            assertEquals(OadrCase.PUSH_TRANSPORT, row.transport(), row.id());
            assertTrue(PUSH_ID.matcher(row.id()).matches(), row.id());
            assertTrue(row.officialIds().contains(row.id()), row.id());
            for (String id : row.officialIds()) {
                assertTrue(PUSH_ID.matcher(id).matches(), id);
                assertTrue(official.add(id), "official ID in two rows: " + id);
            }
            assertTrue(suite.capabilities().keySet().containsAll(row.requires()), row.id() + " " + row.requires());
        }
        assertTrue(official.containsAll(List.of("N0_5020", "N0_5040", "E0_6020", "E0_6030", "R0_8010")));
    }
}

package org.openvtn.conformance.sep.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.runner.Suites;
import org.openvtn.conformance.target.TargetFile;

/**
 * Issue #16: the ready-made device target file (conformance-tests/targets/openvtn-device.yaml) loads and names the
 * harness's 2030.5 server identity of the `openvtn dev` PKI and the device automation interface; the suite is
 * discoverable and its rows are named after official client IDs, none twice.
 */
class DeviceTargetFileTest {

    @Test
    void deviceTarget() {
        TargetFile t = TargetFile.load(Path.of("targets/openvtn-device.yaml"));
        Path root = Path.of("targets").toAbsolutePath().getParent().getParent().normalize();
        assertEquals("https://127.0.0.1:9445/sut/cap", t.baseUrl());
        assertEquals(root.resolve("var/dev/pki/vtn/sep-server-chain.crt"), t.certificate().normalize());
        assertEquals(root.resolve("var/dev/pki/serca.crt"), t.ca().normalize());
        assertEquals("automation", t.properties().get("deviceDriver"));
        assertTrue(t.adminUrl().startsWith("http://127.0.0.1:"));
        assertEquals(SepClientSuite.NAME, Suites.discover().get(SepClientSuite.NAME).name());
    }

    @Test
    void rowsAreOfficialClientIds() {
        Set<String> seen = new HashSet<>();
        for (ConformanceCase c : new SepClientSuite().cases()) {
            List<String> ids = c.info().officialIds();
            assertEquals(c.info().id(), ids.get(0));
            for (String id : ids) {
                assertTrue(id.matches("(COMM|CORE|BASIC|ERR)-\\d{3}[A-G]?|(ALL|GEN|LOA|STO|MUL)-\\d{2}(-REJ|-EXT)?|P-\\d{2}"), id);
                assertTrue(seen.add(id), "official ID claimed twice: " + id);
            }
        }
    }
}

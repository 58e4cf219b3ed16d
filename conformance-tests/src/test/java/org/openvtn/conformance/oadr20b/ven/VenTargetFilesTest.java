package org.openvtn.conformance.oadr20b.ven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.runner.Suites;
import org.openvtn.conformance.target.TargetFile;

/**
 * Issue #15: the ready-made VEN-suite target files (conformance-tests/targets/openvtn-ven-*.yaml) load, name the
 * harness VTN identity of the `openvtn dev` PKI and the automation interface, and their suites are discoverable.
 */
class VenTargetFilesTest {

    @Test
    void pullTarget() {
        check("openvtn-ven-pull.yaml", Oadr20bVenPullSuite.NAME, "https://127.0.0.1:9443");
    }

    @Test
    void pushTarget() {
        check("openvtn-ven-push.yaml", Oadr20bVenPushSuite.NAME, "https://127.0.0.1:9444");
    }

    private static void check(String name, String suite, String baseUrl) {
        TargetFile t = TargetFile.load(Path.of("targets").resolve(name));
        Path root = Path.of("targets").toAbsolutePath().getParent().getParent().normalize();
        assertEquals(baseUrl, t.baseUrl());
        assertEquals(root.resolve("var/dev/pki/vtn/vtn-ecc-chain.crt"), t.certificate().normalize());
        assertEquals(root.resolve("var/dev/pki/ca.crt"), t.ca().normalize());
        assertEquals("automation", t.properties().get("venDriver"));
        assertTrue(t.adminUrl().startsWith("http://127.0.0.1:"));
        assertEquals(suite, Suites.discover().get(suite).name());
    }
}

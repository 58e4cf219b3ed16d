package org.openvtn.conformance.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.pki.NegativePki;
import org.openvtn.certs.pki.PkiGenerator;
import org.openvtn.conformance.Suite;
import org.openvtn.conformance.runner.Suites;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.target.TargetFile;

/**
 * The ready-made target files for {@code openvtn dev} ({@code conformance-tests/targets/}) cannot rot: they load
 * through {@link TargetFile}, their paths point at {@code var/dev/} of the repository root, every referenced file
 * exists in a PKI directory laid out as {@code openvtn dev} writes it, and they declare exactly the capabilities
 * the CI suite runs declare for OpenVTN.
 */
class DevTargetFilesTest {
    private static final Path TARGETS = Path.of("targets");

    @Test
    void oadr20bTargetMatchesTheDevServerAndCi(@TempDir Path repo) throws Exception {
        TargetConfig t = check(repo, "openvtn-dev-oadr20b.yaml", "oadr20b-vtn-pull", 8443);
        assertEquals(Oadr20bVtnPullSuiteIT.CAPABILITIES, t.capabilities());
        assertEquals(repo.resolve("var/dev/pki/ven/ven-ecc-0003-chain.crt"), t.certificate().normalize());
        assertEquals(repo.resolve("var/dev/pki/ca.crt"), t.caCertificate().normalize());
    }

    @Test
    void oadr20bPushTargetMatchesTheDevServerAndCi(@TempDir Path repo) throws Exception {
        TargetConfig t = check(repo, "openvtn-dev-oadr20b-push.yaml", "oadr20b-vtn-push", 8443);
        assertEquals(Oadr20bVtnPushSuiteIT.CAPABILITIES, t.capabilities());
        assertEquals(repo.resolve("var/dev/pki/ven/ven-rsa-0001-chain.crt"), t.certificate().normalize());
        assertEquals("127.0.0.1", t.property("pushListenHost", null));
    }

    @Test
    void sepTargetMatchesTheDevServerAndCi(@TempDir Path repo) throws Exception {
        TargetConfig t = check(repo, "openvtn-dev-sep.yaml", "sep-server", 8444);
        Field ci = Class.forName("org.openvtn.conformance.sep.SepServerSuiteIT").getDeclaredField("CAPABILITIES");
        ci.setAccessible(true);
        assertEquals(ci.get(null), t.capabilities());
        assertEquals(repo.resolve("var/dev/pki/devices/device-0001-chain.crt"), t.certificate().normalize());
        assertEquals(repo.resolve("var/dev/pki/serca.crt"), t.caCertificate().normalize());
        assertEquals("32473", t.property("pen", null));
        assertTrue(Files.isRegularFile(t.pkiDir().resolve("bad/device-via-mca-chain.crt")), "COMM-004 material");
    }

    @Test
    void oadr31TargetMatchesTheDevServer(@TempDir Path repo) throws Exception {
        TargetConfig t = check(repo, "openvtn-dev-oadr31.yaml", "oadr31-vtn", 8445);
        assertEquals("/openadr3/3.1.0", java.net.URI.create(t.baseUrl()).getPath());
        assertTrue(Files.isRegularFile(t.certificate()) && Files.isRegularFile(t.privateKey()), "webhook identity");
        assertNull(t.property("oadr3.mutualTls", null), "the dev 3.1 listener requires no client certificate");
    }

    /** Copies the file into a repository-shaped temp dir whose var/dev holds a PKI and an admin token. */
    private static TargetConfig check(Path repo, String name, String suiteName, int port) throws Exception {
        Path source = TARGETS.resolve(name);
        // From the repository root the file's paths land in <root>/var/dev.
        TargetFile inTree = TargetFile.load(source);
        Path root = source.toAbsolutePath().getParent().getParent().getParent().normalize();
        assertEquals(root.resolve("var/dev/pki"), inTree.pki().normalize());
        assertEquals(root.resolve("var/dev/admin-token"), inTree.adminTokenFile().normalize());

        Path copy = repo.resolve("conformance-tests/targets").resolve(name);
        Files.createDirectories(copy.getParent());
        Files.copy(source, copy);
        Files.createDirectories(repo.resolve("var/dev"));
        // the identities `openvtn dev` writes by default (DevCommand: 3 ECC VENs, 1 RSA VEN, 2 devices)
        new PkiGenerator(PkiGenerator.Options.builder().ecVens(3).rsaVens(1).devices(2).build())
                .generate(repo.resolve("var/dev/pki"));
        NegativePki.write(repo.resolve("var/dev/pki"), PkiGenerator.DEFAULT_PASSWORD.toCharArray(), Instant.now());
        Files.writeString(repo.resolve("var/dev/admin-token"), "dev-token\n");
        TargetConfig t = TargetFile.load(copy).toTargetConfig();
        assertEquals(port, java.net.URI.create(t.baseUrl()).getPort());
        assertEquals("http://127.0.0.1:8081/api/v1", t.adminUrl());
        assertEquals("dev-token", t.adminToken());
        assertEquals(repo.resolve("var/dev/pki"), t.pkiDir().normalize());
        Suite suite = Suites.discover().get(suiteName);
        assertTrue(suite.capabilities().keySet().containsAll(t.capabilities()),
                () -> suiteName + " does not know " + t.capabilities());
        return t;
    }
}

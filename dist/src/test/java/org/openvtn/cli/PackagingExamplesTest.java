package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The deployment files of issue #19 (packaging/, docs/deployment.md) stay valid: Docker cannot run here, so this
 * checks what can be checked without it. The two-node serve examples parse with the real {@link ServeYamlReader}
 * (strict: an unknown or misspelt key fails); the systemd unit and the Dockerfile start {@code openvtn} with
 * subcommands and flags the CLI has, name the data directory the examples use, and copy only paths that exist in
 * the repository (the published schemas are mounted, never copied).
 */
class PackagingExamplesTest {
    private static final Path PACKAGING = Path.of("..", "packaging");

    @ParameterizedTest
    @ValueSource(strings = {"serve-node-a.yaml", "serve-node-b.yaml"})
    void serveExamplesParse(String name) throws Exception {
        String yaml = Files.readString(PACKAGING.resolve(name));
        ServeYaml.Root root = new ServeYamlReader().read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        assertEquals("/var/lib/openvtn", root.dataDir());
        assertEquals("UTILITY-VTN", root.vtnId());
        assertNotNull(root.oadr());
        assertNotNull(root.sep());
        assertEquals(8081, root.admin().port());
        assertEquals(Boolean.FALSE, root.admin().metricsWithoutToken());
        // both nodes share one PostgreSQL database (issue #19), its password in an owner-only file
        assertTrue(root.database().url().startsWith("jdbc:postgresql://"), root.database().url());
        assertNotNull(root.database().passwordFile());
    }

    /** Both nodes are the same VTN: they differ only in the admin listener's own certificate. */
    @Test
    void theTwoNodesDifferOnlyInTheirAdminCertificate() throws Exception {
        List<String> a = Files.readAllLines(PACKAGING.resolve("serve-node-a.yaml"));
        List<String> b = Files.readAllLines(PACKAGING.resolve("serve-node-b.yaml"));
        assertEquals(a.size(), b.size());
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                differing.add(a.get(i).strip().split(":")[0]);
            }
        }
        assertEquals(List.of("#", "keyStore"), differing.stream().map(s -> s.startsWith("#") ? "#" : s).toList());
    }

    @Test
    void systemdUnitRunsAnExistingCommandWithHardening() throws Exception {
        String unit = Files.readString(PACKAGING.resolve("openvtn.service"));
        for (String line : List.of("ExecStart=", "ExecStartPre=")) {
            Matcher m = Pattern.compile("(?m)^" + line + ".*-jar /opt/openvtn/openvtn\\.jar (.*)$").matcher(unit);
            assertTrue(m.find(), line);
            assertCliAccepts(m.group(1).strip().split("\\s+"));
        }
        for (String directive : List.of("User=openvtn", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "ReadWritePaths=/var/lib/openvtn", "LimitNOFILE=65536", "KillSignal=SIGTERM")) {
            assertTrue(unit.lines().anyMatch(directive::equals), directive);
        }
    }

    @Test
    void dockerfileCopiesExistingPathsAndRunsAnExistingCommand() throws Exception {
        String docker = Files.readString(PACKAGING.resolve("Dockerfile"));
        Path root = PACKAGING.getParent();
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+) \\S+$").matcher(docker);
        int copies = 0;
        while (copy.find()) {
            copies++;
            assertTrue(Files.exists(root.resolve(copy.group(1))), "Dockerfile copies a missing path: " + copy.group(1));
            assertFalse(copy.group(1).contains("shared"), "the published schemas are mounted, never copied");
        }
        assertTrue(copies >= 8, "every module of the reactor is copied into the build stage");
        Set<String> modules = new LinkedHashSet<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(root.resolve("pom.xml")));
        while (module.find()) {
            modules.add(module.group(1));
            assertTrue(docker.contains("COPY " + module.group(1) + "/ "), "module " + module.group(1) + " not copied");
        }
        assertTrue(docker.contains("--mount=type=bind,from=published-schemas"));
        assertTrue(docker.contains("-Dpublished.schemas=/published-schemas"));
        assertTrue(Pattern.compile("(?m)^USER (?!0|root)").matcher(docker).find(), "runs as a non-root user");
        assertTrue(docker.contains("VOLUME [\"/var/lib/openvtn\", \"/tmp\"]"));
        assertTrue(docker.contains("/health/ready"));
        // the launcher jar and lib/ the build stage produces (dist's finalName and dependency copy)
        String distPom = Files.readString(root.resolve("dist").resolve("pom.xml"));
        assertTrue(distPom.contains("<finalName>openvtn</finalName>") && distPom.contains("/lib</outputDirectory>"));
        Matcher cmd = Pattern.compile("(?m)^CMD \\[(.*)]$").matcher(docker);
        assertTrue(cmd.find());
        assertCliAccepts(cmd.group(1).replace("\"", "").split(",\\s*"));
    }

    /** The subcommand exists and every option the file passes is one of its options. */
    private static void assertCliAccepts(String... args) {
        CommandLine cli = new CommandLine(new OpenVtn());
        CommandLine sub = cli.getSubcommands().get(args[0]);
        assertNotNull(sub, "no subcommand " + args[0]);
        CommandSpec spec = sub.getCommandSpec();
        for (String a : Arrays.copyOfRange(args, 1, args.length)) {
            if (a.startsWith("-")) {
                assertNotNull(spec.findOption(a), "openvtn " + args[0] + " has no option " + a);
            }
        }
    }
}

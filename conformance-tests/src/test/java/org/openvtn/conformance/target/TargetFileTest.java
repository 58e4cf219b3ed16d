package org.openvtn.conformance.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.conformance.TargetConfig;

/** The target file format (issue 7: target configuration in one YAML file, CLI flags override). */
class TargetFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void fullFileResolvesPathsAgainstItsDirectory() throws Exception {
        write("pki/ven.crt", "x");
        write("pki/ven.key", "x");
        write("pki/ca.crt", "x");
        write("admin-token", "s3cret\n");
        Path file = write("target.yaml", """
                baseUrl: https://127.0.0.1:8443
                certificate: pki/ven.crt
                key: pki/ven.key
                ca: pki/ca.crt
                pki: pki
                capabilities: [push, xmlSignature]
                admin:
                  url: http://127.0.0.1:8081/api/v1
                  tokenFile: admin-token
                patience: 15s
                properties:
                  marketContext: http://MarketContext1
                  venCount: 2
                """);
        TargetConfig t = TargetFile.load(file).toTargetConfig();
        assertEquals("https://127.0.0.1:8443", t.baseUrl());
        assertEquals(dir.resolve("pki/ven.crt").toAbsolutePath().normalize(), t.certificate().toAbsolutePath());
        assertEquals(dir.resolve("pki").toAbsolutePath().normalize(), t.pkiDir().toAbsolutePath());
        assertEquals(Set.of("push", "xmlSignature"), t.capabilities());
        assertEquals("s3cret", t.adminToken());
        assertEquals(Duration.ofSeconds(15), t.patience());
        assertEquals(Map.of("marketContext", "http://MarketContext1", "venCount", "2"), t.properties());
    }

    @Test
    void unknownKeysAreRefusedByName() {
        TargetFileException e = assertThrows(TargetFileException.class,
                () -> TargetFile.parse("baseUrl: https://x\ncertficate: a.crt\n", dir, "t.yaml"));
        assertEquals("certficate", e.key());
        assertTrue(e.getMessage().startsWith("t.yaml: certficate: unknown key"), e.getMessage());
        TargetFileException nested = assertThrows(TargetFileException.class,
                () -> TargetFile.parse("admin:\n  url: http://a\n  tokn: x\n", dir, "t.yaml"));
        assertEquals("admin.tokn", nested.key());
    }

    @Test
    void badValuesNameTheKey() throws Exception {
        assertEquals("patience", assertThrows(TargetFileException.class,
                () -> TargetFile.parse("patience: soon\n", dir, "t")).key());
        assertEquals("capabilities", assertThrows(TargetFileException.class,
                () -> TargetFile.parse("capabilities: push\n", dir, "t")).key());
        assertEquals("(file)", assertThrows(TargetFileException.class,
                () -> TargetFile.parse("baseUrl: [unclosed\n", dir, "t")).key());
        assertEquals("baseUrl", assertThrows(TargetFileException.class,
                () -> TargetFile.parse("ca: x\n", dir, "t").toTargetConfig()).key());
        assertEquals("baseUrl", assertThrows(TargetFileException.class,
                () -> TargetFile.parse("baseUrl: ftp://h/\n", dir, "t").toTargetConfig()).key());
        TargetFileException missing = assertThrows(TargetFileException.class,
                () -> TargetFile.parse("baseUrl: https://h\nca: nope.crt\n", dir, "t").toTargetConfig());
        assertEquals("ca", missing.key());
        assertTrue(missing.getMessage().contains("does not exist"));
        write("tok", "x");
        assertEquals("admin.token", assertThrows(TargetFileException.class, () -> TargetFile.parse(
                "baseUrl: https://h\nadmin: {url: http://a, token: t, tokenFile: tok}\n", dir, "t")
                .toTargetConfig()).key());
        assertEquals("admin.url", assertThrows(TargetFileException.class, () -> TargetFile.parse(
                "baseUrl: https://h\nadmin: {token: t}\n", dir, "t").toTargetConfig()).key());
    }

    @Test
    void flagsOverrideTheFile() {
        TargetFile file = TargetFile.parse("""
                baseUrl: https://file:1
                capabilities: [a]
                admin: {url: http://admin, token: fromfile}
                patience: PT5S
                properties: {x: "1", y: "2"}
                """, dir, "t.yaml");
        TargetFile flags = new TargetFile("command line", "https://flag:2", null, null, null, null, List.of("b"),
                null, "fromflag", null, Duration.ofSeconds(1), Map.of("y", "3"));
        TargetConfig t = file.overriddenBy(flags).toTargetConfig();
        assertEquals("https://flag:2", t.baseUrl());
        assertEquals(Set.of("a", "b"), t.capabilities());
        assertEquals("http://admin", t.adminUrl());
        assertEquals("fromflag", t.adminToken());
        assertEquals(Duration.ofSeconds(1), t.patience());
        assertEquals(Map.of("x", "1", "y", "3"), t.properties());

        TargetConfig fileOnly = file.overriddenBy(TargetFile.empty("command line")).toTargetConfig();
        assertEquals("https://file:1", fileOnly.baseUrl());
        assertEquals("fromfile", fileOnly.adminToken());
        assertNull(fileOnly.certificate());
    }

    @Test
    void durationsInBothSpellings() {
        assertEquals(Duration.ofMillis(500), TargetFile.parseDuration("500ms"));
        assertEquals(Duration.ofMinutes(2), TargetFile.parseDuration("2m"));
        assertEquals(Duration.ofSeconds(30), TargetFile.parseDuration("PT30S"));
        assertThrows(IllegalArgumentException.class, () -> TargetFile.parseDuration("two minutes"));
    }
}

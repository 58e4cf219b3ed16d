package org.openvtn.certs.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets are written owner-only and loose existing files are named (issue #12 item 10). */
class SecretFilesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void posix() {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "this file system has no POSIX permissions");
    }

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void generatedPkiKeysAndKeyStoresAreOwnerOnly() throws Exception {
        Path pki = dir.resolve("pki");
        new PkiGenerator(PkiGenerator.Options.builder().ecVens(1).rsaVens(0).devices(1)
                .password("changeit".toCharArray()).build()).generate(pki);
        List<Path> secrets;
        try (Stream<Path> all = Files.walk(pki)) {
            secrets = all.filter(p -> p.toString().endsWith(".key") || p.toString().endsWith(".p12")).toList();
        }
        assertTrue(secrets.size() >= 4, secrets.toString());
        for (Path p : secrets) {
            assertEquals("rw-------", perms(p), p.toString());
        }
    }

    @Test
    void directoryIsCreatedOwnerOnlyAndLooseOnesAreNamed() throws Exception {
        Path data = dir.resolve("var/data");
        SecretFiles.directory(data, "data directory");
        assertEquals("rwx------", perms(data));
        assertTrue(SecretFiles.warnIfLoose(data, "data directory").isEmpty());

        Path loose = dir.resolve("token");
        Files.writeString(loose, "secret");
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("rw-r--r--", SecretFiles.warnIfLoose(loose, "admin token file").orElseThrow());
    }

    @Test
    void rewriteKeepsOwnerOnly() throws Exception {
        Path f = dir.resolve("k.key");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-rw-"));
        SecretFiles.write(f, "new".getBytes());
        assertEquals("rw-------", perms(f));
        assertEquals("new", Files.readString(f));
    }
}

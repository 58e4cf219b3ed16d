package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.pki.PkiGenerator;
import org.openvtn.server.VtnConfig;
import org.openvtn.store.DatabaseConfig;

/**
 * Issue #19: the {@code database} section of the serve file (docs/configuration.md) selects PostgreSQL; it is read
 * strictly (unknown keys named by path) and its password file must be owner-only.
 */
class ServeDatabaseConfigTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void pki() throws Exception {
        new PkiGenerator(PkiGenerator.Options.builder().ecVens(0).rsaVens(0).devices(0).build())
                .generate(dir.resolve("pki"));
        Files.writeString(dir.resolve("p12.pass"), PkiGenerator.DEFAULT_PASSWORD + "\n");
        Path pw = dir.resolve("db-password");
        Files.writeString(pw, "s3cret\n");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
        Path loose = dir.resolve("loose-password");
        Files.writeString(loose, "s3cret\n");
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static final String BASE = """
            dataDir: data
            oadr:
              port: 0
              keyStore: pki/vtn/vtn.p12
              keyStorePasswordFile: p12.pass
              trustAnchors: pki/ca.crt
            """;

    private static VtnConfig load(String name, String yaml) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return ServeConfigFile.load(f).vtn();
    }

    private static String failure(String name, String yaml) {
        return assertThrows(Exception.class, () -> load(name, yaml)).getMessage();
    }

    /** Absent section: embedded Derby in the data directory, as before. */
    @Test
    void noSectionIsDerby() throws Exception {
        assertNull(load("derby.yaml", BASE).database());
    }

    /** The documented keys build a PostgreSQL configuration with the password read from the file. */
    @Test
    void theSectionSelectsPostgres() throws Exception {
        DatabaseConfig d = load("pg.yaml", BASE + """
                database:
                  url: jdbc:postgresql://db.example:5432/openvtn
                  user: openvtn
                  passwordFile: db-password
                  maxPoolSize: 8
                """).database();
        assertTrue(d.postgres());
        assertEquals("jdbc:postgresql://db.example:5432/openvtn", d.url());
        assertEquals("openvtn", d.user());
        assertEquals("s3cret", d.password());
        assertEquals(8, d.maxPoolSize());
        assertTrue(!d.toString().contains("s3cret"), "the password stays out of messages");
    }

    /** A password file that others can read is refused, naming the key; so are unknown keys and a non-PG URL. */
    @Test
    void mistakesAreNamed() {
        String loose = failure("loose.yaml", BASE + """
                database:
                  url: jdbc:postgresql://db.example/openvtn
                  user: openvtn
                  passwordFile: loose-password
                """);
        assertTrue(loose.contains("database.passwordFile") && loose.contains("readable"), loose);
        String typo = failure("typo.yaml", BASE + """
                database:
                  url: jdbc:postgresql://db.example/openvtn
                  user: openvtn
                  pasword: x
                """);
        assertTrue(typo.contains("database.pasword"), typo);
        String derby = failure("url.yaml", BASE + """
                database:
                  url: jdbc:derby:db
                  user: openvtn
                """);
        assertTrue(derby.contains("database.url"), derby);
        String noUser = failure("user.yaml", BASE + """
                database:
                  url: jdbc:postgresql://db.example/openvtn
                """);
        assertTrue(noUser.contains("database.user"), noUser);
    }
}

package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.pki.PkiGenerator;
import org.openvtn.server.VtnConfig;
import picocli.CommandLine;

/** The production configuration file: accepted when complete, refused with the key named when not. */
class ServeConfigFileTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void pki() throws Exception {
        new PkiGenerator(PkiGenerator.Options.builder().ecVens(0).rsaVens(0).devices(0).build()).generate(dir.resolve("pki"));
        Files.writeString(dir.resolve("p12.pass"), PkiGenerator.DEFAULT_PASSWORD + "\n");
    }

    private static Path write(String name, String yaml) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    private static final String GOOD = """
            dataDir: data
            vtnId: UTILITY-VTN
            oadr:
              host: 127.0.0.1
              port: 0
              pollFreq: PT30S
              keyStore: pki/vtn/vtn.p12
              keyStorePasswordFile: p12.pass
              trustAnchors: pki/ca.crt
              crl: pki/ca/oadr-intermediate.crl
            admin:
              port: 0
            """;

    @Test
    void aCompleteFileBuildsTheConfig() throws Exception {
        VtnConfig c = ServeConfigFile.load(write("good.yaml", GOOD));
        assertEquals("UTILITY-VTN", c.vtnId());
        assertEquals(Duration.ofSeconds(30), c.pollFreq());
        assertEquals(dir.resolve("data").toAbsolutePath().normalize(), c.dataDir());
        assertTrue(c.admin() != null && c.admin().token().length() >= 16);
    }

    /** XML signature settings (docs/openadr-20b.md): signing keys come from oadr.keyStore (RSA + ECC). */
    @Test
    void signatureSettingsAreRead() throws Exception {
        VtnConfig c = ServeConfigFile.load(write("signed.yaml", GOOD.replace("  crl: pki", "  requireSignatures: true\n"
                + "  signResponses: true\n  signatureReplayWindow: PT2M\n  crl: pki")));
        assertTrue(c.signatures().requireSignatures());
        assertTrue(c.signatures().signResponses());
        assertEquals(Duration.ofMinutes(2), c.signatures().replayWindow());
        assertEquals(2, c.signatures().signingKeys().size());
        assertEquals(false, ServeConfigFile.load(write("unsigned.yaml", GOOD)).signatures().requireSignatures());
    }

    @Test
    void anUnknownKeyIsNamed() throws Exception {
        Path f = write("typo.yaml", GOOD.replace("pollFreq:", "polFreq:"));
        ServeConfigFile.ConfigException e = assertThrows(ServeConfigFile.ConfigException.class, () -> ServeConfigFile.load(f));
        assertTrue(e.getMessage().contains("oadr.polFreq: unknown key"), e.getMessage());
    }

    @Test
    void missingAndBadValuesAreNamed() throws Exception {
        String[][] cases = {
                {GOOD.replace("dataDir: data\n", ""), "dataDir: required"},
                {GOOD.replace("PT30S", "30s"), "oadr.pollFreq: must be an ISO-8601 duration"},
                {GOOD.replace("pki/ca.crt", "pki/nope.crt"), "oadr.trustAnchors: file"},
                {GOOD.replace("port: 0\n  pollFreq", "port: eighty\n  pollFreq"), "oadr.port: must be a whole number"},
                {GOOD.replace("admin:\n  port: 0", "admin:\n  host: 0.0.0.0"), "admin.sslContext"},
                {"oadr: [1, 2]\ndataDir: x\n", "oadr: must be a mapping"},
        };
        for (String[] c : cases) {
            Path f = write("bad.yaml", c[0]);
            ServeConfigFile.ConfigException e = assertThrows(ServeConfigFile.ConfigException.class,
                    () -> ServeConfigFile.load(f), c[1]);
            assertTrue(e.getMessage().contains(c[1]), c[1] + " not in: " + e.getMessage());
        }
    }

    @Test
    void serveCheckReportsAndExits() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = OpenVtn.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("serve", "--config", write("good2.yaml", GOOD).toString(), "--check"), err.toString());
        assertTrue(out.toString().contains("configuration is valid"), out.toString());
        assertEquals(2, cl.execute("serve", "--config", write("typo2.yaml", GOOD.replace("vtnId", "vtnid")).toString()));
        assertTrue(err.toString().contains("vtnid: unknown key"), err.toString());
    }
}

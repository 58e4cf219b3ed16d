package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #13 "Hand mapping of the same data": the {@code openvtn serve} YAML is bound with Jackson onto records, with
 * the strictness the hand binding had (docs/configuration.md): every bad value named by its key path, no coercion
 * between types, no class instantiation from tags, duplicates and extra documents refused.
 */
class ServeYamlReaderTest {

    private static ServeYaml.Root read(String yaml) throws Exception {
        return new ServeYamlReader().read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String failure(String yaml) {
        org.openvtn.yaml.StrictYaml.Failure f = assertThrows(org.openvtn.yaml.StrictYaml.Failure.class, () -> read(yaml), yaml);
        return f.key() + ": " + f.getMessage();
    }

    /** Values land in their sections' records; absent keys stay null so the builders' defaults apply. */
    @Test
    void valuesAreBoundByKeyAndAbsentKeysStayNull() throws Exception {
        ServeYaml.Root r = read("""
                dataDir: data
                vtnId: 7
                oadr:
                  port: 8443
                  pollFreq: PT30S
                  strictTls: true
                  push:
                    allowedHosts: [ven.example, 10.0.0.0/8]
                limits:
                  maxTelemetryPerVen: 5000000000
                """);
        assertEquals("data", r.dataDir());
        assertEquals("7", r.vtnId(), "a single value is read as written");
        assertEquals(8443, r.oadr().port());
        assertEquals(Duration.ofSeconds(30), r.oadr().pollFreq());
        assertEquals(true, r.oadr().strictTls());
        assertEquals(false, read("oadr:\n  strictTls: off\n").oadr().strictTls(), "YAML 1.1 switch words as before");
        assertEquals(true, read("oadr:\n  strictTls: yes\n").oadr().strictTls());
        assertEquals(List.of("ven.example", "10.0.0.0/8"), r.oadr().push().allowedHosts());
        assertEquals(5_000_000_000L, r.limits().maxTelemetryPerVen());
        assertNull(r.oadr().host());
        assertNull(r.admin());
        assertNull(r.sep());
        assertEquals(ServeYaml.Root.EMPTY, read(""), "an empty file is an empty root (then: dataDir: required)");
    }

    /**
     * A section key with no value ({@code admin:}) is that section with all defaults, as with the hand binding:
     * {@code admin:} enables the admin API, {@code sep:} asks for a 2030.5 listener (and then for its keyStore).
     */
    @Test
    void aSectionWithNoValueIsPresentWithDefaults() throws Exception {
        ServeYaml.Root r = read("dataDir: d\nadmin:\nsep:\noadr:\n  push:\n  limits:\n");
        assertEquals(new ServeYaml.Admin(null, null, null, null, null, null, null, null), r.admin());
        assertNotNull(r.sep());
        assertNull(r.sep().keyStore());
        assertNotNull(r.oadr().push());
        assertNotNull(r.oadr().limits());
        assertNull(r.oadr().revocation());
    }

    /** Every bad value is refused with its key path and the problem (docs/configuration.md, issue #13). */
    @Test
    void badValuesAreNamedByKeyPath() {
        String[][] cases = {
                {"oadr:\n  port:\n", "oadr.port: must be a whole number, was 'null'"},
                {"oadr:\n  port: '8443'\n", "oadr.port: must be a whole number, was '8443'"},
                {"oadr:\n  port: [1]\n", "oadr.port: must be a whole number, was '[1]'"},
                {"oadr:\n  port: 99999999999\n", "oadr.port: must be a whole number, was '99999999999'"},
                {"oadr:\n  push:\n    concurrency: 1.5\n", "oadr.push.concurrency: must be a whole number, was '1.5'"},
                {"oadr:\n  push:\n    allowedHosts: a\n", "oadr.push.allowedHosts: must be a list"},
                {"oadr:\n  push:\n    allowedHosts: [[a]]\n", "oadr.push.allowedHosts[0]: must be a single value"},
                {"oadr:\n  strictTls: 'true'\n", "oadr.strictTls: must be true or false, was 'true'"},
                {"oadr:\n  keyStore: {a: 1}\n", "oadr.keyStore: must be a single value"},
                {"oadr:\n  keyStore:\n", "oadr.keyStore: must be a single value"},
                {"oadr:\n  pollFreq: 30s\n", "oadr.pollFreq: must be an ISO-8601 duration such as PT10S, was '30s'"},
                {"limits:\n  maxTelemetryPerVen: 99999999999999999999\n", "limits.maxTelemetryPerVen: must be a whole"},
                {"oadr: 5\n", "oadr: must be a mapping of keys to values"},
                {"sep:\n  tlsSession: [1]\n", "sep.tlsSession: must be a mapping of keys to values"},
                {"- 1\n- 2\n", "(file): must be a mapping of keys to values"},
                {"vtnid: x\n", "vtnid: unknown key; known keys here: [admin, dataDir, database, limits, logging, oadr, oadr3, sep, vtnId]"},
                {"sep:\n  limits:\n    maxThread: 1\n", "sep.limits.maxThread: unknown key; known keys here: "
                        + "[sep.limits.idleTimeout, sep.limits.maxConnections, sep.limits.maxHandshakes, sep.limits.maxThreads, "
                        + "sep.limits.minRequestDataRate, sep.limits.requestHeaderBytes]"},
                {"dataDir: a\ndataDir: b\n", "(file): not valid YAML"},
                {"dataDir: a\n---\ndataDir: b\n", "(file): "},
                {"dataDir: &d a\nvtnId: *d\n", "vtnId: aliases (*name) are not supported"},
                {"dataDir: 'unterminated\n", "(file): not valid YAML"},
                {"oadr: [unclosed\n", "(file): not valid YAML"},
                {"vtnId: [unclosed\n", "(file): not valid YAML"},
        };
        for (String[] c : cases) {
            String message = failure(c[0]);
            assertTrue(message.startsWith(c[1]), c[1] + " not the start of: " + message);
        }
    }

    /** The failure names the line of the bad value, as the conformance target file's does (StrictYaml). */
    @Test
    void failuresNameTheLine() {
        assertEquals("oadr.port: must be a whole number, was 'x' (line 3)", failure("dataDir: d\noadr:\n  port: x\n"));
        assertEquals("oadr.polFreq: unknown key; known keys here: [oadr.crl, oadr.host, oadr.keyStore]".substring(0, 28),
                failure("dataDir: d\noadr:\n  host: h\n  polFreq: 1\n").substring(0, 28));
        assertTrue(failure("dataDir: d\noadr:\n  host: h\n  polFreq: 1\n").endsWith("(line 4)"),
                failure("dataDir: d\noadr:\n  host: h\n  polFreq: 1\n"));
    }

    /** Parsing stays safe: a YAML class tag instantiates nothing; the value is refused like any other bad value. */
    @Test
    void classTagsInstantiateNothing() {
        String message = failure("dataDir: d\noadr: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
                + "[[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n");
        assertTrue(message.startsWith("oadr: must be a mapping of keys to values"), message);
    }
}

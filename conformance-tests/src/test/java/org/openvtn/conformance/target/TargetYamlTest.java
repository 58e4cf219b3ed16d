package org.openvtn.conformance.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #13 "Hand mapping of the same data": the target file (conformance-tests/README.md) is bound with Jackson
 * with the strictness of the hand binding: each bad value named by its key path, empty sections empty, no class
 * instantiation from tags, no duplicates, no second document.
 */
class TargetYamlTest {

    private static final Path DIR = Path.of("/tmp/targets");

    private static String failure(String yaml) {
        TargetFileException e = assertThrows(TargetFileException.class, () -> TargetFile.parse(yaml, DIR, "t.yaml"),
                yaml);
        return e.getMessage();
    }

    /** Single values are read as written; empty sections and an empty list are empty, as before. */
    @Test
    void valuesAndEmptySections() {
        TargetFile t = TargetFile.parse("baseUrl: https://h\ncapabilities:\nadmin:\nproperties: {venCount: 2, on: true}\n",
                DIR, "t.yaml");
        assertEquals("https://h", t.baseUrl());
        assertEquals(List.of(), t.capabilities());
        assertEquals(null, t.adminUrl());
        assertEquals(Map.of("venCount", "2", "on", "true"), t.properties());
        assertEquals(DIR.resolve("pki"), TargetFile.parse("pki: ./x/../pki\n", DIR, "t").pki());
        assertEquals(null, TargetFile.parse("", DIR, "t").baseUrl(), "an empty file has no values");
    }

    /** Each bad value is refused naming its key path and the problem. */
    @Test
    void badValuesAreNamedByKeyPath() {
        String[][] cases = {
                {"baseUrl:\n", "t.yaml: baseUrl: must be a single value"},
                {"baseUrl: [a]\n", "t.yaml: baseUrl: must be a single value"},
                {"capabilities: [push, [x]]\n", "t.yaml: capabilities[1]: must be a single value"},
                {"capabilities: push\n", "t.yaml: capabilities: must be a list, e.g. [push, xmlSignature]"},
                {"properties: {a: [1]}\n", "t.yaml: properties.a: must be a single value"},
                {"properties: {a: }\n", "t.yaml: properties.a: must be a single value"},
                {"properties: 5\n", "t.yaml: properties: must be a mapping of keys to values"},
                {"admin: [1]\n", "t.yaml: admin: must be a mapping of keys to values"},
                {"- 1\n", "t.yaml: (file): must be a mapping of keys to values"},
                {"admin:\n  tokn: x\n", "t.yaml: admin.tokn: unknown key; known keys here: [admin.token, "
                        + "admin.tokenFile, admin.url]"},
                {"patience: soon\n", "t.yaml: patience: not a duration"},
                {"patience:\n", "t.yaml: patience: must be a single value"},
                {"baseUrl: a\nbaseUrl: b\n", "t.yaml: (file): not valid YAML"},
                {"baseUrl: a\n---\nbaseUrl: b\n", "t.yaml: (file): "},
                {"baseUrl: &u https://h\nca: *u\n", "t.yaml: ca: aliases (*name) are not supported"},
                {"baseUrl: [unclosed\n", "t.yaml: (file): not valid YAML"},
        };
        for (String[] c : cases) {
            String message = failure(c[0]);
            assertTrue(message.startsWith(c[1]), c[1] + " not the start of: " + message);
        }
    }

    /** The one-line error names file, key and line, in the shape of the serve configuration's (StrictYaml). */
    @Test
    void failuresNameTheLine() {
        assertEquals("t.yaml: admin.tokn: unknown key; known keys here: [admin.token, admin.tokenFile, admin.url]"
                + " (line 3)", failure("baseUrl: https://h\nadmin:\n  tokn: x\n"));
        assertEquals("t.yaml: capabilities[1]: must be a single value (line 1)", failure("capabilities: [push, [x]]\n"));
    }

    /** Parsing stays safe: a YAML class tag instantiates nothing. */
    @Test
    void classTagsInstantiateNothing() {
        String message = failure("admin: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
                + "[[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n");
        assertTrue(message.startsWith("t.yaml: admin: must be a mapping of keys to values"), message);
    }
}

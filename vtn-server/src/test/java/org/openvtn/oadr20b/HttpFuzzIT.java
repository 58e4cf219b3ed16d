package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.Fuzzing;
import org.openvtn.sep.SepHttpFuzzer;

/**
 * Coverage-guided fuzzing of every HTTP entry point (OpenADR 2.0b, IEEE 2030.5, admin API) on real servers with
 * Jazzer (issue #12): a 5xx, an answer that is not schema-valid, or a server that stops answering is a finding and
 * fails the build, leaving the input and a reproducer in the named directory. {@code -Dopenvtn.fuzz.seconds} sets the
 * time per target (10 s in {@code mvn -B verify}; docs/security.md has the long run).
 */
class HttpFuzzIT {
    private static Path vectors(String standard) {
        return Path.of(System.getProperty("openvtn.vectors", "../../shared/vectors")).resolve(standard);
    }

    private static void assertClean(Fuzzing.Result r) {
        assertTrue(r.clean(), r.describe());
        assertTrue(Fuzzing.executions(r) > 0, "the fuzzer ran no input: " + r.describe());
    }

    /** Seeds: service byte + each repository example (VEN_ID placeholder) and each peer vector. */
    @Test
    void openAdrEndpoints() throws Exception {
        Path work = Fuzzing.workDir("openAdrEndpoints");
        Path seeds = Files.createDirectories(work.resolve("seeds"));
        int n = 0;
        for (Path dir : List.of(Path.of("../docs/examples"), vectors("openadr-2.0b/valid"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".xml")).toList()) {
                    byte[] doc = Files.readAllBytes(f);
                    String text = new String(doc, StandardCharsets.UTF_8);
                    int service = text.contains("oadrPoll") ? 4 : text.contains("Opt") ? 3
                            : text.contains("Report") ? 2 : text.contains("Event") ? 1 : 0;
                    byte[] seed = new byte[doc.length + 1];
                    seed[0] = (byte) service;
                    System.arraycopy(doc, 0, seed, 1, doc.length);
                    Files.write(seeds.resolve("seed-" + n++), seed);
                }
            }
        }
        assertClean(Fuzzing.run(OadrHttpFuzzer.class, work, List.of(seeds)));
    }

    @Test
    void ieee2030dot5Endpoints() throws Exception {
        Path work = Fuzzing.workDir("ieee2030dot5Endpoints");
        Path seeds = Files.createDirectories(work.resolve("seeds"));
        int n = 0;
        Path dir = vectors("ieee-2030.5/valid");
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    byte[] doc = Files.readAllBytes(f);
                    byte[] seed = new byte[doc.length + 3];
                    seed[0] = (byte) (n % 2 + 1); // POST or PUT
                    seed[1] = (byte) n;
                    System.arraycopy(doc, 0, seed, 3, doc.length);
                    Files.write(seeds.resolve("seed-" + n++), seed);
                }
            }
        }
        assertClean(Fuzzing.run(SepHttpFuzzer.class, work, List.of(seeds)));
    }

    @Test
    void adminApi() throws Exception {
        Path work = Fuzzing.workDir("adminApi");
        Path seeds = Files.createDirectories(work.resolve("seeds"));
        List<String> bodies = List.of("{\"name\":\"CPP\",\"marketContext\":\"http://MarketContext1\"}",
                "{\"programId\":\"x\",\"start\":\"2030-01-01T14:00:00Z\",\"signals\":[{\"name\":\"SIMPLE\","
                        + "\"type\":\"level\",\"intervals\":[{\"duration\":\"PT30M\",\"value\":1}]}],"
                        + "\"targets\":{\"venIds\":[\"a\"]},\"responseRequired\":\"always\",\"randomizeStart\":\"PT5M\"}",
                "{\"reportName\":\"TELEMETRY_USAGE\"}", "[]", "{}", "null");
        int n = 0;
        for (String b : bodies) {
            for (int path = 0; path < 6; path++) {
                byte[] json = b.getBytes(StandardCharsets.UTF_8);
                byte[] seed = new byte[json.length + 2];
                seed[0] = (byte) (path % 3 == 0 ? 1 : 2); // POST or PUT
                seed[1] = (byte) path;
                System.arraycopy(json, 0, seed, 2, json.length);
                Files.write(seeds.resolve("seed-" + n++), seed);
            }
        }
        assertClean(Fuzzing.run(AdminHttpFuzzer.class, work, List.of(seeds)));
    }
}

package org.openvtn.schemas.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.Fuzzing;

/**
 * Coverage-guided fuzzing of the XML codecs with Jazzer (issue #12): each target runs in its own JVM for
 * {@code -Dopenvtn.fuzz.seconds} (10 s in {@code mvn -B verify}; see docs/security.md for the long run), seeded with
 * the peer vectors beside the checkout (read at run time, never committed). A finding fails the build and leaves the
 * crashing input and a Java reproducer in the named directory.
 */
class CodecFuzzIT {
    private static Path vectors(String standard) {
        return Path.of(System.getProperty("openvtn.vectors", "../../shared/vectors")).resolve(standard);
    }

    @Test
    void openAdrCodec() {
        Path work = Fuzzing.workDir("openAdrCodec");
        Fuzzing.Result r = Fuzzing.run(OadrPayloadFuzzer.class, work,
                List.of(vectors("openadr-2.0b/valid"), vectors("openadr-2.0b/invalid")));
        assertTrue(r.clean(), r.describe());
        assertTrue(Fuzzing.executions(r) > 0, "the fuzzer ran no input: " + r.describe());
    }

    @Test
    void ieee2030dot5Codec() {
        Path work = Fuzzing.workDir("ieee2030dot5Codec");
        Fuzzing.Result r = Fuzzing.run(SepDocumentFuzzer.class, work,
                List.of(vectors("ieee-2030.5/valid"), vectors("ieee-2030.5/invalid"), vectors("csip-aus-1.3/valid")));
        assertTrue(r.clean(), r.describe());
        assertTrue(Fuzzing.executions(r) > 0, "the fuzzer ran no input: " + r.describe());
    }

    /** Teeth: a handler double that throws on oadrPoll is found, and its input and reproducer are kept. */
    @Test
    void defectiveDoubleIsFound() {
        Path work = Fuzzing.workDir("defectiveDouble");
        Fuzzing.Result r = Fuzzing.run(DefectiveOadrFuzzer.class, work, List.of(vectors("openadr-2.0b/valid")));
        assertFalse(r.clean(), "the defective double went unnoticed: " + r.describe());
        assertFalse(r.crashes().isEmpty(), r.describe());
        assertTrue(r.outputTail().contains("NullPointerException"), r.describe());
    }
}

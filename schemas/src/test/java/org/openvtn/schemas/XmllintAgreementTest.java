package org.openvtn.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our verdict on every vector (valid and invalid, all three standards) equals that of an independent validator,
 * libxml2's {@code xmllint --schema}, run on the same published schemas. Skipped, with the reason shown, where
 * xmllint is not installed ({@code .ci/run} installs it).
 */
class XmllintAgreementTest {

    static XmlToolkit toolkit;
    static Path xmllint;
    @TempDir
    static Path csipDir;

    @BeforeAll
    static void setUp() throws IOException {
        toolkit = new XmlToolkit(new PublishedSchemas(), XmlLimits.DEFAULT);
        xmllint = Stream.of("/usr/bin/xmllint", "/usr/local/bin/xmllint").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        // CSIP-AUS expects sep.xsd beside its own files (its publisher's instruction); assemble that in a temp dir.
        Path published = SharedMaterial.publishedSchemas();
        for (Path p : List.of(published.resolve("ieee-2030.5/sep.xsd"),
                published.resolve("csip-aus-1.3/csipaus-core-v1.3.xsd"), published.resolve("csip-aus-1.3/csipaus-ext-v1.3.xsd"))) {
            Files.copy(p, csipDir.resolve(p.getFileName()));
        }
    }

    static List<Path> allVectors() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(SharedMaterial.vectors())) {
            s.filter(p -> p.toString().endsWith(".xml")).sorted().forEach(out::add);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void sameVerdictAsXmllint(Path file) throws Exception {
        Assumptions.assumeTrue(xmllint != null, "xmllint (libxml2-utils) is not installed: agreement not checked");
        byte[] doc = Files.readAllBytes(file);
        boolean ours;
        String reason = "";
        try {
            toolkit.validate(doc);
            ours = true;
        } catch (XmlCodecException e) {
            ours = false;
            reason = e.getMessage();
        }
        // xmllint gets the schema set named by the vector's folder; we detect it from the document itself
        Path published = SharedMaterial.publishedSchemas();
        String folder = SharedMaterial.vectors().relativize(file).getName(0).toString();
        Path schema = switch (folder) {
            case "openadr-2.0b" -> published.resolve("openadr-2.0b/oadr_20b.xsd");
            case "ieee-2030.5" -> published.resolve("ieee-2030.5/sep.xsd");
            case "csip-aus-1.3" -> csipDir.resolve("csipaus-core-v1.3.xsd");
            default -> throw new IllegalStateException("unknown vector folder " + folder);
        };
        Process p = new ProcessBuilder(xmllint.toString(), "--noout", "--nonet", "--schema", schema.toString(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("xmllint did not finish on " + file);
        }
        boolean theirs = p.exitValue() == 0;
        String why = reason;
        assertEquals(theirs, ours, () -> file.getFileName() + ": xmllint says " + (theirs ? "valid" : "invalid")
                + " (" + out.strip() + "), we say " + (theirs ? "invalid: " + why : "valid"));
    }
}

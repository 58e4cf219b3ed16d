import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Build step: checks the operator-supplied published schemas against the project's digest list.
 * Runs with the JDK's single-file source launcher, before any code generation:
 * {@code java VerifyPublishedSchemas.java <manifest> <schema-dir>}.
 */
public class VerifyPublishedSchemas {

    public static void main(String[] args) throws Exception {
        Path manifest = Path.of(args[0]);
        Path dir = Path.of(args[1]).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            System.err.println();
            System.err.println("OpenVTN: the published-schemas folder " + dir + " does not exist.");
            System.err.println("The schemas are not part of this repository (their publishers do not allow"
                    + " redistribution). Put the official OpenADR 2.0b (OpenADR Alliance), IEEE 2030.5-2018 (IEEE SA)"
                    + " and CSIP-AUS 1.3 schema files in one folder with the layout openadr-2.0b/*.xsd,"
                    + " ieee-2030.5/sep.xsd, csip-aus-1.3/*.xsd and build with -Dpublished.schemas=FOLDER or"
                    + " OPENVTN_PUBLISHED_SCHEMAS=FOLDER (default: ../shared/schemas beside the checkout).");
            System.exit(1);
        }
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String raw : Files.readAllLines(manifest)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String expected = parts[0];
            String rel = parts[1].startsWith("*") ? parts[1].substring(1) : parts[1];
            Path file = dir.resolve(rel);
            checked++;
            if (!Files.isRegularFile(file)) {
                problems.add("MISSING  " + file + "\n         expected SHA-256 " + expected
                        + "\n         obtain it from " + source(rel));
                continue;
            }
            String actual = sha256(file);
            if (!actual.equalsIgnoreCase(expected)) {
                problems.add("ALTERED  " + file + "\n         expected SHA-256 " + expected
                        + "\n         actual   SHA-256 " + actual
                        + "\n         obtain the official file from " + source(rel));
            }
        }
        if (!problems.isEmpty()) {
            System.err.println();
            System.err.println("OpenVTN: the published schemas in " + dir + " do not match "
                    + manifest.getFileName() + " (" + problems.size() + " of " + checked + " files):");
            problems.forEach(p -> System.err.println("  " + p));
            System.err.println();
            System.err.println("The schemas are not part of this repository (their publishers do not allow"
                    + " redistribution). Put the official files in one folder with the layout"
                    + " openadr-2.0b/*.xsd, ieee-2030.5/sep.xsd, csip-aus-1.3/*.xsd and build with"
                    + " -Dpublished.schemas=FOLDER or OPENVTN_PUBLISHED_SCHEMAS=FOLDER"
                    + " (default: ../shared/schemas beside the checkout).");
            System.exit(1);
        }
        System.out.println("OpenVTN: " + checked + " published schema files in " + dir + " match their SHA-256 digests");
    }

    private static String source(String rel) {
        if (rel.startsWith("openadr-2.0b/")) {
            return "the OpenADR Alliance (OpenADR 2.0b profile schema)";
        }
        if (rel.startsWith("ieee-2030.5/")) {
            return "IEEE SA (IEEE 2030.5-2018 schema, Model Build 20180301)";
        }
        if (rel.startsWith("csip-aus-1.3/")) {
            return "the CSIP-AUS v1.3 schema set (bsgip/envoy-schema, MIT)";
        }
        return "its publisher";
    }

    private static String sha256(Path file) throws IOException, java.security.NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}

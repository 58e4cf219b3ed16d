package org.openvtn.conformance.target;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvtn.yaml.StrictYaml;

/**
 * The target file as written (format in conformance-tests/README.md), bound with the shared strict setup
 * ({@link StrictYaml}, the one the {@code openvtn serve} configuration uses): every value a single value as written,
 * unknown keys refused, no polymorphic typing, no coercion, one document, no duplicate keys, no aliases; each
 * failure names the key path and the line. {@link TargetFile#parse} resolves paths and durations. Adding a key: a
 * component here, its line in TargetFile, and the README.
 *
 * @param baseUrl      target URL
 * @param certificate  client certificate chain (path as written)
 * @param key          client private key (path as written)
 * @param ca           CA certificate(s) (path as written)
 * @param pki          PKI directory (path as written)
 * @param capabilities declared capabilities
 * @param admin        the operator API
 * @param patience     how long to wait for the target to act on its own (as written: PT10S, 10s, 500ms)
 * @param properties   free suite-specific settings
 */
record TargetYaml(String baseUrl, String certificate, String key, String ca, String pki, List<String> capabilities,
                  Admin admin, String patience, Map<String, String> properties) {

    static final TargetYaml EMPTY = new TargetYaml(null, null, null, null, null, null, null, null, null);

    /** {@code admin}: {@code url}, {@code token} or {@code tokenFile}. */
    record Admin(String url, String token, String tokenFile) {
    }

    private static final StrictYaml YAML = StrictYaml.builder(Set.of(TargetYaml.class, Admin.class))
            .listExample("[push, xmlSignature]").listMayBeEmpty().build();

    /** Reads one document; an empty document has no values. */
    static TargetYaml read(String yaml, String source) {
        try {
            return YAML.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), TargetYaml.class, EMPTY);
        } catch (StrictYaml.Failure e) {
            throw new TargetFileException(source, e.key(), e.getMessage());
        } catch (IOException e) {
            throw new TargetFileException(source, "(file)", "cannot read: " + e.getMessage());
        }
    }
}

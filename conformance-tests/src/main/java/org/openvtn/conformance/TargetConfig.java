package org.openvtn.conformance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The target under test, from the YAML target file with command-line overrides.
 *
 * @param baseUrl       e.g. {@code https://vtn.example:8443} (OpenADR: the suite appends
 *                      {@code /OpenADR2/Simple/2.0b/...} unless the URL already ends with it); 2030.5: the
 *                      server root or the DeviceCapability URL
 * @param certificate   the suite's client certificate chain (PEM)
 * @param privateKey    its private key (PEM, PKCS#8)
 * @param caCertificate the CA (PEM) that the target's server certificate must chain to
 * @param pkiDir        optional: a PKI directory made by {@code openvtn pki init}, from which a suite may take
 *                      further client identities (e.g. a second VEN, a device with a bad chain); null if none
 * @param capabilities  what the target declares it supports (names from {@link Suite#capabilities()})
 * @param adminUrl      optional operator API base URL (null: drive interactively)
 * @param adminToken    bearer token for the admin API
 * @param patience      how long to wait for the target to act on its own
 * @param properties    further suite-specific settings from the target file (e.g. {@code marketContext})
 */
public record TargetConfig(String baseUrl, Path certificate, Path privateKey, Path caCertificate, Path pkiDir,
                           Set<String> capabilities, String adminUrl, String adminToken, Duration patience,
                           Map<String, String> properties) {

    public TargetConfig {
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        patience = patience == null ? Duration.ofSeconds(10) : patience;
    }

    public boolean declares(String capability) {
        return capabilities.contains(capability);
    }

    public String property(String key, String fallback) {
        return properties.getOrDefault(key, fallback);
    }
}

package org.openvtn.conformance.target;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openvtn.conformance.TargetConfig;

/**
 * The target file: one YAML document describing the target under test (format in conformance-tests/README.md).
 * Relative paths are resolved against the file's directory; unknown keys are refused with a message naming
 * the key. Command-line flags become a second {@code TargetFile} (paths relative to the working directory)
 * laid over the file with {@link #overriddenBy}; {@link #toTargetConfig()} validates the result.
 *
 * <pre>
 * baseUrl: https://127.0.0.1:8443
 * certificate: pki/ven/ven-ecc-0001-chain.crt
 * key: pki/ven/ven-ecc-0001.key
 * ca: pki/ca.crt
 * pki: pki
 * capabilities: [pull]
 * admin: {url: http://127.0.0.1:8081/api/v1, tokenFile: admin-token}
 * patience: 10s
 * properties: {marketContext: http://MarketContext1}
 * </pre>
 *
 * @param source         where the values came from (file name or "command line"), for messages
 * @param baseUrl        target URL
 * @param certificate    client certificate chain (PEM)
 * @param key            client private key (PEM, PKCS#8)
 * @param ca             CA certificate(s) the target's server certificate chains to (PEM)
 * @param pki            PKI directory from {@code openvtn pki init}
 * @param capabilities   declared capabilities
 * @param adminUrl       operator API base URL
 * @param adminToken     bearer token (secret: never written to reports)
 * @param adminTokenFile file holding the bearer token
 * @param patience       how long to wait for the target to act on its own
 * @param properties     free suite-specific settings
 */
public record TargetFile(String source, String baseUrl, Path certificate, Path key, Path ca, Path pki,
                         List<String> capabilities, String adminUrl, String adminToken, Path adminTokenFile,
                         Duration patience, Map<String, String> properties) {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    public TargetFile {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** No values (a run configured by flags only). */
    public static TargetFile empty(String source) {
        return new TargetFile(source, null, null, null, null, null, List.of(), null, null, null, null, Map.of());
    }

    /** Reads and checks a target file. */
    public static TargetFile load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TargetFileException(file.toString(), "(file)", "cannot read: " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, dir, file.toString());
    }

    /**
     * Parses a target document.
     *
     * @param yaml   the YAML text
     * @param dir    directory relative paths are resolved against
     * @param source name used in messages
     */
    public static TargetFile parse(String yaml, Path dir, String source) {
        TargetYaml doc = TargetYaml.read(yaml, source);
        TargetYaml.Admin admin = doc.admin() != null ? doc.admin() : new TargetYaml.Admin(null, null, null);
        Duration patience = null;
        if (doc.patience() != null) {
            try {
                patience = parseDuration(doc.patience());
            } catch (IllegalArgumentException e) {
                throw new TargetFileException(source, "patience", e.getMessage());
            }
        }
        return new TargetFile(source, doc.baseUrl(), path(dir, doc.certificate()), path(dir, doc.key()),
                path(dir, doc.ca()), path(dir, doc.pki()), doc.capabilities(), admin.url(), admin.token(),
                path(dir, admin.tokenFile()), patience, doc.properties());
    }

    private static Path path(Path dir, String value) {
        return value == null ? null : dir.resolve(value).normalize();
    }

    /**
     * This file with the flags laid over it: every value the flags set wins; capabilities are the union;
     * properties are merged, the flags' values winning.
     */
    public TargetFile overriddenBy(TargetFile flags) {
        Set<String> caps = new LinkedHashSet<>(capabilities);
        caps.addAll(flags.capabilities);
        Map<String, String> props = new LinkedHashMap<>(properties);
        props.putAll(flags.properties);
        boolean flagToken = flags.adminToken != null || flags.adminTokenFile != null;
        return new TargetFile(flags.baseUrl != null || flags.certificate != null ? source + " + " + flags.source
                : source, or(flags.baseUrl, baseUrl), or(flags.certificate, certificate), or(flags.key, key),
                or(flags.ca, ca), or(flags.pki, pki), new ArrayList<>(caps), or(flags.adminUrl, adminUrl),
                flagToken ? flags.adminToken : adminToken, flagToken ? flags.adminTokenFile : adminTokenFile,
                or(flags.patience, patience), props);
    }

    /**
     * Validates and builds the target configuration (reads the token file).
     *
     * @throws TargetFileException naming the offending key
     */
    public TargetConfig toTargetConfig() {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new TargetFileException(source, "baseUrl", "required (or --target URL)");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new TargetFileException(source, "baseUrl", "not a URL: " + baseUrl);
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !Set.of("https", "http").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new TargetFileException(source, "baseUrl", "must be an absolute https URL, was '" + baseUrl + "'");
        }
        existingFile(certificate, "certificate");
        existingFile(key, "key");
        existingFile(ca, "ca");
        if (pki != null && !Files.isDirectory(pki)) {
            throw new TargetFileException(source, "pki", "directory " + pki + " does not exist");
        }
        if (adminToken != null && adminTokenFile != null) {
            throw new TargetFileException(source, "admin.token", "give admin.token or admin.tokenFile, not both");
        }
        String token = adminToken;
        if (adminTokenFile != null) {
            existingFile(adminTokenFile, "admin.tokenFile");
            try {
                token = Files.readString(adminTokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new TargetFileException(source, "admin.tokenFile", "cannot read: " + e.getMessage());
            }
        }
        if (token != null && (adminUrl == null || adminUrl.isBlank())) {
            throw new TargetFileException(source, "admin.url", "required when an admin token is given");
        }
        if (adminUrl != null) {
            URI a;
            try {
                a = URI.create(adminUrl.trim());
            } catch (IllegalArgumentException e) {
                throw new TargetFileException(source, "admin.url", "not a URL: " + adminUrl);
            }
            if (a.getScheme() == null || a.getHost() == null) {
                throw new TargetFileException(source, "admin.url", "must be an absolute http(s) URL, was '"
                        + adminUrl + "'");
            }
        }
        if (patience != null && (patience.isNegative() || patience.isZero())) {
            throw new TargetFileException(source, "patience", "must be > 0, was " + patience);
        }
        return new TargetConfig(baseUrl.trim(), certificate, key, ca, pki, new LinkedHashSet<>(capabilities),
                adminUrl == null ? null : adminUrl.trim(), token, patience, properties);
    }

    /** A duration: ISO-8601 ({@code PT10S}) or a number with {@code ms}, {@code s}, {@code m} or {@code h}. */
    public static Duration parseDuration(String text) {
        String t = text.trim();
        Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration (PT10S, 10s, 500ms, 2m): '" + text + "'");
        }
    }

    private void existingFile(Path p, String key) {
        if (p != null && !Files.isRegularFile(p)) {
            throw new TargetFileException(source, key, "file " + p + " does not exist");
        }
    }

    private static <T> T or(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}

package org.openvtn.conformance.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.runner.RunResult;

/**
 * What every report says about the run before the results: the tool's version, the suite and its catalogue
 * version, the digests of the published schemas the messages were validated against, the target
 * configuration (without secrets) and when the run started and ended.
 *
 * @param toolVersion      version of this tool
 * @param suite            suite name
 * @param suiteDescription what the suite plays against what
 * @param catalogueVersion the suite's catalogue version
 * @param schemaDigests    bundled published schema path -> SHA-256 (hex) of the bundled bytes
 * @param target           the target configuration as shown in reports (admin token masked)
 * @param started          start of the run
 * @param finished         end of the run
 */
public record ReportHeader(String toolVersion, String suite, String suiteDescription, String catalogueVersion,
                           Map<String, String> schemaDigests, Map<String, Object> target, Instant started,
                           Instant finished) {

    /** Where the schemas jar bundles the published schemas and their digest list. */
    public static final String SCHEMA_ROOT = "org/openvtn/schemas/published/";
    static final String DIGEST_LIST = SCHEMA_ROOT + "published-schemas.sha256";
    static final String MASK = "(set, not shown)";

    public ReportHeader {
        schemaDigests = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(schemaDigests));
        target = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(target));
    }

    /** The header of a run's reports. */
    public static ReportHeader of(RunResult run, String toolVersion) {
        return new ReportHeader(toolVersion, run.suite(), run.suiteDescription(), run.catalogueVersion(),
                schemaDigests(ReportHeader.class.getClassLoader()), publicView(run.target()), run.started(),
                run.finished());
    }

    /**
     * This tool's version: the jar manifest's Implementation-Version, else the Maven build's version, else
     * {@code development build}.
     */
    public static String currentToolVersion() {
        String v = ReportHeader.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (InputStream in = ReportHeader.class.getClassLoader().getResourceAsStream(
                "META-INF/maven/org.openvtn/openvtn-conformance-tests/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                if (p.getProperty("version") != null) {
                    return p.getProperty("version");
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "development build";
    }

    /**
     * SHA-256 of every bundled published schema named in the schemas jar's digest list, computed from the
     * bundled bytes (so the report states what actually validated). A listed file missing from the class path
     * is reported as {@code missing}; an empty map when the list itself is not on the class path.
     */
    public static Map<String, String> schemaDigests(ClassLoader loader) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> listed;
        try (InputStream in = loader.getResourceAsStream(DIGEST_LIST)) {
            if (in == null) {
                return out;
            }
            listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            return out;
        }
        for (String line : listed) {
            String[] parts = line.split("\\s+", 2);
            if (parts.length < 2) {
                continue;
            }
            String path = parts[1].trim();
            try (InputStream in = loader.getResourceAsStream(SCHEMA_ROOT + path)) {
                out.put(path, in == null ? "missing" : sha256(in));
            } catch (IOException e) {
                out.put(path, "unreadable: " + e.getMessage());
            }
        }
        return out;
    }

    /** The target configuration as reports show it: paths as given, the admin token and secret-looking properties masked. */
    public static Map<String, Object> publicView(TargetConfig t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("baseUrl", t.baseUrl());
        m.put("certificate", str(t.certificate()));
        m.put("key", str(t.privateKey()));
        m.put("ca", str(t.caCertificate()));
        m.put("pki", str(t.pkiDir()));
        m.put("capabilities", List.copyOf(new TreeSet<>(t.capabilities())));
        m.put("adminUrl", t.adminUrl());
        m.put("adminToken", t.adminToken() == null ? null : MASK);
        m.put("patience", t.patience().toString());
        Map<String, String> props = new LinkedHashMap<>();
        new TreeSet<>(t.properties().keySet()).forEach(k -> props.put(k, secret(k) ? MASK : t.properties().get(k)));
        m.put("properties", props);
        return m;
    }

    private static boolean secret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("token") || k.contains("password") || k.contains("secret");
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}

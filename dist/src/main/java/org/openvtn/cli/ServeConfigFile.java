package org.openvtn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.openvtn.admin.AdminConfig;
import org.openvtn.admin.AdminTokens;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.listener.ListenerLimits;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.XmlLimits;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.server.VtnConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The production configuration file of {@code openvtn serve} (YAML). Every key is documented in
 * {@code docs/configuration.md}; an unknown key, a missing required key or a bad value is refused with a message
 * naming the key, before anything starts.
 */
final class ServeConfigFile {

    private static final Set<String> TOP = Set.of("dataDir", "vtnId", "oadr", "admin", "sep", "limits");
    private static final Set<String> OADR = Set.of("host", "port", "basePath", "pollFreq", "nearWindow", "maxBodyBytes",
            "strictTls", "keyStore", "keyStorePassword", "keyStorePasswordFile", "trustAnchors", "crl", "maxChainDepth",
            "requireSignatures", "signResponses", "signatureReplayWindow", "enrolment", "revocation", "tlsSession",
            "limits", "push");
    private static final Set<String> STORE_LIMITS = Set.of("pollRedeliveryAfter", "pollMaxDeliveries",
            "maxEventResponsesPerVen", "maxOptsPerVen", "maxTelemetryPerVen", "maxLogEventsPerDevice",
            "maxResponsesPerDevice", "maxReadingSetsPerReading", "maxMirrorsPerDevice");
    // issue #14: the OpenADR 2.0b push exchange model
    private static final Set<String> PUSH = Set.of("connectTimeout", "requestTimeout", "maxAttempts", "initialBackoff",
            "maxBackoff", "concurrency", "urlForm", "detectUrlForm", "allowedHosts");
    private static final Set<String> ADMIN = Set.of("host", "port", "tokenFile", "keyStore", "keyStorePassword",
            "keyStorePasswordFile", "limits");
    private static final Set<String> SEP = Set.of("host", "port", "keyStore", "keyStorePassword", "keyStorePasswordFile",
            "trustAnchors", "crl", "maxChainDepth", "pen", "pollRate", "primacy", "zone", "maxBodyBytes",
            "validateResponses", "allowedNotificationHosts", "enrolment", "revocation", "tlsSession", "limits");
    // issue #12 items 1, 2 and 9: revocation data, TLS session bounds and listener limits, per listener
    private static final Set<String> REVOCATION = Set.of("crlReloadInterval", "crlDistributionPoints", "softFail",
            "crlFetchTimeout", "ocsp", "ocspOnlyEndEntity");
    private static final Set<String> TLS_SESSION = Set.of("timeout", "cacheSize");
    private static final Set<String> LIMITS = Set.of("requestHeaderBytes", "idleTimeout", "minRequestDataRate",
            "maxThreads", "maxConnections");

    /**
     * What {@code openvtn serve} starts.
     *
     * @param vtn the OpenADR listener, core and admin API
     * @param sep the IEEE 2030.5 listener on the same core, or null when the file has no {@code sep} section
     */
    record Settings(VtnConfig vtn, SepConfig sep) {
    }

    /** A configuration error naming the key. */
    static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        ConfigException(Path file, String key, String message) {
            super(file + ": " + key + ": " + message);
        }
    }

    private final Path file;

    private ServeConfigFile(Path file) {
        this.file = file;
    }

    /** Reads and validates the file; relative paths in it are resolved against the file's folder. */
    static Settings load(Path file) throws ConfigException {
        return new ServeConfigFile(file.toAbsolutePath()).parse();
    }

    private Settings parse() throws ConfigException {
        Map<String, Object> root = section(read(), "(file)", TOP, "");
        Path dataDir = path(root, "dataDir", "", true);
        VtnConfig.Builder b = VtnConfig.builder().dataDir(dataDir);
        if (root.containsKey("vtnId")) {
            b.vtnId(string(root, "vtnId", ""));
        }
        Map<String, Object> oadr = section(root.get("oadr"), "oadr", OADR, "oadr.");
        if (oadr.isEmpty()) {
            throw new ConfigException(file, "oadr", "required (the OpenADR listener: keyStore, trustAnchors, ...)");
        }
        b.oadrHost(oadr.containsKey("host") ? string(oadr, "host", "oadr.") : "0.0.0.0");
        if (oadr.containsKey("port")) {
            b.oadrPort(integer(oadr, "port", "oadr."));
        }
        if (oadr.containsKey("basePath")) {
            b.basePath(string(oadr, "basePath", "oadr."));
        }
        if (oadr.containsKey("pollFreq")) {
            b.pollFreq(duration(oadr, "pollFreq", "oadr."));
        }
        if (oadr.containsKey("nearWindow")) {
            b.nearWindow(duration(oadr, "nearWindow", "oadr."));
        }
        if (oadr.containsKey("maxBodyBytes")) {
            b.maxBodyBytes(integer(oadr, "maxBodyBytes", "oadr."));
        }
        Path oadrKeyStore = existing(oadr, "keyStore", "oadr.");
        char[] oadrPassword = password(oadr, "oadr.");
        TlsConfig.Builder tls = TlsConfig.builder().profile(TlsProfile.OPENADR_20B)
                .keyStore(oadrKeyStore, oadrPassword)
                .trustAnchorFile(existing(oadr, "trustAnchors", "oadr."))
                .strict(oadr.containsKey("strictTls") && bool(oadr, "strictTls", "oadr."));
        if (oadr.containsKey("crl")) {
            tls.crlFile(existing(oadr, "crl", "oadr."));
        }
        if (oadr.containsKey("maxChainDepth")) {
            tls.maxChainDepth(integer(oadr, "maxChainDepth", "oadr."));
        }
        revocation(oadr, tls, "oadr.");
        try {
            b.tls(tls.build());
        } catch (RuntimeException e) {
            throw new ConfigException(file, "oadr", e.getMessage());
        }
        if (oadr.containsKey("requireSignatures")) {
            b.requireSignatures(bool(oadr, "requireSignatures", "oadr."));
        }
        if (oadr.containsKey("signatureReplayWindow")) {
            b.signatureReplayWindow(duration(oadr, "signatureReplayWindow", "oadr."));
        }
        if (oadr.containsKey("signResponses") && bool(oadr, "signResponses", "oadr.")) {
            try {
                b.signResponses(true).signingKeys(
                        org.openvtn.oadr20b.security.OadrSignatureConfig.keysFrom(oadrKeyStore, oadrPassword));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, "oadr.keyStore", e.getMessage());
            }
        }
        b.enrolment(enrolment(oadr, "oadr."));
        if (oadr.containsKey("limits")) {
            b.limits(limits(oadr, ListenerLimits.builder(), "oadr."));
        }
        if (root.containsKey("limits")) {
            b.storeLimits(storeLimits(section(root.get("limits"), "limits", STORE_LIMITS, "limits.")));
        }
        if (oadr.containsKey("push")) {
            b.push(push(section(oadr.get("push"), "oadr.push", PUSH, "oadr.push.")));
        }
        if (root.containsKey("admin")) {
            b.admin(admin(section(root.get("admin"), "admin", ADMIN, "admin."), dataDir));
        }
        VtnConfig vtn;
        try {
            vtn = b.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, "(configuration)", e.getMessage());
        }
        SepConfig sep = root.containsKey("sep") ? sep(section(root.get("sep"), "sep", SEP, "sep."), vtn) : null;
        return new Settings(vtn, sep);
    }

    /** Poll redelivery and per-participant storage quotas (issue #12 items 6, 8; docs/configuration.md). */
    private org.openvtn.core.service.StoreLimits storeLimits(Map<String, Object> m) throws ConfigException {
        String p = "limits.";
        org.openvtn.core.service.StoreLimits.Builder l = org.openvtn.core.service.StoreLimits.builder();
        if (m.containsKey("pollRedeliveryAfter")) {
            l.pollRedeliveryAfter(duration(m, "pollRedeliveryAfter", p));
        }
        if (m.containsKey("pollMaxDeliveries")) {
            l.pollMaxDeliveries(integer(m, "pollMaxDeliveries", p));
        }
        if (m.containsKey("maxEventResponsesPerVen")) {
            l.maxEventResponsesPerVen(integer(m, "maxEventResponsesPerVen", p));
        }
        if (m.containsKey("maxOptsPerVen")) {
            l.maxOptsPerVen(integer(m, "maxOptsPerVen", p));
        }
        if (m.containsKey("maxTelemetryPerVen")) {
            l.maxTelemetryPerVen(longValue(m, "maxTelemetryPerVen", p));
        }
        if (m.containsKey("maxLogEventsPerDevice")) {
            l.maxLogEventsPerDevice(integer(m, "maxLogEventsPerDevice", p));
        }
        if (m.containsKey("maxResponsesPerDevice")) {
            l.maxResponsesPerDevice(integer(m, "maxResponsesPerDevice", p));
        }
        if (m.containsKey("maxReadingSetsPerReading")) {
            l.maxReadingSetsPerReading(integer(m, "maxReadingSetsPerReading", p));
        }
        if (m.containsKey("maxMirrorsPerDevice")) {
            l.maxMirrorsPerDevice(integer(m, "maxMirrorsPerDevice", p));
        }
        try {
            return l.build();
        } catch (IllegalArgumentException e) {
            String[] fieldAndReason = e.getMessage().split(": ", 2);
            throw new ConfigException(file, p + fieldAndReason[0],
                    fieldAndReason.length > 1 ? fieldAndReason[1] : e.getMessage());
        }
    }

    /** The IEEE 2030.5 listener (docs/ieee-2030.5.md): 2030.5 TLS profile, SERCA trust anchor, the operator's PEN. */
    private SepConfig sep(Map<String, Object> m, VtnConfig vtn) throws ConfigException {
        String p = "sep.";
        SepConfig.Builder s = SepConfig.builder().clock(vtn.clock())
                .host(m.containsKey("host") ? string(m, "host", p) : "0.0.0.0")
                .port(m.containsKey("port") ? integer(m, "port", p) : 8444);
        TlsConfig.Builder tls = TlsConfig.builder().profile(TlsProfile.IEEE_2030_5)
                .keyStore(existing(m, "keyStore", p), password(m, p))
                .trustAnchorFile(existing(m, "trustAnchors", p));
        if (m.containsKey("crl")) {
            tls.crlFile(existing(m, "crl", p));
        }
        if (m.containsKey("maxChainDepth")) {
            tls.maxChainDepth(integer(m, "maxChainDepth", p));
        }
        revocation(m, tls, p);
        try {
            s.tls(tls.build());
        } catch (RuntimeException e) {
            throw new ConfigException(file, "sep", e.getMessage());
        }
        if (!m.containsKey("pen")) {
            throw new ConfigException(file, "sep.pen", "required (the operator's IANA Private Enterprise Number that "
                    + "ends every server mRID; 32473 is the documentation placeholder)");
        }
        s.pen(longValue(m, "pen", p));
        if (m.containsKey("pollRate")) {
            s.pollRate(longValue(m, "pollRate", p));
        }
        if (m.containsKey("primacy")) {
            s.primacy(integer(m, "primacy", p));
        }
        if (m.containsKey("maxBodyBytes")) {
            s.maxBodyBytes(integer(m, "maxBodyBytes", p));
        }
        if (m.containsKey("zone")) {
            String z = string(m, "zone", p);
            try {
                s.zone(java.time.ZoneId.of(z));
            } catch (java.time.DateTimeException e) {
                throw new ConfigException(file, "sep.zone", "must be a time zone such as Australia/Sydney, was '" + z + "'");
            }
        }
        // notificationURIs may not name loopback or private addresses unless listed here (issue #12 item 10)
        List<String> allowed = m.containsKey("allowedNotificationHosts")
                ? strings(m, "allowedNotificationHosts", p) : List.of();
        try {
            s.delivery(org.openvtn.sep.notify.DeliveryPolicy.builder()
                    .targets(org.openvtn.sep.notify.NotificationTargets.publicOnly(allowed)).build());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, "sep.allowedNotificationHosts", e.getMessage());
        }
        s.enrolment(enrolment(m, p));
        if (m.containsKey("limits")) {
            s.limits(limits(m, ListenerLimits.builder(), p));
        }
        boolean validateResponses = !m.containsKey("validateResponses") || bool(m, "validateResponses", p);
        // requests are always validated: refusing schema-invalid input is a protocol rule (400), not a debug aid
        s.codec(SepCodec.create(new PublishedSchemas(), XmlLimits.DEFAULT, true, validateResponses));
        try {
            return s.build();
        } catch (IllegalArgumentException e) {
            String[] fieldAndReason = e.getMessage().split(": ", 2);
            throw new ConfigException(file, "sep." + fieldAndReason[0],
                    fieldAndReason.length > 1 ? fieldAndReason[1] : e.getMessage());
        }
    }

    private AdminConfig admin(Map<String, Object> m, Path dataDir) throws ConfigException {
        AdminConfig.Builder a = AdminConfig.builder();
        if (m.containsKey("host")) {
            a.host(string(m, "host", "admin."));
        }
        a.port(m.containsKey("port") ? integer(m, "port", "admin.") : 8081);
        try {
            if (m.containsKey("tokenFile")) {
                Path tokenFile = existing(m, "tokenFile", "admin.");
                a.token(Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
            } else {
                a.token(AdminTokens.loadOrCreate(dataDir));
            }
        } catch (IOException e) {
            throw new ConfigException(file, "admin.tokenFile", "cannot read: " + e.getMessage());
        }
        if (m.containsKey("keyStore")) {
            a.sslContext(serverContext(existing(m, "keyStore", "admin."), password(m, "admin.")));
        }
        if (m.containsKey("limits")) {
            a.limits(limits(m, ListenerLimits.builder().maxThreads(16).maxConnections(100), "admin."));
        }
        try {
            return a.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, "admin." + e.getMessage().split(":", 2)[0], e.getMessage());
        }
    }

    /** {@code <listener>.revocation} and {@code <listener>.tlsSession} (issue #12 items 1 and 2). */
    private void revocation(Map<String, Object> listener, TlsConfig.Builder tls, String prefix)
            throws ConfigException {
        String p = prefix + "revocation.";
        Map<String, Object> r = section(listener.get("revocation"), prefix + "revocation", REVOCATION, p);
        if (r.containsKey("crlReloadInterval")) {
            tls.crlReloadInterval(duration(r, "crlReloadInterval", p));
        }
        if (r.containsKey("crlDistributionPoints")) {
            tls.crlDistributionPoints(bool(r, "crlDistributionPoints", p));
        }
        if (r.containsKey("softFail")) {
            tls.revocationSoftFail(bool(r, "softFail", p));
        }
        if (r.containsKey("crlFetchTimeout")) {
            tls.crlFetchTimeout(duration(r, "crlFetchTimeout", p));
        }
        if (r.containsKey("ocsp")) {
            tls.ocsp(bool(r, "ocsp", p));
        }
        if (r.containsKey("ocspOnlyEndEntity")) {
            tls.ocspOnlyEndEntity(bool(r, "ocspOnlyEndEntity", p));
        }
        String sp = prefix + "tlsSession.";
        Map<String, Object> sessions = section(listener.get("tlsSession"), prefix + "tlsSession", TLS_SESSION, sp);
        if (sessions.containsKey("timeout")) {
            tls.sessionTimeout(duration(sessions, "timeout", sp));
        }
        if (sessions.containsKey("cacheSize")) {
            tls.sessionCacheSize(integer(sessions, "cacheSize", sp));
        }
    }

    /** {@code oadr.push} (issue #14): pushes to VENs registered with oadrHttpPullModel=false. */
    private org.openvtn.oadr20b.push.PushConfig push(Map<String, Object> m) throws ConfigException {
        String p = "oadr.push.";
        var b = org.openvtn.oadr20b.push.PushConfig.builder();
        if (m.containsKey("connectTimeout")) {
            b.connectTimeout(duration(m, "connectTimeout", p));
        }
        if (m.containsKey("requestTimeout")) {
            b.requestTimeout(duration(m, "requestTimeout", p));
        }
        if (m.containsKey("maxAttempts")) {
            b.maxAttempts(integer(m, "maxAttempts", p));
        }
        if (m.containsKey("initialBackoff")) {
            b.initialBackoff(duration(m, "initialBackoff", p));
        }
        if (m.containsKey("maxBackoff")) {
            b.maxBackoff(duration(m, "maxBackoff", p));
        }
        if (m.containsKey("concurrency")) {
            b.concurrency(integer(m, "concurrency", p));
        }
        if (m.containsKey("detectUrlForm")) {
            b.detectUrlForm(bool(m, "detectUrlForm", p));
        }
        if (m.containsKey("allowedHosts")) {
            b.allowedHosts(strings(m, "allowedHosts", p));
        }
        try {
            if (m.containsKey("urlForm")) {
                b.urlForm(org.openvtn.oadr20b.push.PushUrls.Form.parse(string(m, "urlForm", p)));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            String field = msg.startsWith("push.") ? "oadr." + msg.substring(0, msg.indexOf(':')) : "oadr.push";
            throw new ConfigException(file, field, msg.substring(msg.indexOf(':') + 1).strip());
        }
    }

    /** {@code <listener>.limits} (issue #12 item 9). */
    private ListenerLimits limits(Map<String, Object> listener, ListenerLimits.Builder l, String prefix)
            throws ConfigException {
        String p = prefix + "limits.";
        Map<String, Object> m = section(listener.get("limits"), prefix + "limits", LIMITS, p);
        if (m.containsKey("requestHeaderBytes")) {
            l.requestHeaderBytes(integer(m, "requestHeaderBytes", p));
        }
        if (m.containsKey("idleTimeout")) {
            l.idleTimeout(duration(m, "idleTimeout", p));
        }
        if (m.containsKey("minRequestDataRate")) {
            l.minRequestDataRate(longValue(m, "minRequestDataRate", p));
        }
        if (m.containsKey("maxThreads")) {
            l.maxThreads(integer(m, "maxThreads", p));
        }
        if (m.containsKey("maxConnections")) {
            l.maxConnections(integer(m, "maxConnections", p));
        }
        try {
            return l.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, p + e.getMessage().split(":", 2)[0], e.getMessage());
        }
    }

    private SSLContext serverContext(Path p12, char[] password) throws ConfigException {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(file, "admin.keyStore", "cannot load " + p12 + ": " + e.getMessage());
        }
    }

    private Object read() throws ConfigException {
        try (InputStream in = Files.newInputStream(file)) {
            LoaderOptions opts = new LoaderOptions();
            opts.setAllowDuplicateKeys(false);
            opts.setMaxAliasesForCollections(10);
            Object doc = new Yaml(new SafeConstructor(opts)).load(in);
            return doc == null ? Map.of() : doc;
        } catch (IOException e) {
            throw new ConfigException(file, "(file)", "cannot read: " + e.getMessage());
        } catch (YAMLException e) {
            throw new ConfigException(file, "(file)", "not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(Object value, String name, Set<String> known, String prefix)
            throws ConfigException {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ConfigException(file, name, "must be a mapping of keys to values");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!known.contains(key)) {
                throw new ConfigException(file, prefix + key, "unknown key; known keys here: "
                        + known.stream().sorted().map(k -> prefix + k).toList());
            }
            out.put(key, e.getValue());
        }
        return out;
    }

    /**
     * Enrolment policy of a listener (issue #12 item 5): {@code open}, {@code approve} or {@code allowlist}; a
     * production server defaults to {@code approve}, so a new certificate receives nothing until the operator
     * approves it.
     */
    private EnrolmentPolicy enrolment(Map<String, Object> m, String prefix) throws ConfigException {
        if (!m.containsKey("enrolment")) {
            return EnrolmentPolicy.APPROVE;
        }
        try {
            return EnrolmentPolicy.parse(string(m, "enrolment", prefix), prefix + "enrolment");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, prefix + "enrolment", "must be open, approve or allowlist");
        }
    }

    private String string(Map<String, Object> m, String key, String prefix) throws ConfigException {
        Object v = m.get(key);
        if (v == null || v instanceof Map || v instanceof Iterable) {
            throw new ConfigException(file, prefix + key, "must be a single value");
        }
        return String.valueOf(v);
    }

    private List<String> strings(Map<String, Object> m, String key, String prefix) throws ConfigException {
        Object v = m.get(key);
        if (!(v instanceof List<?> list)) {
            throw new ConfigException(file, prefix + key, "must be a list, e.g. [\"10.20.0.0/16\", \"ems.example\"]");
        }
        List<String> out = new java.util.ArrayList<>();
        for (Object o : list) {
            if (o == null || o instanceof Map || o instanceof Iterable) {
                throw new ConfigException(file, prefix + key, "entries must be single values");
            }
            out.add(String.valueOf(o));
        }
        return out;
    }

    private int integer(Map<String, Object> m, String key, String prefix) throws ConfigException {
        Object v = m.get(key);
        if (v instanceof Integer i) {
            return i;
        }
        throw new ConfigException(file, prefix + key, "must be a whole number, was '" + v + "'");
    }

    private long longValue(Map<String, Object> m, String key, String prefix) throws ConfigException {
        Object v = m.get(key);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw new ConfigException(file, prefix + key, "must be a whole number, was '" + v + "'");
    }

    private boolean bool(Map<String, Object> m, String key, String prefix) throws ConfigException {
        Object v = m.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ConfigException(file, prefix + key, "must be true or false, was '" + v + "'");
    }

    private Duration duration(Map<String, Object> m, String key, String prefix) throws ConfigException {
        String v = string(m, key, prefix);
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new ConfigException(file, prefix + key, "must be an ISO-8601 duration such as PT10S, was '" + v + "'");
        }
    }

    private Path path(Map<String, Object> m, String key, String prefix, boolean required) throws ConfigException {
        if (!m.containsKey(key)) {
            if (required) {
                throw new ConfigException(file, prefix + key, "required");
            }
            return null;
        }
        return file.getParent().resolve(string(m, key, prefix)).normalize();
    }

    private Path existing(Map<String, Object> m, String key, String prefix) throws ConfigException {
        Path p = path(m, key, prefix, true);
        if (!Files.isRegularFile(p)) {
            throw new ConfigException(file, prefix + key, "file " + p + " does not exist");
        }
        return p;
    }

    private char[] password(Map<String, Object> m, String prefix) throws ConfigException {
        if (m.containsKey("keyStorePassword") && m.containsKey("keyStorePasswordFile")) {
            throw new ConfigException(file, prefix + "keyStorePassword", "give keyStorePassword or keyStorePasswordFile, not both");
        }
        if (m.containsKey("keyStorePasswordFile")) {
            Path p = existing(m, "keyStorePasswordFile", prefix);
            try {
                return Files.readString(p, StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new ConfigException(file, prefix + "keyStorePasswordFile", "cannot read: " + e.getMessage());
            }
        }
        if (m.containsKey("keyStorePassword")) {
            return string(m, "keyStorePassword", prefix).toCharArray();
        }
        throw new ConfigException(file, prefix + "keyStorePasswordFile", "required (or keyStorePassword)");
    }
}

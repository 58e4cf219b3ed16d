package org.openvtn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.openvtn.admin.AdminConfig;
import org.openvtn.admin.AdminTokens;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.core.service.StoreLimits;
import org.openvtn.listener.ListenerLimits;
import org.openvtn.oadr20b.push.PushConfig;
import org.openvtn.oadr20b.push.PushUrls;
import org.openvtn.oadr20b.security.OadrSignatureConfig;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.XmlLimits;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.notify.DeliveryPolicy;
import org.openvtn.sep.notify.NotificationTargets;
import org.openvtn.store.DatabaseConfig;
import org.openvtn.server.VtnConfig;

/**
 * The production configuration file of {@code openvtn serve} (YAML). Every key is documented in
 * {@code docs/configuration.md}; an unknown key, a missing required key or a bad value is refused with a message
 * naming the key, before anything starts. {@link ServeYamlReader} binds the file onto the {@link ServeYaml}
 * records (keys and value types); this class maps those onto the builder configs (defaults, files, cross-checks).
 */
final class ServeConfigFile {

    private static final OadrYaml.Oadr NO_OADR = new OadrYaml.Oadr(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null);

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
    private final ConfigFiles files;

    private ServeConfigFile(Path file) {
        this.file = file;
        this.files = new ConfigFiles(file);
    }

    /** Reads and validates the file; relative paths in it are resolved against the file's folder. */
    static Settings load(Path file) throws ConfigException {
        return new ServeConfigFile(file.toAbsolutePath()).parse();
    }

    private Settings parse() throws ConfigException {
        ServeYaml.Root root = read();
        Path dataDir = files.path(root.dataDir(), "dataDir");
        VtnConfig.Builder b = VtnConfig.builder().dataDir(dataDir);
        set(root.vtnId(), b::vtnId);
        OadrYaml.Oadr oadr = root.oadr();
        if (oadr == null || oadr.equals(NO_OADR)) {
            throw new ConfigException(file, "oadr", "required (the OpenADR listener: keyStore, trustAnchors, ...)");
        }
        String p = "oadr.";
        b.oadrHost(oadr.host() != null ? oadr.host() : "0.0.0.0");
        set(oadr.port(), b::oadrPort);
        set(oadr.basePath(), b::basePath);
        set(oadr.pollFreq(), b::pollFreq);
        set(oadr.nearWindow(), b::nearWindow);
        set(oadr.maxBodyBytes(), b::maxBodyBytes);
        Path oadrKeyStore = files.existing(oadr.keyStore(), p + "keyStore");
        char[] oadrPassword = files.password(oadr, p);
        TlsConfig.Builder tls = files.keyStore(TlsConfig.builder().profile(TlsProfile.OPENADR_20B), oadrKeyStore,
                        oadrPassword, p)
                .trustAnchorFile(files.existing(oadr.trustAnchors(), p + "trustAnchors"))
                .strict(Boolean.TRUE.equals(oadr.strictTls()));
        crlAndRevocation(oadr, tls, p);
        try {
            b.tls(tls.build());
        } catch (RuntimeException e) {
            throw new ConfigException(file, "oadr", e.getMessage());
        }
        set(oadr.requireSignatures(), b::requireSignatures);
        set(oadr.signatureReplayWindow(), b::signatureReplayWindow);
        if (Boolean.TRUE.equals(oadr.signResponses())) {
            try {
                b.signResponses(true).signingKeys(OadrSignatureConfig.keysFrom(oadrKeyStore, oadrPassword));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, "oadr.keyStore", e.getMessage());
            }
        }
        b.enrolment(enrolment(oadr.enrolment(), p));
        if (oadr.limits() != null) {
            b.limits(limits(oadr.limits(), ListenerLimits.builder(), p));
        }
        if (root.logging() != null && root.logging().format() != null
                && !LogFormat.FORMATS.contains(root.logging().format())) {
            throw new ConfigException(file, "logging.format", "must be plain or json, not " + root.logging().format());
        }
        if (root.limits() != null) {
            b.storeLimits(storeLimits(root.limits()));
        }
        if (oadr.push() != null) {
            b.push(push(oadr.push()));
        }
        if (root.database() != null) {
            b.database(database(root.database()));
        }
        if (root.admin() != null) {
            b.admin(admin(root.admin(), dataDir));
        }
        VtnConfig vtn;
        try {
            vtn = b.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, "(configuration)", e.getMessage());
        }
        if (root.oadr3() != null) {
            ServeYaml.Oadr3 m = root.oadr3();
            org.openvtn.oadr3.http.Oadr3Config.Builder o = org.openvtn.oadr3.http.Oadr3Config.builder().tls(vtn.tls())
                    .host("0.0.0.0");
            set(m.host(), o::host);
            set(m.port(), o::port);
            set(m.basePath(), o::basePath);
            set(m.mutualTls(), o::mutualTls);
            set(m.tokenLifetime(), o::tokenLifetime);
            set(m.maxBodyBytes(), o::maxBodyBytes);
            Oadr3NotifierYaml notifierYaml = new Oadr3NotifierYaml(file, files::existing, files::ownerOnlySecret);
            o.notifiers(notifierYaml.notifiers(m));
            o.externalAuth(notifierYaml.auth(m.auth()));
            try {
                vtn = vtn.withOadr3(o.build());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, "oadr3." + e.getMessage().substring(0, Math.max(0,
                        e.getMessage().indexOf(':'))), e.getMessage());
            }
        }
        SepConfig sep = root.sep() != null ? sep(root.sep(), vtn) : null;
        return new Settings(vtn, sep);
    }

    /** Poll redelivery and per-participant storage quotas (issue #12 items 6, 8; docs/configuration.md). */
    private StoreLimits storeLimits(ServeYaml.StoreLimits m) throws ConfigException {
        StoreLimits.Builder l = StoreLimits.builder();
        set(m.pollRedeliveryAfter(), l::pollRedeliveryAfter);
        set(m.pollMaxDeliveries(), l::pollMaxDeliveries);
        set(m.maxEventResponsesPerVen(), l::maxEventResponsesPerVen);
        set(m.maxOptsPerVen(), l::maxOptsPerVen);
        set(m.maxTelemetryPerVen(), l::maxTelemetryPerVen);
        set(m.maxLogEventsPerDevice(), l::maxLogEventsPerDevice);
        set(m.maxResponsesPerDevice(), l::maxResponsesPerDevice);
        set(m.maxReadingSetsPerReading(), l::maxReadingSetsPerReading);
        set(m.maxMirrorsPerDevice(), l::maxMirrorsPerDevice);
        try {
            return l.build();
        } catch (IllegalArgumentException e) {
            throw fieldError("limits.", e);
        }
    }

    /** The IEEE 2030.5 listener (docs/ieee-2030.5.md): 2030.5 TLS profile, SERCA trust anchor, the operator's PEN. */
    private SepConfig sep(SepYaml.Sep m, VtnConfig vtn) throws ConfigException {
        String p = "sep.";
        SepConfig.Builder s = SepConfig.builder().clock(vtn.clock())
                .host(m.host() != null ? m.host() : "0.0.0.0")
                .port(m.port() != null ? m.port() : 8444);
        TlsConfig.Builder tls = files.keyStore(TlsConfig.builder().profile(TlsProfile.IEEE_2030_5),
                        files.existing(m.keyStore(), p + "keyStore"), files.password(m, p), p)
                .trustAnchorFile(files.existing(m.trustAnchors(), p + "trustAnchors"));
        crlAndRevocation(m, tls, p);
        try {
            s.tls(tls.build());
        } catch (RuntimeException e) {
            throw new ConfigException(file, "sep", e.getMessage());
        }
        if (m.pen() == null) {
            throw new ConfigException(file, "sep.pen", "required (the operator's IANA Private Enterprise Number that "
                    + "ends every server mRID; 32473 is the documentation placeholder)");
        }
        s.pen(m.pen());
        set(m.pollRate(), s::pollRate);
        set(m.primacy(), s::primacy);
        set(m.dersPerEndDevice(), s::dersPerEndDevice);
        set(m.inBandRegistration(), s::inBandRegistration);
        if (m.eventRetention() != null) {
            Duration r = m.eventRetention();
            if (r.isNegative() || r.getNano() != 0 || r.compareTo(Duration.ofDays(366)) > 0) {
                throw new ConfigException(file, "sep.eventRetention", "must be whole seconds from PT0S to P366D, was "
                        + r);
            }
            s.eventRetention(r);
        }
        set(m.maxBodyBytes(), s::maxBodyBytes);
        if (m.zone() != null) {
            try {
                s.zone(java.time.ZoneId.of(m.zone()));
            } catch (java.time.DateTimeException e) {
                throw new ConfigException(file, "sep.zone", "must be a time zone such as Australia/Sydney, was '"
                        + m.zone() + "'");
            }
        }
        // notificationURIs may not name loopback or private addresses unless listed here (issue #12 item 10)
        List<String> allowed = m.allowedNotificationHosts() != null ? m.allowedNotificationHosts() : List.of();
        DeliveryPolicy.Builder delivery = DeliveryPolicy.builder();
        if (m.notificationLease() != null) {
            try {
                delivery.lease(m.notificationLease()).build();
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, "sep.notificationLease", "must be at least PT1S");
            }
        }
        try {
            s.delivery(delivery.targets(NotificationTargets.publicOnly(allowed)).build());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, "sep.allowedNotificationHosts", e.getMessage());
        }
        s.enrolment(enrolment(m.enrolment(), p));
        if (m.dnsSd() != null && Boolean.TRUE.equals(m.dnsSd().enabled())) {
            try {
                s.dnsSd(new org.openvtn.sep.http.SepDnsSd.Settings(true, m.dnsSd().instance(), m.dnsSd().address()));
            } catch (IllegalArgumentException e) {
                throw fieldError(p, e);
            }
        }
        if (m.limits() != null) {
            s.limits(limits(m.limits(), ListenerLimits.builder(), p));
        }
        boolean validateResponses = !Boolean.FALSE.equals(m.validateResponses());
        // requests are always validated: refusing schema-invalid input is a protocol rule (400), not a debug aid
        SepCodec codec = SepCodec.create(new PublishedSchemas(), XmlLimits.DEFAULT, true, validateResponses);
        if (Boolean.TRUE.equals(m.csipAus())) {
            try {
                codec = codec.withCsipAus();
            } catch (IllegalStateException e) {
                throw new ConfigException(file, "sep.csipAus", e.getMessage());
            }
        }
        s.codec(codec);
        try {
            return s.build();
        } catch (IllegalArgumentException e) {
            throw fieldError(p, e);
        }
    }

    private AdminConfig admin(ServeYaml.Admin m, Path dataDir) throws ConfigException {
        AdminConfig.Builder a = AdminConfig.builder();
        set(m.host(), a::host);
        a.port(m.port() != null ? m.port() : 8081);
        try {
            if (m.tokenFile() != null) {
                Path tokenFile = files.existing(m.tokenFile(), "admin.tokenFile");
                a.token(Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
            } else {
                a.token(AdminTokens.loadOrCreate(dataDir));
            }
        } catch (IOException e) {
            throw new ConfigException(file, "admin.tokenFile", "cannot read: " + e.getMessage());
        }
        if (m.keyStore() != null) {
            a.sslContext(files.serverContext(files.existing(m.keyStore(), "admin.keyStore"),
                    files.password(m.keyStorePassword(), m.keyStorePasswordFile(), "admin.")));
        }
        if (m.limits() != null) {
            a.limits(limits(m.limits(), ListenerLimits.builder().maxThreads(16).maxConnections(100), "admin."));
        }
        set(m.metricsWithoutToken(), a::metricsWithoutToken);
        try {
            return a.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, "admin." + e.getMessage().split(":", 2)[0], e.getMessage());
        }
    }

    /** {@code crl}, {@code maxChainDepth}, {@code <listener>.revocation} and {@code .tlsSession} (issue #12 1, 2). */
    private void crlAndRevocation(ServeYaml.TlsListener listener, TlsConfig.Builder tls, String prefix)
            throws ConfigException {
        if (listener.crl() != null) {
            tls.crlFile(files.existing(listener.crl(), prefix + "crl"));
        }
        set(listener.maxChainDepth(), tls::maxChainDepth);
        ServeYaml.Revocation r = listener.revocation();
        if (r != null) {
            set(r.crlReloadInterval(), tls::crlReloadInterval);
            set(r.crlDistributionPoints(), tls::crlDistributionPoints);
            set(r.softFail(), tls::revocationSoftFail);
            set(r.crlFetchTimeout(), tls::crlFetchTimeout);
            set(r.ocsp(), tls::ocsp);
            set(r.ocspOnlyEndEntity(), tls::ocspOnlyEndEntity);
        }
        ServeYaml.TlsSession sessions = listener.tlsSession();
        if (sessions != null) {
            set(sessions.timeout(), tls::sessionTimeout);
            set(sessions.cacheSize(), tls::sessionCacheSize);
        }
    }

    /** {@code oadr.push} (issue #14): pushes to VENs registered with oadrHttpPullModel=false. */
    private PushConfig push(OadrYaml.Push m) throws ConfigException {
        var b = PushConfig.builder();
        set(m.connectTimeout(), b::connectTimeout);
        set(m.handshakeTimeout(), b::handshakeTimeout);
        set(m.requestTimeout(), b::requestTimeout);
        set(m.maxAttempts(), b::maxAttempts);
        set(m.initialBackoff(), b::initialBackoff);
        set(m.maxBackoff(), b::maxBackoff);
        set(m.concurrency(), b::concurrency);
        set(m.detectUrlForm(), b::detectUrlForm);
        set(m.allowedHosts(), b::allowedHosts);
        set(m.lease(), b::lease);
        try {
            if (m.urlForm() != null) {
                b.urlForm(PushUrls.Form.parse(m.urlForm()));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            String field = msg.startsWith("push.") ? "oadr." + msg.substring(0, msg.indexOf(':')) : "oadr.push";
            throw new ConfigException(file, field, msg.substring(msg.indexOf(':') + 1).strip());
        }
    }

    /** {@code <listener>.limits} (issue #12 item 9). */
    private ListenerLimits limits(ServeYaml.Limits m, ListenerLimits.Builder l, String prefix) throws ConfigException {
        String p = prefix + "limits.";
        set(m.requestHeaderBytes(), l::requestHeaderBytes);
        set(m.idleTimeout(), l::idleTimeout);
        set(m.minRequestDataRate(), l::minRequestDataRate);
        set(m.maxThreads(), l::maxThreads);
        set(m.maxConnections(), l::maxConnections);
        set(m.maxHandshakes(), l::maxHandshakes);
        try {
            return l.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, p + e.getMessage().split(":", 2)[0], e.getMessage());
        }
    }

    /** A builder's "field: reason" message as {@code <prefix>field: reason}. */
    private ConfigException fieldError(String prefix, IllegalArgumentException e) {
        String[] fieldAndReason = e.getMessage().split(": ", 2);
        return new ConfigException(file, prefix + fieldAndReason[0],
                fieldAndReason.length > 1 ? fieldAndReason[1] : e.getMessage());
    }

    private ServeYaml.Root read() throws ConfigException {
        try (InputStream in = Files.newInputStream(file)) {
            return new ServeYamlReader().read(in);
        } catch (IOException e) {
            throw new ConfigException(file, "(file)", "cannot read: " + e.getMessage());
        } catch (org.openvtn.yaml.StrictYaml.Failure e) {
            throw new ConfigException(file, e.key(), e.getMessage());
        }
    }

    /**
     * Enrolment policy of a listener (issue #12 item 5): {@code open}, {@code approve} or {@code allowlist}; a
     * production server defaults to {@code approve}, so a new certificate receives nothing until the operator
     * approves it.
     */
    private EnrolmentPolicy enrolment(String value, String prefix) throws ConfigException {
        if (value == null) {
            return EnrolmentPolicy.APPROVE;
        }
        try {
            return EnrolmentPolicy.parse(value, prefix + "enrolment");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, prefix + "enrolment", "must be open, approve or allowlist");
        }
    }

    /** Hands a value the file sets to the builder; an absent key keeps the builder's default. */
    private static <T> void set(T value, Consumer<? super T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /**
     * {@code database}: a PostgreSQL URL, user and owner-only password file (issue #19). A password file that group
     * or others may read is refused, like a private key left readable.
     */
    private DatabaseConfig database(ServeYaml.Database m) throws ConfigException {
        if (m.url() == null) {
            throw new ConfigException(file, "database.url", "required (jdbc:postgresql://host:5432/openvtn)");
        }
        if (!m.url().startsWith("jdbc:postgresql://")) {
            throw new ConfigException(file, "database.url", "must start with jdbc:postgresql:// (Derby is the default"
                    + " when there is no database section)");
        }
        if (m.user() == null || m.user().isBlank()) {
            throw new ConfigException(file, "database.user", "required");
        }
        String password = m.passwordFile() == null ? null : files.ownerOnlySecret(m.passwordFile(), "database.passwordFile");
        int pool = m.maxPoolSize() == null ? DatabaseConfig.DEFAULT_POOL_SIZE : m.maxPoolSize();
        if (pool < 1 || pool > 1000) {
            throw new ConfigException(file, "database.maxPoolSize", "must be 1..1000");
        }
        return DatabaseConfig.postgres(m.url(), m.user(), password, pool);
    }

}

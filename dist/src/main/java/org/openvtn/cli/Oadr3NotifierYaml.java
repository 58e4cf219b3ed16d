package org.openvtn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.openvtn.oadr3.notify.Oadr3MqttConfig;
import org.openvtn.oadr3.notify.Oadr3NotifierConfig;

/** Maps {@code oadr3.webhooks}, {@code oadr3.mqtt} and {@code oadr3.auth} of the serve YAML (docs/configuration.md, docs/openadr-3.md). */
final class Oadr3NotifierYaml {
    /** Resolves an existing file named in the YAML. */
    interface Files2 {
        Path existing(String value, String key) throws ServeConfigFile.ConfigException;
    }

    /** Reads an owner-only secret file named in the YAML. */
    interface Secrets {
        String read(String value, String key) throws ServeConfigFile.ConfigException;
    }

    private final Path file;
    private final Files2 files;
    private final Secrets secrets;

    Oadr3NotifierYaml(Path file, Files2 files, Secrets secrets) {
        this.file = file;
        this.files = files;
        this.secrets = secrets;
    }

    Oadr3NotifierConfig notifiers(ServeYaml.Oadr3 m) throws ServeConfigFile.ConfigException {
        Oadr3NotifierConfig n = Oadr3NotifierConfig.defaults();
        try {
            ServeYaml.Oadr3Webhooks w = m.webhooks();
            if (w != null) {
                if (w.trustAnchors() != null) {
                    n = n.withTrustAnchors(pem(files.existing(w.trustAnchors(), "oadr3.webhooks.trustAnchors")));
                }
                if (w.timeout() != null) {
                    n = n.withTimeout(w.timeout());
                }
                if (Boolean.TRUE.equals(w.allowPrivateAddresses())) {
                    n = n.withPrivateCallbacks(true); // Definition guideline: check for private IPs (default)
                }
                n = n.withBackoff(w.initialBackoff() != null ? w.initialBackoff() : n.initialBackoff(),
                        w.maxBackoff() != null ? w.maxBackoff() : n.maxBackoff(),
                        w.maxAttempts() != null ? w.maxAttempts() : n.maxAttempts());
            }
            ServeYaml.Oadr3Mqtt q = m.mqtt();
            if (q != null) {
                String password = q.passwordFile() == null ? null
                        : secrets.read(q.passwordFile(), "oadr3.mqtt.passwordFile");
                Oadr3MqttConfig mqtt = new Oadr3MqttConfig(q.url(), q.advertisedUris(), q.clientId(), q.username(),
                        password, q.topicPrefix(), q.qos() == null ? 1 : q.qos());
                if (q.keyStore() != null) { // the VTN's client certificate for a broker with require_certificate
                    if (q.keyStorePasswordFile() == null) {
                        throw new ServeConfigFile.ConfigException(file, "oadr3.mqtt.keyStorePasswordFile",
                                "required with oadr3.mqtt.keyStore");
                    }
                    char[] pw = secrets.read(q.keyStorePasswordFile(), "oadr3.mqtt.keyStorePasswordFile").toCharArray();
                    mqtt = mqtt.withClientCertificate(org.openvtn.certs.pki.PemFiles.readPkcs12(
                            files.existing(q.keyStore(), "oadr3.mqtt.keyStore"), pw), pw);
                }
                n = n.withMqtt(mqtt);
            }
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            String key = msg.contains(":") ? msg.substring(0, msg.indexOf(':')) : "notifiers";
            throw new ServeConfigFile.ConfigException(file, "oadr3." + key, msg.substring(msg.indexOf(':') + 1).strip());
        }
        return n;
    }

    /**
     * {@code oadr3.auth}: null for the built-in token endpoint, else the external authorization server.
     */
    org.openvtn.oadr3.service.Oadr3ExternalAuth auth(ServeYaml.Oadr3Auth a) throws ServeConfigFile.ConfigException {
        if (a == null || a.mode() == null || a.mode().equals("builtin")) {
            return null;
        }
        if (!a.mode().equals("external")) {
            throw new ServeConfigFile.ConfigException(file, "oadr3.auth.mode", "builtin or external, not " + a.mode());
        }
        try {
            return new org.openvtn.oadr3.service.Oadr3ExternalAuth(a.issuer(), a.audience(),
                    uri(a.jwksUrl(), "jwksUrl"), uri(a.tokenUrl(), "tokenUrl"), a.roleClaim(), a.blRole(),
                    a.venRole(), a.clientIdClaim(), a.trustAnchors() == null ? null
                    : pem(files.existing(a.trustAnchors(), "oadr3.auth.trustAnchors"), "oadr3.auth.trustAnchors"),
                    a.clockSkew(), a.jwksMinRefresh());
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            String key = msg.contains(":") ? msg.substring(0, msg.indexOf(':')) : "mode";
            throw new ServeConfigFile.ConfigException(file, "oadr3.auth." + key,
                    msg.substring(msg.indexOf(':') + 1).strip());
        }
    }

    private java.net.URI uri(String value, String key) throws ServeConfigFile.ConfigException {
        try {
            return value == null ? null : new java.net.URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new ServeConfigFile.ConfigException(file, "oadr3.auth." + key, "not a URL: " + e.getMessage());
        }
    }

    private List<X509Certificate> pem(Path p) throws ServeConfigFile.ConfigException {
        return pem(p, "oadr3.webhooks.trustAnchors");
    }

    private List<X509Certificate> pem(Path p, String yamlKey) throws ServeConfigFile.ConfigException {
        try (InputStream in = Files.newInputStream(p)) {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new ServeConfigFile.ConfigException(file, yamlKey, "no certificate in " + p);
            }
            return out;
        } catch (IOException | CertificateException e) {
            throw new ServeConfigFile.ConfigException(file, yamlKey, "cannot read " + p + ": " + e.getMessage());
        }
    }
}

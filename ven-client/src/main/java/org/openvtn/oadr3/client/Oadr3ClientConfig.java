package org.openvtn.oadr3.client;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a 3.1 client (VEN or BL) reaches a VTN: the base URL of the API ({@code https://host:port/openadr3/3.1.0}),
 * the OAuth2 client credentials (RFC 6749 §4.4), the trust anchors for the VTN's TLS certificate (never trust-all)
 * and an optional client certificate for VTNs that require mutual TLS. The MQTT notifier's broker is reached with the
 * same trust anchors and client certificate, and with {@code mqttUsername} / {@code mqttPassword} when the operator's
 * broker requires a password (the 3.1 binding's {@code ANONYMOUS} method says nothing of broker accounts set up out of
 * band). Immutable; {@link Builder#build()} names the bad field; {@link #toString()} shows no secret.
 */
public record Oadr3ClientConfig(URI baseUrl, String clientId, String clientSecret, List<X509Certificate> trustAnchors,
                                KeyStore keyStore, char[] keyPassword, boolean hostnameVerification, Clock clock,
                                Duration connectTimeout, Duration requestTimeout, Duration refreshMargin,
                                String mqttUsername, char[] mqttPassword) {

    /** Never shows the client secret, the key password or the MQTT password. */
    @Override
    public String toString() {
        return "Oadr3ClientConfig[baseUrl=" + baseUrl + ", clientId=" + clientId + ", trustAnchors="
                + trustAnchors.size() + ", clientCertificate=" + (keyStore != null) + ", mqttUsername=" + mqttUsername
                + "]";
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; defaults: hostname verification on, system clock, 10 s connect, 30 s request, 60 s refresh margin. */
    public static final class Builder {
        private String baseUrl;
        private String clientId;
        private String clientSecret;
        private List<X509Certificate> trustAnchors;
        private Path trustAnchorFile;
        private KeyStore keyStore;
        private char[] keyPassword;
        private Path pkcs12;
        private boolean hostnameVerification = true;
        private Clock clock = Clock.systemUTC();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration refreshMargin = Duration.ofSeconds(60);
        private String mqttUsername;
        private char[] mqttPassword;
        private Path mqttPasswordFile;

        /** The API's base URL, e.g. {@code https://vtn.example:8445/openadr3/3.1.0} (https only). */
        public Builder baseUrl(String url) { baseUrl = url; return this; }
        public Builder clientId(String id) { clientId = id; return this; }
        public Builder clientSecret(String secret) { clientSecret = secret; return this; }
        /** Trust anchors (CA certificates) for the VTN's certificate. */
        public Builder trustAnchors(List<X509Certificate> anchors) { trustAnchors = anchors; return this; }
        /** Trust anchors from a PEM file (a whole chain is fine). */
        public Builder trustAnchorFile(Path file) { trustAnchorFile = file; return this; }
        /** Client certificate and key for mutual TLS (optional). */
        public Builder keyStore(KeyStore ks, char[] password) { keyStore = ks; keyPassword = password; return this; }
        /** Client certificate and key as PKCS#12 (optional). */
        public Builder pkcs12(Path file, char[] password) { pkcs12 = file; keyPassword = password; return this; }
        public Builder hostnameVerification(boolean on) { hostnameVerification = on; return this; }
        public Builder clock(Clock c) { clock = c; return this; }
        public Builder connectTimeout(Duration d) { connectTimeout = d; return this; }
        public Builder requestTimeout(Duration d) { requestTimeout = d; return this; }
        /** A token is fetched again this long before it expires (capped at half its lifetime). */
        public Builder refreshMargin(Duration d) { refreshMargin = d; return this; }

        /** User name and password for the VTN's MQTT broker (operator-provisioned, out of band). */
        public Builder mqttCredentials(String username, char[] password) {
            mqttUsername = username;
            mqttPassword = password == null ? null : password.clone();
            return this;
        }

        /** {@link #mqttCredentials(String, char[])} with the password on the first line of an owner-only file. */
        public Builder mqttCredentials(String username, Path passwordFile) {
            mqttUsername = username;
            mqttPasswordFile = passwordFile;
            return this;
        }

        public Oadr3ClientConfig build() {
            if (baseUrl == null || baseUrl.isBlank()) {
                throw new IllegalArgumentException("baseUrl is required");
            }
            URI uri;
            try {
                uri = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("baseUrl is not a URL: " + baseUrl);
            }
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an https URL with a host: " + baseUrl);
            }
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("clientId is required");
            }
            if (clientSecret == null || clientSecret.isEmpty()) {
                throw new IllegalArgumentException("clientSecret is required");
            }
            List<X509Certificate> anchors = trustAnchors;
            if (anchors == null && trustAnchorFile != null) {
                anchors = Oadr3Tls.readCertificates(trustAnchorFile, "trustAnchorFile");
            }
            if (anchors == null || anchors.isEmpty()) {
                throw new IllegalArgumentException("trustAnchors (or trustAnchorFile) is required: no trust-all");
            }
            KeyStore ks = keyStore;
            if (ks == null && pkcs12 != null) {
                ks = Oadr3Tls.readPkcs12(pkcs12, keyPassword, "pkcs12");
            }
            Objects.requireNonNull(clock, "clock");
            for (Duration d : new Duration[] {connectTimeout, requestTimeout}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("connectTimeout/requestTimeout must be positive");
                }
            }
            if (refreshMargin == null || refreshMargin.isNegative()) {
                throw new IllegalArgumentException("refreshMargin must not be negative");
            }
            char[] mqttPw = mqttPasswordFile == null ? mqttPassword
                    : Oadr3Tls.readSecret(mqttPasswordFile, "mqttPasswordFile");
            if (mqttPw != null && (mqttUsername == null || mqttUsername.isBlank())) {
                throw new IllegalArgumentException("mqttUsername is required with an MQTT password");
            }
            return new Oadr3ClientConfig(uri, clientId, clientSecret, List.copyOf(anchors), ks, keyPassword,
                    hostnameVerification, clock, connectTimeout, requestTimeout, refreshMargin, mqttUsername, mqttPw);
        }
    }
}

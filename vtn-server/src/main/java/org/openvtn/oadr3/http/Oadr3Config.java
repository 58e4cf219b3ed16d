package org.openvtn.oadr3.http;

import java.time.Duration;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.listener.ListenerLimits;
import org.openvtn.oadr3.notify.Oadr3NotifierConfig;

/**
 * The OpenADR 3.1 REST listener (issue #20): TLS always (the server certificate of {@code tls}); client certificates
 * only when {@code mutualTls} (off by default: 3.1 clients authenticate with OAuth2 bearer tokens, 3.1 Definition
 * "Security"); access tokens from the built-in client-credentials endpoint.
 *
 * @param tls           the listener's TLS profile and server credential
 * @param host          bind address
 * @param port          port, 0 = any free port
 * @param basePath      path prefix of the API, e.g. {@code /openadr3/3.1.0}
 * @param mutualTls     require a client certificate chaining to the trust anchors as well as the token
 * @param tokenLifetime lifetime of issued access tokens
 * @param maxBodyBytes  request body bound (413 above it)
 * @param limits        listener bounds
 * @param notifiers     webhook delivery (trust anchors, timeout, retries) and the MQTT notifier, if any
 * @param externalAuth  an external authorization server whose tokens are validated instead of this VTN's own; null
 *                      = the built-in token endpoint
 */
public record Oadr3Config(TlsConfig tls, String host, int port, String basePath, boolean mutualTls,
                          Duration tokenLifetime, int maxBodyBytes, ListenerLimits limits,
                          Oadr3NotifierConfig notifiers,
                          org.openvtn.oadr3.service.Oadr3ExternalAuth externalAuth) {

    /** Default port of {@code openvtn dev}. */
    public static final int DEV_PORT = 8445;
    public static final String DEFAULT_BASE_PATH = "/openadr3/3.1.0";

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; {@link #build()} validates and names the bad field. */
    public static final class Builder {
        private TlsConfig tls;
        private String host = "127.0.0.1";
        private int port = DEV_PORT;
        private String basePath = DEFAULT_BASE_PATH;
        private boolean mutualTls;
        private Duration tokenLifetime = Duration.ofHours(1);
        private int maxBodyBytes = 256 * 1024;
        private ListenerLimits limits = ListenerLimits.builder().maxThreads(32).build();
        private Oadr3NotifierConfig notifiers = Oadr3NotifierConfig.defaults();
        private org.openvtn.oadr3.service.Oadr3ExternalAuth externalAuth;

        private Builder() {
        }

        public Builder tls(TlsConfig t) { tls = t; return this; }
        public Builder host(String h) { host = h; return this; }
        public Builder port(int p) { port = p; return this; }
        public Builder basePath(String p) { basePath = p; return this; }
        public Builder mutualTls(boolean m) { mutualTls = m; return this; }
        public Builder tokenLifetime(Duration d) { tokenLifetime = d; return this; }
        public Builder maxBodyBytes(int n) { maxBodyBytes = n; return this; }
        public Builder limits(ListenerLimits l) { limits = l; return this; }
        public Builder notifiers(Oadr3NotifierConfig n) { notifiers = n; return this; }
        /** @param a an external authorization server whose tokens are validated; null = the built-in one */
        public Builder externalAuth(org.openvtn.oadr3.service.Oadr3ExternalAuth a) { externalAuth = a; return this; }

        public Oadr3Config build() {
            if (tls == null) {
                throw new IllegalArgumentException("tls: required (the 3.1 listener serves HTTPS only)");
            }
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host: required");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: must be 0..65535");
            }
            if (basePath == null || !(basePath.isEmpty() || (basePath.startsWith("/") && !basePath.endsWith("/")))) {
                throw new IllegalArgumentException("basePath: empty or /segments without a trailing slash");
            }
            if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()) {
                throw new IllegalArgumentException("tokenLifetime: must be > 0");
            }
            if (maxBodyBytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes: must be at least 1024");
            }
            if (limits == null) {
                throw new IllegalArgumentException("limits: required");
            }
            if (notifiers == null) {
                throw new IllegalArgumentException("notifiers: required");
            }
            return new Oadr3Config(tls, host, port, basePath, mutualTls, tokenLifetime, maxBodyBytes, limits,
                    notifiers, externalAuth);
        }
    }
}

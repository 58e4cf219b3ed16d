package org.openvtn.admin;

import org.openvtn.listener.ListenerLimits;

import javax.net.ssl.SSLContext;

/**
 * Immutable configuration of the admin REST listener.
 *
 * @param host         bind address ({@code 127.0.0.1} by default)
 * @param port         port, 0 = ephemeral
 * @param token        bearer token (at least 16 characters)
 * @param sslContext   server TLS context for HTTPS; null = plain HTTP, only allowed on a loopback
 *                     host (dev mode)
 * @param maxBodyBytes request body bound (413 above it)
 * @param limits       listener bounds: header size, idle timeout, minimum body rate, threads (issue #12 item 9)
 * @param metricsWithoutToken {@code GET /metrics} answers without the bearer token (a Prometheus scraper on a
 *                     private network, issue #19); off by default
 */
public record AdminConfig(String host, int port, String token, SSLContext sslContext, int maxBodyBytes,
                          ListenerLimits limits, boolean metricsWithoutToken) {

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; {@link #build()} validates and names the bad field. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String token;
        private SSLContext sslContext;
        private int maxBodyBytes = 256 * 1024;
        private ListenerLimits limits = ListenerLimits.builder().maxThreads(16).maxConnections(100).build();
        private boolean metricsWithoutToken;

        private Builder() {
        }

        public Builder host(String h) { host = h; return this; }
        public Builder port(int p) { port = p; return this; }
        public Builder token(String t) { token = t; return this; }
        /** Enables HTTPS (production). */
        public Builder sslContext(SSLContext c) { sslContext = c; return this; }
        public Builder maxBodyBytes(int n) { maxBodyBytes = n; return this; }
        /** Admin listener bounds (default: as {@link ListenerLimits#DEFAULT} with 16 threads, 100 connections). */
        public Builder limits(ListenerLimits l) { limits = l; return this; }
        /** Serves {@code GET /metrics} without the bearer token (default false: the token is required). */
        public Builder metricsWithoutToken(boolean b) { metricsWithoutToken = b; return this; }

        public AdminConfig build() {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host: required");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: must be 0..65535");
            }
            if (token == null || token.length() < 16) {
                throw new IllegalArgumentException("token: at least 16 characters required");
            }
            if (sslContext == null && !isLoopback(host)) {
                throw new IllegalArgumentException("sslContext: plain HTTP is only allowed on a loopback host; "
                        + "configure TLS to listen on " + host);
            }
            if (maxBodyBytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes: must be >= 1024");
            }
            if (limits == null) {
                throw new IllegalArgumentException("limits: required");
            }
            return new AdminConfig(host, port, token, sslContext, maxBodyBytes, limits, metricsWithoutToken);
        }

        /**
         * Compares addresses, not spellings (issue #12 item 10): {@code 127.evil.example} or {@code 127.0.0.1.nip.io}
         * are names, and only a name every address of which is a loopback address counts.
         */
        static boolean isLoopback(String h) {
            String host = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
            try {
                java.net.InetAddress[] all = java.net.InetAddress.getAllByName(host);
                for (java.net.InetAddress a : all) {
                    if (!a.isLoopbackAddress()) {
                        return false;
                    }
                }
                return all.length > 0;
            } catch (java.net.UnknownHostException | SecurityException e) {
                return false;
            }
        }
    }
}

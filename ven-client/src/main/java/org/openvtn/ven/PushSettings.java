package org.openvtn.ven;

import java.security.cert.X509Certificate;
import java.util.List;

import java.net.URI;

import io.netty.handler.ssl.SslContext;
import org.openvtn.certs.tls.TlsFactory;

/**
 * The validated push listener settings of one client (null in {@link VenSettings} for a pull VEN).
 *
 * @param host            the address the listener binds
 * @param port            the port, 0 for any free one
 * @param url             the advertised root address (oadrTransportAddress), or null for {@code https://host:port}
 * @param vtnCertificates certificates allowed to push besides the ones the VTN presents to this client
 * @param ssl             the server-role TLS context (client certificates required, OpenADR 2.0b suites)
 */
record PushSettings(String host, int port, String url, List<X509Certificate> vtnCertificates, SslContext ssl) {

    /** Validates the builder's push fields (null when push is off), naming the bad field. */
    static PushSettings validate(String pushHost, int pushPort, String pushUrl, List<X509Certificate> pushVtnCertificates,
                                 TlsFactory builtFactory) {
        if (pushHost == null && pushPort < 0) {
            if (pushUrl != null) {
                throw new IllegalArgumentException("pushUrl needs pushListener(host, port)");
            }
            return null;
        }
        if (pushHost == null || pushHost.isBlank()) {
            throw new IllegalArgumentException("pushListener host is required");
        }
        if (pushPort < 0 || pushPort > 65535) {
            throw new IllegalArgumentException("pushListener port must be 0..65535, was " + pushPort);
        }
        String url = null;
        if (pushUrl != null) {
            url = pushUrl.strip();
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            URI u;
            try {
                u = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pushUrl is not a URL: " + pushUrl);
            }
            if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null || u.getRawQuery() != null) {
                throw new IllegalArgumentException("pushUrl must be https://host[:port][/path], was " + pushUrl);
            }
        } else if (pushHost.equals("0.0.0.0") || pushHost.equals("::") || pushHost.equals("[::]")) {
            throw new IllegalArgumentException("pushUrl is required when pushListener binds the wildcard address "
                    + pushHost);
        }
        try {
            return new PushSettings(pushHost, pushPort, url, List.copyOf(pushVtnCertificates),
                    builtFactory.nettyServerContext());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("pushListener: no server TLS context: " + e.getMessage(), e);
        }
    }
}

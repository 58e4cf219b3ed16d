package org.openvtn.ven;

import java.security.cert.X509Certificate;
import java.util.List;

import io.netty.handler.ssl.SslContext;

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
}

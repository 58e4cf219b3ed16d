package org.openvtn.conformance.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.http.HttpsProbe;

/**
 * The push VEN's listener (2.0b profile 9.1.2 service URL, profile 10 mutual TLS): a caller with a certificate of
 * the PKI gets the installed synchronous answer and is recorded with its certificate; a caller without a client
 * certificate is refused in the handshake and nothing is recorded.
 */
class PushListenerIT {

    private static final TestPki PKI = TestPki.shared();

    @Test
    void answersMutualTlsCallersAndRefusesOthers() throws Exception {
        var ven = PKI.files("ven-ecc-0001");
        TlsConfig tls = TlsConfig.builder().profile(TlsProfile.OPENADR_20B).pem(ven.chain(), ven.key())
                .trustAnchorFile(PKI.pki().caFile()).build();
        try (PushListener l = PushListener.start(tls, "127.0.0.1", 0, Clock.systemUTC())) {
            l.responder(body -> body.equals("<ping/>") ? "<pong/>" : "");
            URI uri = URI.create(l.localUrl() + "/OpenADR2/Simple/2.0b/EiEvent");
            try (HttpsProbe vtn = HttpsProbe.create(TlsFactory.of(PKI.oadrClientConfig(PKI.vtnEcc())
                    .hostnameVerification(false).build()).clientSslContext(), null, Duration.ofSeconds(10))) {
                Exchange ex = vtn.send("push", "POST", uri, "application/xml", "<ping/>");
                assertEquals(200, ex.status(), () -> String.valueOf(ex.error()));
                assertEquals("<pong/>", ex.responseBody());
            }
            Optional<PushListener.Received> r = l.await(0, x -> true, Duration.ofSeconds(5));
            assertTrue(r.isPresent());
            assertEquals("EiEvent", r.get().service());
            assertEquals("<pong/>", r.get().exchange().responseBody());
            assertNotNull(r.get().exchange().tls());
            assertTrue(r.get().exchange().tls().peerSubject().contains("vtn-ecc"), r.get().exchange().tls().peerSubject());

            // trusts the CA, offers no certificate (plain JSSE: our TlsConfig refuses to build such a client)
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int n = 0;
            for (var c : org.openvtn.certs.pki.PemFiles.readCertificates(PKI.pki().caFile())) {
                trust.setCertificateEntry("ca" + n++, c);
            }
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            javax.net.ssl.SSLContext anonymous = javax.net.ssl.SSLContext.getInstance("TLS");
            anonymous.init(null, tmf.getTrustManagers(), null);
            javax.net.ssl.SSLParameters p = new javax.net.ssl.SSLParameters();
            p.setProtocols(new String[] {"TLSv1.2"});
            p.setCipherSuites(TlsProfile.OPENADR_20B.mandatedCipherSuites().toArray(new String[0]));
            try (HttpsProbe stranger = HttpsProbe.create(anonymous, p, Duration.ofSeconds(10))) {
                Exchange ex = stranger.send("push", "POST", uri, "application/xml", "<ping/>");
                assertTrue(ex.error() != null && ex.error().contains("handshake"),
                        () -> "answered without a client certificate: " + ex.status() + " " + ex.error());
            }
            assertEquals(1, l.count(), "the refused caller is not recorded");
        }
    }
}

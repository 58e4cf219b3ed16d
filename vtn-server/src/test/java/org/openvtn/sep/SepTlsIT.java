package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.tls.TlsFactory;

/**
 * The 2030.5 listener's TLS profile (IEEE 2030.5-2018 §6.11; CSIP COMM-003/004): TLS 1.2 with
 * TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, client certificate from the SERCA chain required.
 */
class SepTlsIT {
    private static SepFixture fx;

    @BeforeAll
    static void start() {
        fx = new SepFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static SSLSocket handshake(Credential c) throws IOException {
        SSLSocket s = (SSLSocket) TlsFactory.of(SepFixture.PKI.sepClientConfig(c).build()).clientSslContext()
                .getSocketFactory().createSocket("127.0.0.1", fx.server.port());
        s.setSoTimeout(20_000);
        s.startHandshake();
        return s;
    }

    /** CSIP COMM-003: the negotiated suite is CCM_8 on TLS 1.2, also for a depth-4 chain (COMM-004). */
    @Test
    void negotiatesCcm8() throws Exception {
        for (Credential c : new Credential[] {SepFixture.PKI.device(), SepFixture.PKI.deviceViaMca()}) {
            try (SSLSocket s = handshake(c)) {
                assertEquals("TLSv1.2", s.getSession().getProtocol());
                assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", s.getSession().getCipherSuite());
            }
        }
    }

    /** A device certificate from an untrusted SERCA never reaches the handler. */
    @Test
    void untrustedDeviceRefused() {
        assertThrows(IOException.class, () -> {
            try (SSLSocket s = handshake(SepFixture.PKI.deviceUnknownSerca())) {
                s.getOutputStream().write("GET /dcap HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                s.getOutputStream().flush();
                if (s.getInputStream().read() < 0) {
                    throw new IOException("closed");
                }
            }
        });
    }
}

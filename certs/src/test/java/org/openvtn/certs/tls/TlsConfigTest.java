package org.openvtn.certs.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;

/** TlsConfig validation and the profile settings each standard mandates. */
class TlsConfigTest {

    private final TestPki pki = TestPki.shared();

    /** build() fails fast and names the bad field. */
    @Test
    void validationNamesTheField() {
        assertMessage("profile", TlsConfig.builder());
        assertMessage("keyStore", TlsConfig.builder().profile(TlsProfile.OPENADR_20B));
        assertMessage("trustAnchors", TlsConfig.builder().profile(TlsProfile.OPENADR_20B).credentials(pki.venEcc()));
        assertMessage("maxChainDepth", pki.oadrClientConfig(pki.venEcc()).maxChainDepth(1));
        assertMessage("provider", pki.sepClientConfig(pki.device()).provider(TlsProvider.JDK));
        assertMessage("keyStore", pki.sepClientConfig(pki.venRsa()));
        // issue #12 items 1, 2: revocation and session bounds
        assertMessage("crlReloadInterval", pki.oadrClientConfig(pki.venEcc()).crlReloadInterval(Duration.ofSeconds(-1)));
        assertMessage("crlFetchTimeout", pki.oadrClientConfig(pki.venEcc()).crlFetchTimeout(Duration.ZERO));
        assertMessage("sessionTimeout", pki.oadrClientConfig(pki.venEcc()).sessionTimeout(Duration.ZERO));
        assertMessage("sessionCacheSize", pki.oadrClientConfig(pki.venEcc()).sessionCacheSize(0));
        assertMessage("clock", pki.oadrClientConfig(pki.venEcc()).clock(null));
    }

    /** Issue #12 item 2: secure defaults, and the session bounds reach the SSLContext's session caches. */
    @Test
    void revocationAndSessionDefaults() {
        TlsConfig c = pki.oadrServerConfig().build();
        assertEquals(Duration.ofSeconds(30), c.crlReloadInterval());
        assertFalse(c.crlDistributionPoints());
        assertFalse(c.ocsp());
        assertFalse(c.revocationSoftFail());
        assertEquals(List.of(pki.revocationCrl()), c.crlFiles());
        TlsFactory f = TlsFactory.of(pki.oadrServerConfig().sessionTimeout(Duration.ofMinutes(2)).sessionCacheSize(77)
                .build());
        assertEquals(120, f.serverSslContext().getServerSessionContext().getSessionTimeout());
        assertEquals(77, f.serverSslContext().getServerSessionContext().getSessionCacheSize());
        assertEquals(1, f.revocation().crls().size());
        assertEquals(0, f.revocation().staleCrls());
    }

    /** OpenADR 2.0b conformance rule 67: both mandated suites are enabled, also in strict mode. */
    @Test
    void openAdrSuites() {
        TlsFactory strict = TlsFactory.of(pki.oadrServerConfig().strict(true).build());
        assertArrayEquals(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256"},
                strict.cipherSuites());
        assertArrayEquals(new String[] {"TLSv1.2"}, strict.protocols());
        TlsFactory relaxed = TlsFactory.of(pki.oadrServerConfig().build());
        assertTrue(List.of(relaxed.cipherSuites()).containsAll(TlsProfile.OPENADR_20B.mandatedCipherSuites()));
        assertTrue(List.of(relaxed.protocols()).contains("TLSv1.3"));
    }

    /** Jetty excludes TLS_RSA_* by default; configureJetty must undo that and require client certificates. */
    @Test
    void jettyConfiguration() throws Exception {
        SslContextFactory.Server f = new SslContextFactory.Server();
        TlsFactory.of(pki.oadrServerConfig().strict(true).build()).configureJetty(f);
        assertTrue(f.getNeedClientAuth());
        assertEquals(0, f.getExcludeCipherSuites().length);
        f.start();
        try {
            assertTrue(List.of(f.getSelectedCipherSuites()).contains("TLS_RSA_WITH_AES_128_CBC_SHA256"));
        } finally {
            f.stop();
        }
    }

    /** IEEE 2030.5 §6.11 / CSIP COMM-003: CCM_8 only, TLS 1.2 only, on Bouncy Castle JSSE. */
    @Test
    void ieee2030dot5Settings() {
        TlsFactory f = TlsFactory.of(pki.sepServerConfig().build());
        assertArrayEquals(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"}, f.cipherSuites());
        assertArrayEquals(new String[] {"TLSv1.2"}, f.protocols());
        assertEquals("BCJSSE", f.provider().getName());
        assertEquals(List.of("secp256r1"), TlsProfile.IEEE_2030_5.namedGroups());
    }

    private static void assertMessage(String field, TlsConfig.Builder b) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
    }
}

package org.openvtn.conformance.sep;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.openvtn.certs.tls.BcProviders;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.certs.tls.TlsProvider;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.TlsInfo;
import org.openvtn.conformance.http.HttpsProbe;

/** TLS cases: IEEE 2030.5-2018 §6.11 (TLS 1.2, CCM_8, mutual authentication), CSIP COMM-003 and COMM-004. */
final class TlsCases {

    static final String CCM_8 = "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8";
    static final String PROFILE = "sep.tls.profile";
    static final String CLIENT_CERT = "sep.tls.client-certificate-required";
    static final String ONLY_PROFILE = "sep.tls.profile-only";
    static final String CHAIN = "sep.tls.chain";

    private TlsCases() {
    }

    static List<SepCase> cases() {
        return List.of(
                SepCase.must(List.of("COMM-003"), "TLS 1.2 with TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 and client"
                                + " certificate authentication; a client without certificate is refused",
                        "IEEE 2030.5-2018 §6.11; CSIP COMM-003", Set.of(), TlsCases::comm003),
                SepCase.must(List.of("COMM-004", "COMM-004A", "COMM-004B", "COMM-004C", "COMM-004D", "COMM-004E",
                                "COMM-004F", "COMM-004G"),
                        "Device certificate chains: depth-4 chain (SERCA-MCA-MICA-device) accepted; bad MICA EKU,"
                                + " policy mapping, self-signed device and unknown SERCA refused",
                        "IEEE 2030.5-2018 §6.11.8 certificates; CSIP COMM-004", Set.of(), TlsCases::comm004));
    }

    private static void comm003(CaseContext ctx, SepSession s) throws GeneralSecurityException {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        c.dcap();
        SepReply r = c.get("GET DeviceCapability (TLS evidence)", s.dcap().toString());
        TlsInfo tls = r.exchange().tls();
        SepCases.check(ctx, tls != null && "TLSv1.2".equals(tls.protocol()), PROFILE, "TLS protocol",
                "negotiated " + (tls == null ? "nothing" : tls.protocol()) + ", expected TLSv1.2");
        SepCases.check(ctx, tls != null && CCM_8.equals(tls.cipherSuite()), PROFILE, "TLS cipher suite",
                "negotiated " + (tls == null ? "nothing" : tls.cipherSuite()) + ", expected " + CCM_8);
        SepCases.check(ctx, tls != null && tls.peerCertificatePem() != null, PROFILE, "server certificate",
                "the server presented no certificate");

        // No client certificate: the handshake (or at least the request) must be refused.
        SSLContext noCert = SSLContext.getInstance("TLS", BcProviders.jsse());
        noCert.init(null, new TrustManager[] {new AcceptAny()}, null);
        SSLParameters p = new SSLParameters(new String[] {CCM_8}, new String[] {"TLSv1.2"});
        refused(ctx, s, noCert, p, "GET DeviceCapability without client certificate", CLIENT_CERT, true);

        // Other protocol versions and suites than the profile's: SHOULD be refused (the profile is TLS 1.2 + CCM_8).
        TlsConfig jdk = TlsConfig.builder().profile(TlsProfile.OPENADR_20B).provider(TlsProvider.JDK)
                .pem(s.mainDevice().chain(), s.mainDevice().key()).trustAnchorFile(s.target().caCertificate())
                .hostnameVerification(false).build();
        SSLContext jdkContext = TlsFactory.of(jdk).clientSslContext();
        refused(ctx, s, jdkContext, new SSLParameters(new String[] {"TLS_AES_128_GCM_SHA256"},
                new String[] {"TLSv1.3"}), "GET DeviceCapability over TLS 1.3", ONLY_PROFILE, false);
        refused(ctx, s, jdkContext, new SSLParameters(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
                new String[] {"TLSv1.2"}), "GET DeviceCapability with TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                ONLY_PROFILE, false);
    }

    /** Sends one GET over the given TLS settings; a served DeviceCapability is a violation. */
    private static void refused(CaseContext ctx, SepSession s, SSLContext context, SSLParameters params, String label,
                                String rule, boolean must) {
        try (HttpsProbe probe = s.probe(context, params)) {
            Exchange e = probe.send(label, "GET", s.dcap(), null, null);
            ctx.record(e);
            boolean served = e.error() == null && e.status() >= 200 && e.status() < 300;
            String msg = "the target served " + label + " (status " + e.status() + ", negotiated "
                    + (e.tls() == null ? "?" : e.tls().protocol() + " " + e.tls().cipherSuite()) + ")";
            if (must) {
                SepCases.check(ctx, !served, rule, label, msg);
            } else {
                SepCases.should(ctx, !served, rule, label, msg);
            }
            if (!served) {
                ctx.note(label + ": refused (" + (e.error() != null ? e.error() : "status " + e.status()) + ")");
            }
        }
    }

    private static void comm004(CaseContext ctx, SepSession s) {
        Optional<DeviceIdentity> mca = DeviceIdentity.bad(s.pkiDir().orElse(null), "device-via-mca");
        if (mca.isEmpty()) {
            throw ctx.skip("the PKI directory has no bad/ folder with device-via-mca and the bad device chains"
                    + " (written by the test PKI); cannot exercise COMM-004 chains");
        }
        SepClientHarness good = s.client(ctx, mca.get());
        SepReply ok = good.get("GET DeviceCapability as a device under SERCA-MCA-MICA (depth 4)", s.dcap().toString());
        SepCases.check(ctx, !ok.transportError() && ok.status() == 200, CHAIN, "device-via-mca",
                "a valid depth-4 chain was not served: " + ok.describe());
        for (String bad : List.of("bad-device-mica-eku", "bad-device-policy-mapping", "bad-device-self-signed",
                "bad-device-unknown-serca")) {
            Optional<DeviceIdentity> id = DeviceIdentity.bad(s.pkiDir().get(), bad);
            if (id.isEmpty()) {
                ctx.note(bad + ": not in the PKI directory, not tried");
                continue;
            }
            SSLContext context = TlsFactory.of(id.get().tlsConfig(s.target().caCertificate(), false))
                    .clientSslContext();
            refused(ctx, s, context, null, "GET DeviceCapability as " + bad, CHAIN, true);
        }
    }

    /** The no-certificate probe is about the server's demand for a client certificate, not the server's chain. */
    private static final class AcceptAny implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // client role only
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // deliberately accepts: this probe tests the server's client-certificate requirement only
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

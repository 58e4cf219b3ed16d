package org.openvtn.conformance.oadr20b.ven;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.openvtn.certs.identity.OadrFingerprint;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.TlsInfo;
import org.openvtn.conformance.http.HttpsProbe;
import org.openvtn.conformance.target.TargetTls;

/**
 * The harness VTN's push client (2.0b push exchange model, profile 9.1.2): POSTs a payload to
 * {@code <oadrTransportAddress>/OpenADR2/Simple/2.0b/<service>} with mutual TLS (the harness VTN's certificate as
 * client certificate, the target's CA as trust anchor; TLS 1.2 and the mandated suites only unless {@code strictTls}
 * is false; host name verification per {@code verifyHostname}), checks
 * that the VEN's listener presents the certificate the VEN registered with (same OpenADR fingerprint), and hands the
 * synchronous answer to the harness like a payload the VEN posted.
 */
final class VtnPusher implements AutoCloseable {
    /** Rule: the VEN's push listener presents the certificate (fingerprint) the VEN registered with. */
    static final String VEN_CERTIFICATE = "oadr.push.venCertificate";

    private final HttpsProbe probe;

    private VtnPusher(HttpsProbe probe) {
        this.probe = probe;
    }

    static VtnPusher of(CaseContext ctx) {
        VtnHarness h = VtnHarness.of(ctx);
        return ctx.shared(VtnPusher.class, () -> new VtnPusher(HttpsProbe.create(TlsFactory.of(h.clientTls()
                .hostnameVerification(TargetTls.verifyHostname(ctx.target())).build()).clientSslContext(), null,
                TargetTls.httpTimeout(ctx.target()))));
    }

    /** The 2.0b service a VTN-sent message is pushed to. */
    static String serviceOf(String payload) {
        for (String[] m : List.of(new String[] {"oadrDistributeEvent", "EiEvent"},
                new String[] {"oadrCreateReport", "EiReport"}, new String[] {"oadrCancelReport", "EiReport"},
                new String[] {"oadrRegisterReport", "EiReport"},
                new String[] {"oadrCancelPartyRegistration", "EiRegisterParty"},
                new String[] {"oadrRequestReregistration", "EiRegisterParty"})) {
            if (payload.contains(":" + m[0] + " ")) {
                return m[1];
            }
        }
        throw new IllegalArgumentException("not a payload a VTN pushes");
    }

    /** Pushes {@code payload}; returns the harness arrival number from which its effects are awaited. */
    int push(CaseContext ctx, VtnHarness harness, String payload) {
        String address = harness.state.transportAddress();
        if (address == null) {
            throw ctx.fail("oadr.push.transportAddress", "oadrTransportAddress",
                    "the VEN registered without oadrTransportAddress / with oadrHttpPullModel true; nothing to push to");
        }
        int from = harness.count();
        String service = serviceOf(payload);
        URI url = URI.create(address.replaceAll("/+$", "") + "/OpenADR2/Simple/2.0b/" + service);
        Exchange ex = probe.send("push " + service, "POST", url, "application/xml", payload);
        ctx.record(ex);
        if (ex.error() != null || ex.status() != 200) {
            throw ctx.fail("oadr.push.accepted", url.toString(), "the VEN's listener did not accept the push: "
                    + (ex.error() != null ? ex.error() : "HTTP " + ex.status()));
        }
        checkCertificate(ctx, harness, ex.tls());
        if (ex.responseBody() != null && !ex.responseBody().isBlank()) {
            harness.acceptPushAnswer(service, ex.responseBody(), ex.tls(), ex.received() == null ? Instant.now()
                    : ex.received());
        }
        return from;
    }

    private static void checkCertificate(CaseContext ctx, VtnHarness harness, TlsInfo tls) {
        String registered = harness.received().stream().filter(m -> !m.exchange().label().endsWith(
                        VtnHarness.PUSH_ANSWER)).map(m -> m.exchange().tls())
                .filter(t -> t != null && t.peerCertificatePem() != null).findFirst()
                .map(t -> fingerprint(t.peerCertificatePem())).orElse(null);
        String listener = tls == null || tls.peerCertificatePem() == null ? null : fingerprint(tls.peerCertificatePem());
        if (registered != null) {
            ctx.check(registered.equals(listener), () -> RuleViolation.must(VEN_CERTIFICATE, "TLS",
                    "the push listener presented fingerprint " + listener + ", the VEN registered with " + registered));
        }
    }

    static String fingerprint(String pem) {
        try {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return OadrFingerprint.of(c);
        } catch (java.security.GeneralSecurityException e) {
            return "(unreadable certificate)";
        }
    }

    @Override
    public void close() {
        probe.close();
    }
}
